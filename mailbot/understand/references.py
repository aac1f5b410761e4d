"""Which meeting a sentence is about: "de eerste", "bijeenkomst 2", "in Wageningen", "op 25 februari",
"the Food Valley session". Ordinals count the meetings in order of their start."""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from mailbot.meetings.model import Meeting

_ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "first": 1, "1st": 1,
    "tweede": 2, "2e": 2, "2de": 2, "second": 2, "2nd": 2,
    "derde": 3, "3e": 3, "3de": 3, "third": 3, "3rd": 3,
    "vierde": 4, "4e": 4, "4de": 4, "fourth": 4, "4th": 4,
    "vijfde": 5, "5e": 5, "5de": 5, "fifth": 5, "5th": 5,
}
_MEETING_WORD = r"(?:bijeenkomst(?:en)?|sessie|meeting|session|keer|dag|leerkringdag)"
_ORDINAL = re.compile(r"\b(" + "|".join(map(re.escape, _ORDINALS)) + r")\b(?:\s+\w+){0,2}?\s*(" + _MEETING_WORD
                      + r")?")
_NUMBERED = re.compile(r"\b" + _MEETING_WORD + r"\s*(?:nr\.?|nummer|no\.?|#)?\s*(\d{1,2})\b")
_LAST = re.compile(r"\b(?:laatste|last|final)\s+" + _MEETING_WORD)
_NEXT = re.compile(r"\b(?:volgende|eerstvolgende|komende|next|upcoming)\s+" + _MEETING_WORD)
_OTHERS = re.compile(r"\b(?:de |bij de |the )?(?:andere|overige|rest(?:erende)?|other|others|remaining)\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split())}
_MONTHS |= {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS |= {m[:3]: n for m, n in list(_MONTHS.items())}
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/](\d{1,2})(?:[-/]\d{2,4})?\b")
_STOP = frozenset("bijeenkomst meeting session sessie de het een van en the of and in op bij over voor met".split())


def in_order(meetings: Sequence[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.start, m.id))


def _places(meeting: Meeting) -> list[str]:
    names = [meeting.location]
    if meeting.address:
        last = meeting.address.split(",")[-1].strip()
        names.append(re.sub(r"^\d{4}\s?[a-zA-Z]{2}\s+", "", last))  # "9726 AE Groningen" -> "Groningen"
    return [n.lower() for n in names if n and len(n) >= 3]


def _title_words(meeting: Meeting) -> list[str]:
    words = re.findall(r"[a-zà-ÿ]{5,}", meeting.title.split(":")[-1].lower())
    return [w for w in words if w not in _STOP]


def mentioned(text: str, meetings: Sequence[Meeting], tz: ZoneInfo) -> list[str]:
    """The ids of the meetings the text names, in the order of the meetings."""
    lower = text.lower()
    ordered = in_order(meetings)
    found: set[str] = set()
    for match in _ORDINAL.finditer(lower):
        number = _ORDINALS[match.group(1)]
        if (match.group(2) or len(lower.split()) <= 12) and 1 <= number <= len(ordered):
            found.add(ordered[number - 1].id)
    for match in _NUMBERED.finditer(lower):
        number = int(match.group(1))
        if 1 <= number <= len(ordered):
            found.add(ordered[number - 1].id)
    if _LAST.search(lower) and ordered:
        found.add(ordered[-1].id)
    for meeting in ordered:
        if any(re.search(r"\b" + re.escape(place) + r"\b", lower) for place in _places(meeting)):
            found.add(meeting.id)
        words = _title_words(meeting)
        if words and all(w in lower for w in words[:2]):
            found.add(meeting.id)
        local = meeting.start.astimezone(tz)
        for day, month in _dates(lower):
            if (day, month) == (local.day, local.month):
                found.add(meeting.id)
    return [m.id for m in ordered if m.id in found]


def _dates(lower: str) -> list[tuple[int, int]]:
    dates = [(int(d), _MONTHS[m]) for d, m in _DAY_MONTH.findall(lower)]
    dates += [(int(d), _MONTHS[m]) for m, d in _MONTH_DAY.findall(lower)]
    dates += [(int(d), int(m)) for d, m in _NUMERIC.findall(lower) if 1 <= int(m) <= 12]
    return dates


def mentions_one_meeting(text: str, meetings: Sequence[Meeting]) -> bool:
    """The text points at a particular meeting (not at the circle as a whole)."""
    lower = text.lower()
    if _ORDINAL.search(lower) and re.search(_MEETING_WORD, lower):
        return True
    return bool(_NUMBERED.search(lower) or _LAST.search(lower) or _NEXT.search(lower)
                or re.search(r"\b(?:deze|die|this|that|tomorrow's|morgen|overmorgen|tomorrow)\s+" + _MEETING_WORD,
                             lower)
                or any(re.search(r"\b" + re.escape(p) + r"\b", lower) for m in meetings for p in _places(m)))


def says_next(text: str) -> bool:
    return bool(_NEXT.search(text.lower()))


def says_others(text: str) -> bool:
    """"de andere wel", "the others I can": about every meeting not named."""
    return bool(_OTHERS.search(text.lower()))
