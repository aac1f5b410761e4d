"""What changed between the meetings participants were told about and the configuration. Pure.

The database keeps, per meeting, the version participants were last told (``Told``). Comparing
that with the configuration gives:

    new         a meeting nobody was told about yet: it is simply remembered
    rename      an id that disappeared while a new id with the same start and location appeared:
                the same meeting under another name, never a cancellation
    update      a told meeting whose date, time, place, title or programme differs
    cancel      a told meeting that left the configuration before it ended
    restore     a cancelled meeting that is back in the configuration
    forget      a meeting that left the configuration after it ended: nothing to tell
    past        an ended meeting edited (or put back) in the configuration: nothing to tell either

Updates, cancellations and restorations are never mailed from here: they become pending changes
that the organiser confirms (``mailbot.meetings.notices``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from mailbot.meetings.dates import format_date, format_day_month
from mailbot.meetings.localtime import utc_to_local
from mailbot.meetings.model import Meeting

REMOVED = "removed"  # the target fingerprint of a cancellation


class ChangeKind(StrEnum):
    UPDATE = "update"
    CANCEL = "cancel"
    RESTORE = "restore"


@dataclass(frozen=True)
class Told:
    """What participants were last told about one meeting."""

    meeting: Meeting
    fingerprint: str
    removed: bool


@dataclass(frozen=True)
class MeetingChange:
    kind: ChangeKind
    meeting_id: str
    old: Meeting  # as participants know it
    new: Meeting | None  # None for a cancellation

    @property
    def target(self) -> str:
        """What the configuration says now; a confirmation is for this version only."""
        return self.new.fingerprint() if self.new is not None else REMOVED

    @property
    def moved(self) -> bool:
        return self.new is not None and (self.new.start, self.new.end) != (self.old.start, self.old.end)


@dataclass(frozen=True)
class Review:
    new: tuple[Meeting, ...]
    renames: tuple[tuple[str, str], ...]  # (old id, new id)
    changes: tuple[MeetingChange, ...]
    forgotten: tuple[str, ...]  # ended meetings that left the configuration
    past: tuple[Meeting, ...] = ()  # ended meetings edited in the configuration: taken over silently


def review(told: Mapping[str, Told], meetings: Iterable[Meeting], now: datetime) -> Review:
    """Compare what participants were told (``told``, by meeting id) with the configured ``meetings``."""
    current = {m.id: m for m in meetings}
    gone = [i for i, t in told.items() if i not in current and not t.removed]
    appeared = [m for i, m in current.items() if i not in told]
    renames: list[tuple[str, str]] = []
    for old_id in gone:
        same = [m for m in appeared if _same_occasion(told[old_id].meeting, m)]
        if len(same) == 1:
            renames.append((old_id, same[0].id))
            appeared.remove(same[0])
    renamed_from = {old for old, _ in renames}
    renamed_to = {new: old for old, new in renames}
    changes: list[MeetingChange] = []
    past: list[Meeting] = []
    for meeting_id, meeting in current.items():
        state = told.get(renamed_to.get(meeting_id, meeting_id))
        if state is None:
            continue
        if meeting.end <= now and state.meeting.end <= now:
            if state.removed or state.fingerprint != meeting.fingerprint():
                past.append(meeting)  # an edit of a meeting that is over: nobody needs to hear of it
            continue
        if state.removed:
            changes.append(MeetingChange(ChangeKind.RESTORE, meeting_id, state.meeting, meeting))
        elif state.fingerprint != meeting.fingerprint():
            changes.append(MeetingChange(ChangeKind.UPDATE, meeting_id, state.meeting, meeting))
    forgotten: list[str] = []
    for meeting_id in gone:
        if meeting_id in renamed_from:
            continue
        old = told[meeting_id].meeting
        if old.end <= now:
            forgotten.append(meeting_id)
        else:
            changes.append(MeetingChange(ChangeKind.CANCEL, meeting_id, old, None))
    return Review(tuple(appeared), tuple(renames), tuple(changes), tuple(forgotten), tuple(past))


def _same_occasion(old: Meeting, new: Meeting) -> bool:
    return old.start == new.start and old.location.strip().lower() == new.location.strip().lower()


@dataclass(frozen=True)
class FieldChange:
    """One line of a change mail: ``nieuwe datum: donderdag 18 februari 2027 (was 11 februari)``."""

    name: str  # date | time | title | location | address | programme
    new: str
    old: str


def field_changes(old: Meeting, new: Meeting, tz: ZoneInfo, lang: str) -> list[FieldChange]:
    """Exactly what changed, in the words of ``lang``, old and new side by side."""
    old, new = old.in_language(lang), new.in_language(lang)
    lines: list[FieldChange] = []
    old_start, new_start = utc_to_local(old.start, tz), utc_to_local(new.start, tz)
    old_end, new_end = utc_to_local(old.end, tz), utc_to_local(new.end, tz)
    if old_start.date() != new_start.date():
        other_year = old_start.year != new_start.year
        old_day = format_day_month(old_start.date(), lang) + (f" {old_start.year}" if other_year else "")
        lines.append(FieldChange("date", format_date(new_start.date(), lang, year=other_year), old_day))
    old_clock, new_clock = f"{old_start:%H:%M}-{old_end:%H:%M}", f"{new_start:%H:%M}-{new_end:%H:%M}"
    if old_clock != new_clock or (old_end.date() - old_start.date()) != (new_end.date() - new_start.date()):
        lines.append(FieldChange("time", new_clock, old_clock))
    for name in ("title", "location", "address"):
        if getattr(old, name) != getattr(new, name):
            lines.append(FieldChange(name, getattr(new, name), getattr(old, name)))
    if old.programme != new.programme:
        lines.append(FieldChange("programme", new.programme, old.programme))
    return lines
