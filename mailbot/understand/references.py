"""Which meeting a sentence is about: "de eerste", "bijeenkomst 2", "in Wageningen", "op 25 februari",
"in juni", "the Brainport one", "op de 8e", "de laatste twee". Ordinals count the meetings in order of
their start; a month names the one meeting in it; a date that is no meeting's names none (``odd_dates``)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from mailbot.language.text import fold
from mailbot.meetings.model import Meeting
from mailbot.meetings.regions import adjectives_of, areas_of

_ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "first": 1, "1st": 1, "erste": 1, "ersten": 1, "premiere": 1,
    "tweede": 2, "2e": 2, "2de": 2, "second": 2, "2nd": 2, "zweite": 2, "zweiten": 2, "deuxieme": 2,
    "derde": 3, "3e": 3, "3de": 3, "third": 3, "3rd": 3, "dritte": 3, "dritten": 3, "troisieme": 3,
    "vierde": 4, "4e": 4, "4de": 4, "fourth": 4, "4th": 4, "vierte": 4, "vierten": 4, "quatrieme": 4,
    "vijfde": 5, "5e": 5, "5de": 5, "fifth": 5, "5th": 5, "funfte": 5, "cinquieme": 5,
}
# the words after which a place is part of an organisation's name ("namens de provincie Groningen", "University of
# Twente", "Rijksuniversiteit Groningen", "namens Foodvalley NL"), not the meeting held there
_NAMING_A_PLACE = re.compile(r"(?:\b(?:gemeente|provincie|regio|stad|universiteit|hogeschool|rijksuniversiteit"
                             r"|hanzehogeschool|municipality|province|region|city|university|gemeinde|stadt|kreis"
                             r"|landkreis|provinz|universitat|hochschule|kamer van koophandel|chamber of commerce)"
                             r"(?:\s+(?:van|of|von|der))?"
                             # whom one writes for: "namens Foodvalley NL meld ik me aan" signs up, for an organisation
                             r"|\b(?:namens|vanuit|on behalf of|im namen (?:von|der|des)|de la part de)"
                             r"(?:\s+(?:de|het|the|die|der|la|le))?)\s+$")


def _in_a_name(lower: str, at: int) -> bool:
    """The place at ``at`` is part of an organisation's name: after its kind ("gemeente Wageningen"), or after
    "of/van" when that follows a kind ("Universiteit van Twente"); "de bijeenkomst van Wageningen" is the meeting."""
    return _NAMING_A_PLACE.search(lower[max(0, at - 40):at]) is not None


# an adjective names a meeting when a word for one follows within a few words ("Groningse en de Twentse bijeenkomst")
_BEFORE_A_MEETING = (r"\b(?:\W+\w+){0,4}?\W+"
                     r"(?:bijeenkomst(?:en)?|sessie|meeting|session|treffen|termin|sitzung|middag|dag)\b")
_COUNTS = {"twee": 2, "two": 2, "zwei": 2, "deux": 2, "drie": 3, "three": 3, "drei": 3, "trois": 3}
_MEETING_WORD = (r"(?:bijeenkomst(?:en)?|sessie|meeting|session|keer|dag|leerkringdag|middag|treffen|termin(?:e)?"
                 r"|sitzung|reunion|rencontre|one)")
_ORDINAL = re.compile(r"\b(" + "|".join(map(re.escape, _ORDINALS)) + r")\b(?:\s+\w+){0,2}?\s*(" + _MEETING_WORD
                      + r")?")
_NUMBERED = re.compile(r"\b" + _MEETING_WORD + r"\s*(?:nr\.?|nummer|no\.?|#)?\s*(\d{1,2})\b")
# "die sla ik over", "deze bijeenkomst", "that one": pointing at a meeting; not "bij deze" (hereby) nor the German
# article ("in die Teilnehmerliste")
_POINTED = re.compile(r"^\W*(?:deze|die|this|that)\b|\b(?:deze|die|this|that)\s+(?:\w+\s+)?" + _MEETING_WORD + r"\b")
_LAST = re.compile(r"\b(?:laatste|last|final|letzte|letzten|derniere)\s+" + _MEETING_WORD)
_FIRST_LAST_N = re.compile(r"\b(eerste|laatste|first|last|ersten|letzten)\s+(" + "|".join(_COUNTS) + r"|\d)\b")
_NEXT = re.compile(r"\b(?:volgende|eerstvolgende|komende|next|upcoming|nachste|nachsten|prochaine)\s+"
                   + _MEETING_WORD)
# the others, as meetings: "de andere (drie)", "the others", "de rest"; not "een andere afspraak"
# (not the people "met de anderen bespreken", "discuss with the others")
_OTHERS = re.compile(r"(?<!met )(?<!with )(?<!mit )(?<!avec )"
                     r"\b(?:(?:de|bij de|the|les|den|die) (?:andere|overige|resterende|other|others|remaining|ubrigen"
                     r"|anderen|autres)|(?:de |the )?rest)\b")
_MONTH_NAMES = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "january february march april may june july august september october november december",
    "de": "januar februar marz april mai juni juli august september oktober november dezember",
    "fr": "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
}
_MONTHS: dict[str, int] = {}
for _names in _MONTH_NAMES.values():
    for _number, _name in enumerate(_names.split(), start=1):
        _MONTHS[_name] = _number
        _MONTHS.setdefault(_name[:3], _number)
_MONTHS.update({"mrt": 3, "okt": 10, "sept": 9})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(r"\b(\d{1,2})\.?\s+(" + _MONTH + r")\b")
_MONTH_DAY = re.compile(r"\b(" + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})(?:[-/.]\d{2,4})?\b")
# a month on its own: "in juni", "im April", "the October session", "April is out"
_FULL_MONTHS = "|".join(sorted({n for names in _MONTH_NAMES.values() for n in names.split()} - {"mars", "mai"},
                               key=len, reverse=True))
_IN_MONTH = re.compile(r"\b(" + _FULL_MONTHS + r")\b")  # "in juni", "April is out", "april en juni lukken niet"
_DAY_ONLY = re.compile(r"\b(?:de|the|op de|on the|am|le)\s+(\d{1,2})(?:e|de|ste|st|nd|rd|th|\.)\b")
_STOP = frozenset("bijeenkomst meeting session sessie de het een van en the of and in op bij over voor met".split())
_GENERIC_HOST_WORDS = frozenset("energy health food port campus science high tech development centre center".split())


def in_order(meetings: Sequence[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.start, m.id))


@lru_cache(maxsize=256)  # a meeting's places do not change; every sentence of every mail is matched against them
def _places(meeting: Meeting) -> tuple[str, ...]:
    names = [meeting.location]
    if meeting.address:
        last = meeting.address.split(",")[-1].strip()
        names.append(re.sub(r"^\d{4}\s?[a-zA-Z]{2}\s+", "", last))  # "9726 AE Groningen" -> "Groningen"
    first = meeting.location.split()[0] if meeting.location.split() else ""
    if len(meeting.location.split()) > 1 and len(first) >= 5 and fold(first) not in _GENERIC_HOST_WORDS:
        names.append(first)  # "Brainport" for "Brainport Development"
    return tuple(fold(n) for n in names if n and len(n) >= 3)


@lru_cache(maxsize=256)
def _by_adjective(meeting: Meeting) -> re.Pattern[str] | None:
    """"de Groningse bijeenkomst", "das Groninger Treffen": a place's adjective, before a word for a meeting."""
    places = _places(meeting)
    named = {w for p in places for w in p.split() if len(w) >= 5 and w not in _GENERIC_HOST_WORDS}
    adjectives = sorted(a for w in named for a in _adjectives(w) if a not in places)
    if not adjectives:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, adjectives)) + ")" + _BEFORE_A_MEETING)


