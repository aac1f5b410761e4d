"""The meetings as they hold now: config.yaml's, with the organiser's changes by mail (``meetings.edits``).

Everything that works with meetings asks here, in its own transaction: the poll (for each batch),
the meeting-change review, the reminders, the briefings, the digest and the commands. So a change
she confirmed by mail counts everywhere at once, and a review never "notices" her change as a
difference from the file and undoes it.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.config.model import BriefingConfig
from mailbot.meetings.edits import Edit, EditKind, EditState, laid_over
from mailbot.meetings.model import from_snapshot
from mailbot.store.models import MeetingEdit

MEETINGS_CHANGED = "mailbot.meetings_changed"  # session.info: a change of hers took effect in this transaction


def applied_edits(session: Session) -> list[Edit]:
    """Her confirmed changes, oldest first."""
    return [Edit(row.meeting_id, EditKind(row.kind), row.base,
                 from_snapshot(row.meeting) if row.meeting else None, tuple(row.recipients or ()))
            for row in session.scalars(select(MeetingEdit).where(MeetingEdit.state == EditState.APPLIED)
                                       .order_by(MeetingEdit.id))]


def current(session: Session, config: Config) -> Config:
    """``config`` with its meetings and briefing recipients as they hold now."""
    edits = applied_edits(session)
    file_meetings = config.file_meetings if config.file_meetings is not None else config.meetings
    file_briefings = config.file_briefings if config.file_briefings is not None else config.briefings
    if not edits and config.file_meetings is None:
        return config  # nothing of hers: the file is the whole truth
    meetings, recipients = laid_over(file_meetings, {i: b.to for i, b in file_briefings.items()}, edits)
    briefings = {m.id: replace(file_briefings.get(m.id) or BriefingConfig(), to=recipients.get(m.id, ()))
                 for m in meetings}
    return replace(config, meetings=meetings, briefings=briefings, file_meetings=file_meetings,
                   file_briefings=file_briefings)
