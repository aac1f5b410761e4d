"""What her ``verplaats`` and ``nieuwe bijeenkomst`` say, as a meeting. Pure: her words in, a Meeting out.

    verplaats 2 naar 18-3-2027 14:00-17:00           a new date and time (the end: given, or as long as before)
    verplaats 2 naar 18 maart                        another day, the same hours
    verplaats 2 een week later                       shifted (dagen, weken; later, eerder), the same hours
    verplaats m2 14:00 in Provinciehuis, Utrecht     another hour and place (after "in", "bij" or "at";
                                                     a comma parts the place from its address)
    nieuwe bijeenkomst 12-5-2027 13:00-17:00 Financiering in Wageningen, Nieuwe Kanaal 7

Dates as 18-3-2027, 18/3, 2027-03-18 or 18 maart (2027); a date without a year is the next one to come.
Times as 14:00, 14.00 or 14u, a span as 14:00-17:00 or "van 14:00 tot 17:00". Anything we cannot read
is an ``Unreadable`` naming what is missing: a meeting is never moved on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mailbot.meetings.localtime import local_to_utc, utc_to_local
from mailbot.meetings.model import Meeting

_MONTHS = {name: i + 1 for i, name in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split())}
_MONTHS |= {name: i + 1 for i, name in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS |= {name[:3]: number for name, number in list(_MONTHS.items())} | {"mrt": 3, "okt": 10, "sept": 9}
_NUMERIC_DATE = re.compile(r"\b(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?)\b")
_WORDED_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?\b", re.IGNORECASE)
_TIME = r"(\d{1,2})(?:[:.](\d{2})|\s*u(?:ur)?\b)"
_SPAN = re.compile(rf"(?:\bvan\s+|\bfrom\s+)?{_TIME}(?:\s*(?:-|–|tot|to|until)\s*{_TIME})?", re.IGNORECASE)
_PLACE = re.compile(r"\s(?:in|bij|at|te|op locatie)\s+(.+)$", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday"
                      r"|thursday|friday|saturday|sunday|ma|di|wo|do|vr|za|zo)\b,?", re.IGNORECASE)
_COUNTS = {"een": 1, "één": 1, "a": 1, "an": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4,
           "four": 4}
_SHIFT = re.compile(r"\b(\d{1,2}|een|één|twee|drie|vier|an?|one|two|three|four)\s+"
                    r"(dag|dagen|week|weken|day|days|weeks?)\s+(later|eerder|earlier|verder)\b", re.IGNORECASE)
DEFAULT_LENGTH = timedelta(hours=4)  # a new meeting without an end: an afternoon


@dataclass(frozen=True)
class Unreadable:
    why: str  # date | time | place | past | order | nothing


@dataclass(frozen=True)
class _When:
    day: date | None
    start: time | None
    end: time | None
    rest: str  # the words left: a title, a place


def _shift(text: str) -> tuple[timedelta | None, str]:
    """"een week later", "3 dagen eerder": how far, and the text without it."""
    found = _SHIFT.search(text)
    if found is None:
        return None, text
    count = int(found.group(1)) if found.group(1).isdigit() else _COUNTS[found.group(1).lower()]
    days = count * (7 if found.group(2).lower().startswith("we") else 1)
    sign = -1 if found.group(3).lower() in ("eerder", "earlier") else 1
    return timedelta(days=sign * days), text[: found.start()] + " " + text[found.end():]


def _when(text: str, today: date) -> _When:
    day, rest = _date(text, today)
    span = _SPAN.search(rest)
    start = end = None
    if span is not None:
        start = _clock(span.group(1), span.group(2))
        end = _clock(span.group(3), span.group(4)) if span.group(3) else None
        rest = rest[: span.start()] + " " + rest[span.end():]
    return _When(day, start, end, " ".join(_WEEKDAY.sub(" ", rest).split()))


def _clock(hours: str, minutes: str | None) -> time | None:
    h, m = int(hours), int(minutes or 0)
    return time(h, m) if h < 24 and m < 60 else None


def _date(text: str, today: date) -> tuple[date | None, str]:
    """The first date in ``text`` and the text without it."""
    for pattern in (_NUMERIC_DATE, _WORDED_DATE):
        for match in pattern.finditer(text):
            found = _date_of(match, today)
            if found is not None:
                return found, text[: match.start()] + " " + text[match.end():]
    return None, text


def _date_of(match: re.Match[str], today: date) -> date | None:
    groups = match.groups()
    try:
        if len(groups) == 3:  # 18 maart (2027)
            month = _MONTHS.get(groups[1].lower())
            if month is None:
                return None
            day, year = int(groups[0]), int(groups[2]) if groups[2] else None
        elif groups[0]:  # 2027-03-18
            return date(int(groups[0]), int(groups[1]), int(groups[2]))
        else:  # 18-3(-2027)
            day, month = int(groups[3]), int(groups[4])
            year = int(groups[5]) if groups[5] else None
            if year is not None and year < 100:
                year += 2000
        if year is not None:
            return date(year, month, day)
        this_year = date(today.year, month, day)
        return this_year if this_year >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _place(rest: str) -> tuple[str, str, str]:
    """(what comes before the place, the place, its address) from "... in Provinciehuis, Pythagoraslaan 101"."""
    found = _PLACE.search(" " + rest)
    if found is None or not re.search(r"\b[A-Z]", found.group(1)):
        return rest.strip(), "", ""  # a place has a name ("in Utrecht"); "in het voorjaar" is no place
    before = (" " + rest)[: found.start()].strip()
    place, _, address = found.group(1).partition(",")
    return before, place.strip(), address.strip()


def moved(meeting: Meeting, words: str, tz: ZoneInfo, now: datetime) -> Meeting | Unreadable:
    """``meeting`` as her ``verplaats`` says it is now."""
    local_start, local_end = utc_to_local(meeting.start, tz), utc_to_local(meeting.end, tz)
    shift, words = _shift(words)
    when = _when(words, utc_to_local(now, tz).date())
    _, place, address = _place(when.rest)
    if when.day is None and when.start is None and not place and shift is None:
        return Unreadable("nothing")
    day = when.day or (local_start.date() + shift if shift is not None else local_start.date())
    start = datetime.combine(day, when.start or local_start.time())
    length = local_end - local_start
    end = datetime.combine(day, when.end) if when.end is not None else start + length
    if when.end is None and when.start is None and (when.day is not None or shift is not None):
        end = datetime.combine(day + (local_end.date() - local_start.date()), local_end.time())
    found = _checked(replace(meeting, start=local_to_utc(start, tz), end=local_to_utc(end, tz),
                             location=place or meeting.location,
                             address=address if place else meeting.address), now)
    if isinstance(found, Meeting) and place and meeting.translations:
        found = replace(found, translations=tuple((lang, replace(w, location=place))
                                                  for lang, w in meeting.translations))
    return found


def added(meeting_id: str, words: str, tz: ZoneInfo, now: datetime, number: int) -> Meeting | Unreadable:
    """The meeting her ``nieuwe bijeenkomst`` describes (``number``: its place in the row, for a title)."""
    when = _when(words, utc_to_local(now, tz).date())
    if when.day is None:
        return Unreadable("date")
    if when.start is None:
        return Unreadable("time")
    title, place, address = _place(when.rest)
    if not place:
        return Unreadable("place")
    start = datetime.combine(when.day, when.start)
    end = datetime.combine(when.day, when.end) if when.end is not None else start + DEFAULT_LENGTH
    return _checked(Meeting(id=meeting_id, title=title.strip(" ,:-") or f"Bijeenkomst {number}",
                            start=local_to_utc(start, tz), end=local_to_utc(end, tz), location=place,
                            address=address), now)


def _checked(meeting: Meeting, now: datetime) -> Meeting | Unreadable:
    if meeting.end <= meeting.start:
        return Unreadable("order")
    if meeting.start <= now:
        return Unreadable("past")
    return meeting