def _adjectives(place: str) -> set[str]:
    """A place's adjective as Dutch and German make it: Brabant(se), Twent(s)e, Groning(en -> se), Groninger."""
    found = {place + "se", place + "er"}
    if place.endswith("e"):
        found.add(place[:-1] + "se")
    if place.endswith("en"):
        found.add(place[:-2] + "se")
    return found


@lru_cache(maxsize=64)
def _areas(meetings: tuple[Meeting, ...]) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Per meeting, the province and regions its town lies in ("brabant" for Eindhoven) that no other meeting
    lies in too; and those that two or more meetings lie in: "die in Gelderland" names a meeting only if it is
    the one there."""
    found = {m.id: {a for place in _places(m) for a in areas_of(place)} - set(_places(m)) for m in meetings}
    shared = frozenset(a for m_id, areas in found.items() for a in areas
                       if any(a in other for o_id, other in found.items() if o_id != m_id))
    return {m_id: tuple(sorted(areas - shared)) for m_id, areas in found.items()}, shared


@lru_cache(maxsize=64)
def _shared_areas(meetings: tuple[Meeting, ...]) -> re.Pattern[str] | None:
    shared = _areas(meetings)[1]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(shared))) + r")\b") if shared else None


def names_a_shared_area(text: str, meetings: Sequence[Meeting]) -> bool:
    """"De bijeenkomst in Gelderland" when two meetings lie there: which one is meant is not said."""
    pattern = _shared_areas(tuple(meetings))
    lower = fold(text)
    return pattern is not None and any(not _in_a_name(lower, m.start()) for m in pattern.finditer(lower))


@lru_cache(maxsize=64)
def _by_area(meetings: tuple[Meeting, ...]) -> dict[str, re.Pattern[str]]:
    """Per meeting, its areas by name ("in Brabant") or adjective ("de Gelderse bijeenkomst")."""
    out = {}
    for meeting_id, areas in _areas(meetings)[0].items():
        if not areas:
            continue
        adjectives = {a for area in areas for a in (*_adjectives(area), *adjectives_of(area)) if len(area) >= 5}
        named = r"\b(?:" + "|".join(map(re.escape, sorted(areas))) + r")\b"
        if adjectives:
            named += r"|\b(?:" + "|".join(map(re.escape, sorted(adjectives))) + ")" + _BEFORE_A_MEETING
        out[meeting_id] = re.compile(named)
    return out


def _title_words(meeting: Meeting) -> list[str]:
    words = re.findall(r"[a-z]{5,}", fold(meeting.title.split(":")[-1]))
    return [w for w in words if w not in _STOP]


def mentioned(text: str, meetings: Sequence[Meeting], tz: ZoneInfo) -> list[str]:
    """The ids of the meetings the text names, in the order of the meetings."""
    return list(_mentioned(text, tuple(meetings), tz))


@lru_cache(maxsize=4096)  # pure; the detectors of one mail ask about the same sentence several times
def _mentioned(text: str, meetings: tuple[Meeting, ...], tz: ZoneInfo) -> tuple[str, ...]:
    lower = fold(text)
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
    for match in _FIRST_LAST_N.finditer(lower):
        count = _COUNTS.get(match.group(2)) or int(match.group(2))
        picked = ordered[:count] if match.group(1) in ("eerste", "first", "ersten") else ordered[-count:]
        found.update(m.id for m in picked)
    dated = _dates(lower)
    days = {(m.start.astimezone(tz).day, m.start.astimezone(tz).month) for m in ordered}
    dated |= {date for date in _month_first(lower) if date in days and date[::-1] not in days}
    for meeting in ordered:
        if any(not _in_a_name(lower, m.start()) for place in _places(meeting)
               for m in re.finditer(r"\b" + re.escape(place) + r"\b", lower)):
            found.add(meeting.id)
        if (adjective := _by_adjective(meeting)) is not None and adjective.search(lower):
            found.add(meeting.id)  # "de Groningse en de Twentse bijeenkomst"; not "de Groningse Energie Coöperatie"
        area = _by_area(meetings).get(meeting.id)
        if area is not None and any(not _in_a_name(lower, m.start()) for m in area.finditer(lower)):
            found.add(meeting.id)  # "die in Brabant", "de Gelderse bijeenkomst": where its town lies
        words = _title_words(meeting)
        if words and all(w in lower for w in words[:2]):
            found.add(meeting.id)
        local = meeting.start.astimezone(tz)
        if (local.day, local.month) in dated:
            found.add(meeting.id)
    if not dated:
        found.update(_by_month(text, ordered, tz))
        found.update(_by_day(lower, ordered, tz))
    return tuple(m.id for m in ordered if m.id in found)


def odd_dates(text: str, meetings: Sequence[Meeting], tz: ZoneInfo) -> bool:
    """The text names a date on which there is no meeting ("donderdag 8 juni"): which one is meant is unclear."""
    days = {(m.start.astimezone(tz).day, m.start.astimezone(tz).month) for m in meetings}
    lower = fold(text)
    return any(date not in days and date not in {d[::-1] for d in _month_first(lower) if d in days}
               for date in _dates(lower))


def _month_first(lower: str) -> set[tuple[int, int]]:
    """The numeric dates read month first, as (day, month): "4/8" in American notation is 8 April. Read so only
    where that names a meeting and day first names none."""
    return {(int(d), int(m)) for m, d in _NUMERIC.findall(lower) if 1 <= int(m) <= 12 and 1 <= int(d) <= 31}


def _dates(lower: str) -> set[tuple[int, int]]:
    dates = {(int(d), _MONTHS[m]) for d, m in _DAY_MONTH.findall(lower)}
    dates |= {(int(d), _MONTHS[m]) for m, d in _MONTH_DAY.findall(lower)}
    dates |= {(int(d), int(m)) for d, m in _NUMERIC.findall(lower) if 1 <= int(m) <= 12 and 1 <= int(d) <= 31}
    return dates


def _by_month(text: str, ordered: Sequence[Meeting], tz: ZoneInfo) -> set[str]:
    """"in juni", "the October session": the one meeting in that month."""
    found: set[str] = set()
    for match in _IN_MONTH.finditer(fold(text)):
        name = next(g for g in match.groups() if g)
        if name == "may" and not re.search(r"\bMay\b", text):
            continue  # "I may not": a verb, not the month
        month = _MONTHS[name]
        inside = [m for m in ordered if m.start.astimezone(tz).month == month]
        if len(inside) == 1:
            found.add(inside[0].id)
    return found


def _by_day(lower: str, ordered: Sequence[Meeting], tz: ZoneInfo) -> set[str]:
    """"op de 8e", "on the 8th": the one meeting on that day of a month."""
    found: set[str] = set()
    for match in _DAY_ONLY.finditer(lower):
        day = int(match.group(1))
        on = [m for m in ordered if m.start.astimezone(tz).day == day]
        if len(on) == 1:
            found.add(on[0].id)
    return found


def mentions_one_meeting(text: str, meetings: Sequence[Meeting], tz: ZoneInfo | None = None) -> bool:
    """The text points at a particular meeting (not at the circle as a whole)."""
    lower = fold(text)
    if tz is not None and mentioned(text, meetings, tz):
        return True
    if _ORDINAL.search(lower) and re.search(_MEETING_WORD, lower):
        return True
    return bool(_NUMBERED.search(lower) or _LAST.search(lower) or _NEXT.search(lower)
                or re.search(r"\b(?:tomorrow's|morgen|overmorgen|tomorrow|volgende week|next week"
                             r"|donderdag|thursday|donnerstag|jeudi)\b", lower)
                or _POINTED.search(lower)
                or re.search(r"\b(?:bijeenkomst|sessie|meeting|session|treffen|termin|sitzung|reunion)\b", lower)
                or any(not _in_a_name(lower, found.start()) for m in meetings for p in _places(m)
                       for found in re.finditer(r"\b" + re.escape(p) + r"\b", lower)))


def says_next(text: str) -> bool:
    return bool(_NEXT.search(fold(text)))


def says_others(text: str) -> bool:
    """"de andere wel", "the others I can": about every meeting not named."""
    return bool(_OTHERS.search(fold(text)))


def until(text: str, meetings: Sequence[Meeting], tz: ZoneInfo, now: datetime) -> list[str]:
    """The meetings from ``now`` up to the last date the text names: an absence "tot en met 12 april" or "until
    4 January" takes in the meetings before its end (a date without a year is the first one after ``now``)."""
    today = now.astimezone(tz).date()
    ends = []
    for day, month in _dates(fold(text)):
        for year in (today.year, today.year + 1):
            with contextlib.suppress(ValueError):
                if (end := date(year, month, day)) >= today:
                    ends.append(end)
                    break
    if not ends:
        return []
    last = max(ends)
    return [m.id for m in in_order(meetings) if today <= m.start.astimezone(tz).date() <= last]
