"""iCalendar attachments for meetings, and reading the replies calendar clients send back.

There is deliberately no ORGANIZER. iTIP (RFC 5546) makes ORGANIZER the address
that REQUEST invitations are answered to: clients show accept/decline buttons
and mail a METHOD:REPLY there, and some refuse a REQUEST without one. We do not
want to present the bot as a meeting organiser that manages attendance through
calendar replies, so announcements and reminders use METHOD:PUBLISH, which asks
for no reply and makes clients offer a plain "add to calendar". (RFC 5546 lists
ORGANIZER for PUBLISH too, but common clients import a PUBLISH without it.)
REQUEST and CANCEL are available for callers that accept this trade-off.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

from mailbot.meetings.model import Meeting

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]

PRODID = "-//mailbot//leerkring meetings//EN"
_CANCELLED_PREFIX = {"nl": "Geannuleerd: ", "en": "Cancelled: "}
_REPLY_PARTSTATS = frozenset({"ACCEPTED", "DECLINED", "TENTATIVE"})


class CalendarReply(NamedTuple):
    uid: str
    partstat: str  # ACCEPTED, DECLINED or TENTATIVE
    attendee: str  # the e-mail address, without "mailto:"
    comment: str = ""  # what the person typed with their answer (COMMENT)


def meeting_uid(meeting_id: str, domain: str) -> str:
    """Stable across updates, so clients replace the event instead of adding a second one."""
    return f"{meeting_id}@{domain}"


def meeting_id_from_uid(uid: str, domain: str) -> str | None:
    """The meeting id in a UID we issued (``m1@example.org`` -> ``m1``), or None for a foreign UID."""
    meeting_id, at, uid_domain = uid.strip().rpartition("@")
    if not at or not meeting_id or uid_domain.lower() != domain.lower():
        return None
    return meeting_id


def meeting_ics(
    meeting: Meeting,
    *,
    tz_name: str,
    domain: str,
    sequence: int,
    method: Method = "PUBLISH",
    attendee: str | None = None,
    lang: str = "nl",
    stamp: datetime | None = None,
) -> bytes:
    """One VCALENDAR with a VTIMEZONE and the meeting as a VEVENT in local time.

    ``sequence`` must grow with every change the participant is told about (store
    it next to the meeting's fingerprint). ``attendee`` is only allowed with
    REQUEST and CANCEL, because RFC 5546 forbids ATTENDEE in PUBLISH. ``lang``
    picks the meeting's words (title, location, programme) and words the SUMMARY prefix of a
    cancellation. ``stamp`` (DTSTAMP) defaults to now.
    """
    meeting = meeting.in_language(lang)
    if sequence < 0:
        raise ValueError("sequence must not be negative")
    if attendee is not None and method == "PUBLISH":
        raise ValueError("RFC 5546 forbids ATTENDEE in a PUBLISH; use REQUEST or CANCEL")
    tz = ZoneInfo(tz_name)
    cancelled = method == "CANCEL"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting.id, domain))
    event.add("sequence", sequence)
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", meeting.start.astimezone(tz))
    event.add("dtend", meeting.end.astimezone(tz))
    prefix = _CANCELLED_PREFIX["nl" if lang.lower().startswith("nl") else "en"] if cancelled else ""
    event.add("summary", prefix + meeting.title)
    event.add("location", ", ".join(part for part in (meeting.location, meeting.address) if part))
    if meeting.programme:
        event.add("description", meeting.programme)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if attendee is not None:
        event.add("attendee", vCalAddress(f"mailto:{attendee}"))
    calendar.add_component(event)
    # A VTIMEZONE covering just the meeting keeps the attachment small (the default spans 1970-2038).
    first_day = meeting.start.astimezone(tz).date() - timedelta(days=1)
    last_day = meeting.end.astimezone(tz).date() + timedelta(days=1)
    calendar.add_missing_timezones(first_date=first_day, last_date=last_day)
    ical: bytes = calendar.to_ical()
    return ical


def parse_calendar_reply(data: bytes) -> list[CalendarReply]:
    """The attendance answers in an incoming METHOD:REPLY; [] for anything else, garbage included."""
    try:
        calendars = Calendar.from_ical(data, multiple=True)
        return [reply for calendar in calendars for reply in _replies_in(calendar)]
    except Exception:  # attachments are untrusted input; a malformed one must not stop the runner
        return []


def _replies_in(calendar: Calendar) -> list[CalendarReply]:
    if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
        return []
    replies: list[CalendarReply] = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        attendees = event.get("ATTENDEE")
        if not uid or attendees is None:
            continue
        comment = " ".join(str(event.get("COMMENT", "")).split())
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            partstat = str(attendee.params.get("PARTSTAT", "")).strip().upper()
            address = str(attendee).strip()
            if address.lower().startswith("mailto:"):
                address = address[len("mailto:") :]
            if partstat in _REPLY_PARTSTATS and address:
                replies.append(CalendarReply(uid, partstat, address.strip(), comment))
    return replies
