"""The iCalendar attachment round-trips through icalendar; replies are read and garbage ignored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, Timezone, vCalAddress

from mailbot.meetings.ics import CalendarReply, meeting_ics, meeting_id_from_uid, parse_calendar_reply
from mailbot.meetings.model import Meeting

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2017, 9, 1, 10, 0, tzinfo=UTC)
MakeMeeting = Callable[..., Meeting]


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert isinstance(event, Event)
    return calendar, event


def ics(meeting: Meeting, **options: object) -> bytes:
    arguments: dict[str, object] = {"tz_name": "Europe/Amsterdam", "domain": "example.org", "sequence": 0}
    arguments.update(options)
    return meeting_ics(meeting, stamp=STAMP, **arguments)  # type: ignore[arg-type]


def test_round_trip(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    data = ics(meeting, sequence=3)
    calendar, event = parse(data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert event.decoded("DTSTART") == meeting.start
    assert event.decoded("DTEND") == meeting.end
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert b"DTSTART;TZID=Europe/Amsterdam:20171012T130000" in data  # local wall time, not UTC
    assert str(event["UID"]) == "m1@example.org"
    assert event.decoded("SEQUENCE") == 3
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["LOCATION"]) == "Energy Valley, Stationsplein 1, 9726 AE Groningen"
    assert str(event["DESCRIPTION"]) == meeting.programme
    assert str(event["STATUS"]) == "CONFIRMED"
    assert b"ORGANIZER" not in data
    assert b"ATTENDEE" not in data
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Amsterdam"


def test_the_uid_is_stable_across_updates(make_meeting: MakeMeeting) -> None:
    before = parse(ics(make_meeting("2017-10-12 13:00"), sequence=0))[1]
    after = parse(ics(make_meeting("2017-10-12 14:00", location="Zernike"), sequence=1))[1]
    assert str(before["UID"]) == str(after["UID"]) == "m1@example.org"
    assert after.decoded("SEQUENCE") == 1


@pytest.mark.parametrize("start", ["2017-10-29 13:00", "2018-03-25 13:00", "2017-12-07 09:30"])
def test_the_vtimezone_alone_gives_the_right_offset(make_meeting: MakeMeeting, start: str) -> None:
    # A client that ignores the TZID name and only reads our VTIMEZONE must land on the same instant.
    meeting = make_meeting(start)
    calendar, _ = parse(ics(meeting))
    (component,) = calendar.walk("VTIMEZONE")
    assert isinstance(component, Timezone)
    from_vtimezone = component.to_tz()
    wall = meeting.start.astimezone(AMSTERDAM).replace(tzinfo=None)
    assert wall.replace(tzinfo=from_vtimezone).astimezone(UTC) == meeting.start


def test_a_meeting_on_the_autumn_back_sunday_round_trips(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-29 13:00")
    _, event = parse(ics(meeting))
    assert event.decoded("DTSTART") == meeting.start == datetime(2017, 10, 29, 12, 0, tzinfo=UTC)


def test_cancel(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    data = ics(meeting, method="CANCEL", sequence=2, lang="nl")
    calendar, event = parse(data)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == f"Geannuleerd: {meeting.title}"
    assert str(event["UID"]) == "m1@example.org"
    assert b"ORGANIZER" not in data
    english = parse(ics(meeting, method="CANCEL", sequence=2, lang="en"))[1]
    assert str(english["SUMMARY"]).startswith("Cancelled: ")


def test_an_attendee_only_outside_publish(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    _, event = parse(ics(meeting, method="REQUEST", attendee="jan@example.net"))
    assert str(event["ATTENDEE"]) == "mailto:jan@example.net"
    with pytest.raises(ValueError, match="PUBLISH"):
        ics(meeting, attendee="jan@example.net")


def test_no_programme_no_description_and_no_negative_sequence(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00", programme="", address="")
    _, event = parse(ics(meeting))
    assert "DESCRIPTION" not in event
    assert str(event["LOCATION"]) == "Energy Valley"
    with pytest.raises(ValueError):
        ics(meeting, sequence=-1)


def reply(partstat: str, *, method: str = "REPLY", uid: str = "m1@example.org") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Some Client//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", STAMP)
    event.add("dtstart", datetime(2017, 10, 12, 13, tzinfo=AMSTERDAM))
    attendee = vCalAddress("mailto:Jan@Example.net")
    attendee.params["PARTSTAT"] = partstat
    event.add("attendee", attendee)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


@pytest.mark.parametrize("partstat", ["ACCEPTED", "DECLINED", "TENTATIVE"])
def test_parse_calendar_reply(partstat: str) -> None:
    assert parse_calendar_reply(reply(partstat)) == [
        CalendarReply("m1@example.org", partstat, "Jan@Example.net")
    ]


def test_a_reply_with_several_attendees() -> None:
    data = reply("DECLINED").replace(
        b"END:VEVENT", b"ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:piet@example.net\r\nEND:VEVENT"
    )
    assert parse_calendar_reply(data) == [
        CalendarReply("m1@example.org", "DECLINED", "Jan@Example.net"),
        CalendarReply("m1@example.org", "ACCEPTED", "piet@example.net"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n",
        b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\n",
        b"Hello, I can't come.",
        reply("NEEDS-ACTION"),
        reply("DECLINED", method="PUBLISH"),
        reply("DECLINED").replace(b"UID:m1@example.org\r\n", b""),
        reply("DECLINED").replace(b"PARTSTAT=", b"X="),
        reply("DECLINED")[:-40],
    ],
)
def test_anything_else_gives_no_replies(data: bytes) -> None:
    assert parse_calendar_reply(data) == []


def test_meeting_id_from_uid() -> None:
    assert meeting_id_from_uid("m1@example.org", "example.org") == "m1"
    assert meeting_id_from_uid("m1@EXAMPLE.org", "example.org") == "m1"
    assert meeting_id_from_uid("m1@elsewhere.org", "example.org") is None
    assert meeting_id_from_uid("m1", "example.org") is None
    assert meeting_id_from_uid("@example.org", "example.org") is None


def test_the_vtimezone_is_small(make_meeting: MakeMeeting) -> None:
    data = ics(make_meeting("2017-10-12 13:00"))
    assert len(data) < 2000  # the VTIMEZONE covers the meeting's days, not 1970-2038
