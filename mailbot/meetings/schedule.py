"""When reminders are due, and which ones to send now. Pure: the caller passes ``now``.

How a due time is computed (``reminder_due``):

1. Subtract the offset from the meeting start the way RFC 5545 (3.3.6) treats
   durations: whole days are *calendar* days in local time, the rest is exact
   time. So ``1d`` before 13:00 is 13:00 the day before, also across a DST
   change, and ``90m`` is ninety real minutes.
2. If that local time is outside the send window, move it *forward*: before the
   window to the window start that day, after it to the window start the next day.
   This happens in wall-clock time and is then converted to UTC (fold=0, see
   ``localtime``), so a window start in a DST gap still becomes a real instant.
3. Moving forward must not reach the meeting start (a reminder at or after the
   start is useless). Then we move *backward* instead, to the latest window moment
   before the unmoved time: the window end that evening or the evening before.
   Being early but polite beats mailing at night. If even that fails (only
   possible when the window end itself falls in a DST gap), the unmoved time is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mailbot.meetings.durations import duration_key
from mailbot.meetings.localtime import local_to_utc, utc_to_local
from mailbot.meetings.model import Meeting, ReminderPolicy


class DueReminder(NamedTuple):
    meeting_id: str
    offset_key: str  # canonical offset, e.g. "7d", "36h"; with meeting_id it identifies the reminder
    due: datetime  # aware UTC


def reminder_due(meeting: Meeting, offset: timedelta, policy: ReminderPolicy, tz: ZoneInfo) -> datetime:
    """The UTC instant at which the ``offset`` reminder for ``meeting`` is due (see module docstring)."""
    unmoved = _subtract_offset(meeting.start, offset, tz)
    wall = utc_to_local(unmoved, tz)
    if policy.window_start <= wall.time() <= policy.window_end:
        return unmoved
    next_opening = wall.date() if wall.time() < policy.window_start else wall.date() + timedelta(days=1)
    moved = local_to_utc(datetime.combine(next_opening, policy.window_start), tz)
    if moved < meeting.start:
        return moved
    last_closing = wall.date() if wall.time() > policy.window_end else wall.date() - timedelta(days=1)
    moved_back = local_to_utc(datetime.combine(last_closing, policy.window_end), tz)
    if moved_back <= unmoved:
        return moved_back
    return unmoved


def reminders_to_send(
    meetings: Iterable[Meeting],
    policy: ReminderPolicy,
    tz: ZoneInfo,
    now: datetime,
    registered_at: datetime | None,
) -> list[DueReminder]:
    """Reminders for one participant that should go out at ``now``, oldest due first.

    Nothing qualifies while ``now`` is outside the send window: a late reminder (after
    downtime, or a tick at night) waits for the window to open, never goes out at night.
    A reminder qualifies when it is due, not stale (at most ``policy.stale_after``
    late, so after long downtime old reminders are dropped rather than sent),
    its meeting has not started, and it fell due after the participant registered
    (a late registrant gets only the reminders still ahead). ``registered_at``
    None means no such limit. Whether a reminder was already sent is the caller's
    business: keep (participant, meeting_id, offset_key) as the sent-marker.
    """
    _require_aware(now, "now")
    if registered_at is not None:
        _require_aware(registered_at, "registered_at")
    if not in_send_window(now, policy, tz):
        return []
    result: list[DueReminder] = []
    for meeting in meetings:
        if meeting.start <= now:
            continue
        for offset in policy.before:
            due = reminder_due(meeting, offset, policy, tz)
            if due > now or now - due > policy.stale_after:
                continue
            if registered_at is not None and due <= registered_at:
                continue
            result.append(DueReminder(meeting.id, duration_key(offset), due))
    return sorted(result, key=lambda reminder: (reminder.due, reminder.meeting_id))


def in_send_window(now: datetime, policy: ReminderPolicy, tz: ZoneInfo) -> bool:
    """Whether ``now`` (local wall time, to the minute) is inside the send window, ends included."""
    wall = utc_to_local(now, tz).time().replace(second=0, microsecond=0)
    return policy.window_start <= wall <= policy.window_end


def next_reminder_due(
    meetings: Iterable[Meeting], policy: ReminderPolicy, tz: ZoneInfo, now: datetime
) -> datetime | None:
    """The earliest due time still ahead of ``now``, for a scheduler that wants to sleep until then."""
    _require_aware(now, "now")
    ahead = [
        due
        for meeting in meetings
        if meeting.start > now
        for offset in policy.before
        if (due := reminder_due(meeting, offset, policy, tz)) > now
    ]
    return min(ahead, default=None)


def upcoming(meetings: Iterable[Meeting], now: datetime) -> tuple[Meeting, ...]:
    """Meetings that have not started yet, soonest first."""
    _require_aware(now, "now")
    return tuple(sorted((m for m in meetings if m.start > now), key=lambda m: (m.start, m.id)))


def next_meeting(meetings: Iterable[Meeting], now: datetime) -> Meeting | None:
    ahead = upcoming(meetings, now)
    return ahead[0] if ahead else None


def _subtract_offset(start: datetime, offset: timedelta, tz: ZoneInfo) -> datetime:
    calendar_days = timedelta(days=offset.days)
    exact_rest = offset - calendar_days
    if not calendar_days:
        # Skip the wall-clock round trip: it would lose the fold of a start in the autumn-back hour.
        return start - exact_rest
    wall = utc_to_local(start, tz) - calendar_days
    return local_to_utc(wall, tz) - exact_rest


def _require_aware(value: datetime, name: str) -> None:
    # A naive datetime here is a wiring bug; comparing it with UTC times would raise later anyway.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
