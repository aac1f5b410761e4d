"""The meetings of the circle and the reminder policy, loaded from the parsed YAML configuration.

Times are stored as aware UTC datetimes; the configured time zone is only needed
to read the configuration and to show or schedule things in local time.

A meeting's ``title``, ``location`` and ``programme`` are either one text for every
participant or given per language (``title: {nl: ..., en: ...}``); ``in_language``
gives the meeting as a participant of that language reads it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailbot.core.errors import ConfigError
from mailbot.meetings.durations import duration_key, parse_duration
from mailbot.meetings.fields import parse_local_datetime, parse_window, require_mapping, require_text

__all__ = [
    "Meeting",
    "MeetingWords",
    "ReminderPolicy",
    "changed_fields",
    "from_snapshot",
    "load_meetings",
    "load_reminder_policy",
    "load_timezone",
    "parse_duration",
    "snapshot",
]

_MEETING_ID = re.compile(r"[A-Za-z0-9_-]+")
_MEETING_KEYS = frozenset({"id", "title", "start", "end", "location", "address", "programme"})
_REMINDER_KEYS = frozenset({"before", "send_window", "stale_after"})
# The fields a participant sees; a change to any of them is worth telling them about.
_VISIBLE_FIELDS = ("title", "start", "end", "location", "address", "programme")
# The fields that may be given per language (an address is the same in every language).
WORDED_FIELDS = ("title", "location", "programme")


@dataclass(frozen=True)
class MeetingWords:
    """What participants of one language read about a meeting."""

    title: str
    location: str
    programme: str = ""


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str  # in the programme's language; see in_language
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC
    location: str
    address: str = ""
    programme: str = ""
    # language -> words, when the configuration gives them per language; empty: the same for everyone
    translations: tuple[tuple[str, MeetingWords], ...] = ()

    def __post_init__(self) -> None:
        # Naive datetimes would compare wrongly (or raise) deep inside the scheduler; refuse them here.
        if self.start.utcoffset() is None or self.end.utcoffset() is None:
            raise ValueError(f"meeting {self.id!r}: start and end must be aware datetimes")

    def in_language(self, lang: str) -> Meeting:
        """The meeting as a participant reading ``lang`` sees it (unchanged without words for ``lang``)."""
        words = dict(self.translations).get(lang)
        if words is None:
            return self
        return replace(self, title=words.title, location=words.location, programme=words.programme)

    def words(self, name: str) -> tuple[str, ...]:
        """Every language's text of one worded field, to compare two versions of a meeting."""
        return (getattr(self, name), *(getattr(words, name) for _, words in self.translations))

    def fingerprint(self) -> str:
        """A hash of what participants see; store it and compare to notice that a meeting changed."""
        visible: dict[str, object] = {name: str(getattr(self, name)) for name in _VISIBLE_FIELDS}
        if self.translations:  # only then: a meeting configured as before keeps its fingerprint
            visible["translations"] = {lang: [getattr(words, name) for name in WORDED_FIELDS]
                                       for lang, words in self.translations}
        canonical = json.dumps(visible, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def snapshot(meeting: Meeting) -> dict[str, Any]:
    """A meeting as stored (what participants were told, what the organiser set by mail): JSON, UTC ISO times."""
    data: dict[str, Any] = {
        "id": meeting.id, "title": meeting.title, "start": meeting.start.isoformat(), "end": meeting.end.isoformat(),
        "location": meeting.location, "address": meeting.address, "programme": meeting.programme}
    if meeting.translations:  # so that a cancellation still speaks each participant's language
        data["translations"] = {lang: {"title": w.title, "location": w.location, "programme": w.programme}
                                for lang, w in meeting.translations}
    return data


def from_snapshot(data: dict[str, Any]) -> Meeting:
    translations = tuple((lang, MeetingWords(w["title"], w["location"], w.get("programme", "")))
                         for lang, w in (data.get("translations") or {}).items())
    return Meeting(id=data["id"], title=data["title"], start=datetime.fromisoformat(data["start"]),
                   end=datetime.fromisoformat(data["end"]), location=data["location"],
                   address=data.get("address", ""), programme=data.get("programme", ""), translations=translations)


@dataclass(frozen=True)
class ReminderPolicy:
    before: tuple[timedelta, ...]  # offsets before each meeting's start, largest first
    window_start: time  # local time; reminders go out between window_start and window_end inclusive
    window_end: time
    stale_after: timedelta  # a reminder this far past its due time is dropped, not sent late

    def offset_keys(self) -> tuple[str, ...]:
        return tuple(duration_key(offset) for offset in self.before)


DEFAULT_REMINDER_POLICY = ReminderPolicy(
    before=(timedelta(days=7), timedelta(days=1)),
    window_start=time(8, 0),
    window_end=time(20, 0),
    stale_after=timedelta(hours=12),
)


def changed_fields(old: Meeting, new: Meeting) -> tuple[str, ...]:
    """Which visible fields differ, with start/end reported together as ``"when"``.

    The result names fields (``title``, ``when``, ``location``, ``address``,
    ``programme``) so templates can word the change in their own language.
    """
    names: list[str] = []
    for name in ("title", "when", "location", "address", "programme"):
        if name in WORDED_FIELDS:
            differs = old.words(name) != new.words(name)
        else:
            fields = ("start", "end") if name == "when" else (name,)
            differs = any(getattr(old, field) != getattr(new, field) for field in fields)
        if differs:
            names.append(name)
    return tuple(names)


def load_timezone(name: object, key: str = "timezone") -> ZoneInfo:
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(key, "must be an IANA time zone name like Europe/Amsterdam")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError(
            key, f"unknown time zone {name!r} (expected a name like Europe/Amsterdam)"
        ) from None


def load_meetings(raw: object, tz: ZoneInfo, key: str = "meetings", languages: Sequence[str] = ("nl", "en"),
                  default_language: str = "nl") -> tuple[Meeting, ...]:
    """The configured meetings, in configuration order; a missing section means no meetings.

    A worded field given per language must have a text for each of ``languages``;
    the meeting's plain fields hold the ``default_language`` text.
    """
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise ConfigError(key, "must be a list of meetings")
    meetings: list[Meeting] = []
    first_index_of: dict[str, int] = {}
    for index, item in enumerate(raw):
        item_key = f"{key}[{index}]"
        meeting = _load_meeting(item, tz, item_key, languages, default_language)
        if meeting.id in first_index_of:
            other = f"{key}[{first_index_of[meeting.id]}]"
            raise ConfigError(f"{item_key}.id", f"duplicate id {meeting.id!r} (also used by {other})")
        first_index_of[meeting.id] = index
        meetings.append(meeting)
    return tuple(meetings)


def _load_meeting(raw: object, tz: ZoneInfo, key: str, languages: Sequence[str], default_language: str) -> Meeting:
    fields = require_mapping(raw, key, _MEETING_KEYS)
    for required in ("id", "title", "start", "end", "location"):
        if required not in fields:
            raise ConfigError(f"{key}.{required}", "is required")
    meeting_id = fields["id"]
    if not isinstance(meeting_id, str) or not _MEETING_ID.fullmatch(meeting_id):
        raise ConfigError(f"{key}.id", 'must be text of letters, digits, "_" or "-", like "m1"')
    start = parse_local_datetime(fields["start"], tz, f"{key}.start")
    end = parse_local_datetime(fields["end"], tz, f"{key}.end")
    if not end > start:
        raise ConfigError(f"{key}.end", "must be after start")
    title = _worded(fields["title"], f"{key}.title", languages, required=True)
    location = _worded(fields["location"], f"{key}.location", languages, required=True)
    programme = _worded(fields.get("programme"), f"{key}.programme", languages, required=False)
    words = {lang: MeetingWords(title[lang], location[lang], programme[lang]) for lang in languages}
    per_language = any(isinstance(fields.get(name), Mapping) for name in WORDED_FIELDS)
    default = words[default_language if default_language in words else languages[0]]
    return Meeting(
        id=meeting_id,
        title=default.title,
        start=start,
        end=end,
        location=default.location,
        address=require_text(fields.get("address"), f"{key}.address", required=False),
        programme=default.programme,
        translations=tuple(words.items()) if per_language else (),
    )


def _worded(raw: object, key: str, languages: Sequence[str], *, required: bool) -> dict[str, str]:
    """One text for every language, or ``{nl: ..., en: ...}`` with a text for each of ``languages``."""
    if not isinstance(raw, Mapping):
        text = require_text(raw, key, required=required)
        return dict.fromkeys(languages, text)
    for lang in raw:
        if lang not in languages:
            raise ConfigError(f"{key}.{lang}", f"unknown language (expected {' and '.join(languages)})")
    texts: dict[str, str] = {}
    for lang in languages:
        if lang not in raw:
            raise ConfigError(f"{key}.{lang}", f"missing: give the text in every language ({', '.join(languages)}), "
                                               "or one text for all")
        texts[lang] = require_text(raw[lang], f"{key}.{lang}", required=required)
    return texts


def load_reminder_policy(raw: object, key: str = "reminders") -> ReminderPolicy:
    """The reminder policy; a missing section or key takes the default (7d and 1d, 08:00-20:00, 12h)."""
    if raw is None:
        return DEFAULT_REMINDER_POLICY
    fields = require_mapping(raw, key, _REMINDER_KEYS)
    policy = DEFAULT_REMINDER_POLICY
    before, window, stale_after = policy.before, (policy.window_start, policy.window_end), policy.stale_after
    if "before" in fields:
        before = _load_offsets(fields["before"], f"{key}.before")
    if "send_window" in fields:
        window = parse_window(fields["send_window"], f"{key}.send_window")
    if "stale_after" in fields:
        stale_after = _positive_duration(fields["stale_after"], f"{key}.stale_after")
    return ReminderPolicy(
        before=before, window_start=window[0], window_end=window[1], stale_after=stale_after
    )


def _load_offsets(raw: object, key: str) -> tuple[timedelta, ...]:
    """An empty list is allowed and means: send no reminders."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise ConfigError(key, "must be a list of durations like [7d, 1d]")
    offsets: list[timedelta] = []
    for index, item in enumerate(raw):
        offset = _positive_duration(item, f"{key}[{index}]")
        if offset in offsets:
            raise ConfigError(f"{key}[{index}]", f"duplicate offset {duration_key(offset)}")
        offsets.append(offset)
    return tuple(sorted(offsets, reverse=True))


def _positive_duration(raw: object, key: str) -> timedelta:
    if not isinstance(raw, str):
        raise ConfigError(key, f"{raw!r} is not a duration like 7d, 36h, 90m or 1d12h")
    try:
        duration = parse_duration(raw)
    except ValueError as error:
        raise ConfigError(key, str(error)) from None
    if duration <= timedelta(0):
        raise ConfigError(key, "must be longer than zero")
    return duration
