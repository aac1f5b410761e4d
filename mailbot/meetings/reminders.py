"""Reminders: what is due now, claimed once in the database, queued in the outbox.

Each reminder is claimed by inserting a row with the unique key (participant,
meeting, offset) in the same transaction that queues its mail, so two processes
or a crash can never send one twice. A claim belongs to the meeting's time: when a
move is confirmed, the old claims are renamed after the old time
(``mailbot.meetings.change_review.retire_claims``), so the new date gets its own reminders.

Meeting changes are never mailed from here: each tick first lets
``review_changes`` turn them into previews for the organiser, and a meeting whose
change waits for her yes gets no reminders until participants know the new version.
After downtime, at most one reminder per participant and meeting goes out: the
latest one due; the earlier ones are claimed as ``superseded``, and so is one that falls
due before a reminder already sent (a clock that jumped forward and back).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.domain import ACTIVE
from mailbot.meetings.agenda import current
from mailbot.meetings.change_review import ics_attachment, review_changes
from mailbot.meetings.context import reminder_context
from mailbot.meetings.schedule import reminders_to_send
from mailbot.outbox.queue import Outbox
from mailbot.store.db import Database, aware, naive_utc
from mailbot.store.models import Attendance, MeetingState, Participant, ReminderSent
from mailbot.wording.templates import Templates

log = logging.getLogger(__name__)


@dataclass
class RemindReport:
    reminders: list[tuple[str, str, str]] = field(default_factory=list)  # (email, meeting id, offset)
    previews: list[tuple[str, str]] = field(default_factory=list)  # (meeting id, change kind) shown to organisers
    held: list[str] = field(default_factory=list)  # meetings whose reminders wait for a confirmed change

    @property
    def queued_any(self) -> bool:
        return bool(self.reminders or self.previews)


def held_meetings(session: Session, config: Config) -> set[str]:
    """Configured meetings whose reminders wait: participants know another version (a change is pending)."""
    states = {s.meeting_id: s for s in session.scalars(select(MeetingState))}
    return {m.id for m in config.meetings
            if (state := states.get(m.id)) is not None and (state.removed or state.fingerprint != m.fingerprint())}


def queue_due_reminders(session: Session, config: Config, outbox: Outbox, now: datetime,
                        report: RemindReport, dry_run: bool = False) -> None:
    """Claim and queue every reminder due at ``now`` for every active participant."""
    if not config.meetings or not config.reminders.before:
        return
    states = {s.meeting_id: s.sequence for s in session.scalars(select(MeetingState))}
    held = held_meetings(session, config)
    report.held.extend(sorted(held))
    claims = session.execute(select(ReminderSent.participant_id, ReminderSent.meeting_id, ReminderSent.offset_key,
                                    ReminderSent.due_at)).all()
    claimed = {(r.participant_id, r.meeting_id, r.offset_key) for r in claims}
    latest_claimed: dict[tuple[int, str], datetime] = {}  # a clock that jumped back must not send an older one
    for r in claims:
        if "@" not in r.offset_key:  # a claim for the meeting's current time (see retire_claims)
            pair = (r.participant_id, r.meeting_id)
            latest_claimed[pair] = max(latest_claimed.get(pair, r.due_at), r.due_at)
    declined = {(a.participant_id, a.meeting_id)
                for a in session.execute(select(Attendance.participant_id, Attendance.meeting_id)
                                         .where(Attendance.status == "declined"))}
    meetings = {m.id: m for m in config.meetings}
    participants = session.scalars(select(Participant).where(Participant.status.in_(ACTIVE))
                                   .order_by(Participant.id)).all()
    for participant in participants:
        if outbox.suppressed(participant.email):
            continue
        due = reminders_to_send([m for m in config.meetings if m.id not in held], config.reminders,
                                config.timezone, aware(now), aware(participant.registered_at))
        latest = {reminder.meeting_id: reminder for reminder in due}  # oldest first: the last one wins
        for reminder in due:
            key = (participant.id, reminder.meeting_id, reminder.offset_key)
            if key in claimed or (participant.id, reminder.meeting_id) in declined:
                continue
            later_one_sent = latest_claimed.get((participant.id, reminder.meeting_id))
            superseded = latest[reminder.meeting_id] is not reminder or (
                later_one_sent is not None and later_one_sent > naive_utc(reminder.due))
            if not superseded:
                report.reminders.append((participant.email, reminder.meeting_id, reminder.offset_key))
            if dry_run:
                continue
            meeting = meetings[reminder.meeting_id]
            lang = participant.language
            session.add(ReminderSent(participant_id=participant.id, meeting_id=meeting.id,
                                     offset_key=reminder.offset_key, due_at=naive_utc(reminder.due),
                                     created_at=naive_utc(now), outcome="superseded" if superseded else "queued"))
            if superseded:  # after downtime: one reminder per meeting, the latest
                continue
            context: dict[str, Any] = reminder_context(meeting, aware(now), config.timezone, lang)
            outbox.queue(kind="reminder", template="reminder", to_address=participant.email,
                         to_name=participant.name, lang=lang, context=context, counts_for_limit=False,
                         participant=participant, auto_submitted="auto-generated",
                         attachments=[ics_attachment(config, meeting, states.get(meeting.id, 0), "PUBLISH", lang)],
                         meeting_id=meeting.id)


def queue_reminders(db: Database, config: Config, templates: Templates, now: datetime,
                    dry_run: bool = False) -> RemindReport:
    """One reminder tick: turn meeting changes into previews, claim and queue what is due. The caller sends it."""
    report = RemindReport()
    with db.exclusive("remind"):
        with db.session() as session:
            config = current(session, config)
            outbox = Outbox(session, config, templates, naive_utc(now))
            if not dry_run:
                changes = review_changes(session, config, outbox, now)
                report.previews.extend((c.meeting_id, str(c.kind)) for c in changes.previewed)
            queue_due_reminders(session, config, outbox, now, report, dry_run)
    return report
