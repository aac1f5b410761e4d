"""Dates and times of meetings in words, in Dutch or English, independent of the system locale."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mailbot.meetings.localtime import utc_to_local
from mailbot.meetings.model import Meeting


class _Words(NamedTuple):
    weekdays: tuple[str, ...]  # Monday first, as date.weekday()
    months: tuple[str, ...]  # January first
    today: str
    tomorrow: str
    day_after_tomorrow: str
    next_week: str
    in_days: str  # with {n}


_DUTCH = _Words(
    weekdays=tuple("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()),
    months=tuple(
        "januari februari maart april mei juni juli augustus september oktober november december".split()
    ),
    today="vandaag",
    tomorrow="morgen",
    day_after_tomorrow="overmorgen",
    next_week="volgende week",
    in_days="over {n} dagen",
)
_ENGLISH = _Words(
    weekdays=tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()),
    months=tuple(
        "January February March April May June July August September October November December".split()
    ),
    today="today",
    tomorrow="tomorrow",
    day_after_tomorrow="the day after tomorrow",
    next_week="next week",
    in_days="in {n} days",
)


def _words(lang: str) -> _Words:
    # Same fallback as the templates: anything that is not Dutch gets English.
    return _DUTCH if lang.lower().split("-")[0].split("_")[0] == "nl" else _ENGLISH


def format_date(day: date, lang: str, year: bool = True) -> str:
    """``donderdag 12 oktober 2017`` / ``Thursday 12 October 2017`` (without the year: ``donderdag 12 oktober``)."""
    words = _words(lang)
    text = f"{words.weekdays[day.weekday()]} {day.day} {words.months[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def format_day_month(day: date, lang: str) -> str:
    """``11 februari`` / ``11 February``: the short form for a date the reader already knew."""
    return f"{day.day} {_words(lang).months[day.month - 1]}"


def format_meeting_when(meeting: Meeting, tz: ZoneInfo, lang: str) -> str:
    """When the meeting is, in local time.

    Same day: ``donderdag 12 oktober 2017, 13:00-17:00``. Ending at midnight
    still counts as the same day (``19:00-24:00``). Longer meetings name both
    days: ``donderdag 12 oktober 2017 13:00 - vrijdag 13 oktober 2017 17:00``.
    """
    start = utc_to_local(meeting.start, tz)
    end = utc_to_local(meeting.end, tz)
    same_day = end.date() == start.date()
    ends_at_midnight = end.time() == time(0, 0) and (end.date() - start.date()).days == 1
    if same_day or ends_at_midnight:
        end_clock = "24:00" if ends_at_midnight else f"{end:%H:%M}"
        return f"{format_date(start.date(), lang)}, {start:%H:%M}-{end_clock}"
    return f"{format_date(start.date(), lang)} {start:%H:%M} - {format_date(end.date(), lang)} {end:%H:%M}"


def offset_label(meeting: Meeting, now: datetime, tz: ZoneInfo, lang: str) -> str:
    """How far away the meeting is in calendar days, as a reminder says it: ``morgen``, ``next week``.

    Counted from the local date of ``now`` (the moment of sending), not from the
    configured offset, because the send window can move a reminder to another day.
    """
    words = _words(lang)
    days = (utc_to_local(meeting.start, tz).date() - utc_to_local(now, tz).date()).days
    if days <= 0:
        return words.today
    if days == 1:
        return words.tomorrow
    if days == 2:
        return words.day_after_tomorrow
    if days == 7:
        return words.next_week
    return words.in_days.format(n=days)


def local_when(moment: datetime, tz: ZoneInfo, lang: str) -> str:
    """``maandag 14 oktober 2024 09:12`` in the programme's time zone (``moment`` is naive UTC)."""
    local = utc_to_local(moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment, tz)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"
