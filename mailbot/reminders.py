"""Reminders and meeting changes: what is due now, claimed once in the database, queued in the outbox.

Each reminder is claimed by inserting a row with the unique key (participant,
meeting, offset) in the same transaction that queues its mail, so two processes
or a crash can never send one twice. Meeting changes are found by comparing
each meeting's fingerprint with what participants were last told.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.domain import ACTIVE
from mailbot.mail.compose import Attachment
from mailbot.meetings.context import cancel_context, reminder_context, update_context
from mailbot.meetings.model import Meeting, MeetingWords
from mailbot.meetings.schedule import reminders_to_send
from mailbot.outbox import Outbox
from mailbot.store.db import Database, aware, naive_utc
from mailbot.store.models import Attendance, MeetingNotice, MeetingState, Participant, ReminderSent
from mailbot.templates import Templates

log = logging.getLogger(__name__)


@dataclass
class RemindReport:
    reminders: list[tuple[str, str, str]] = field(default_factory=list)  # (email, meeting id, offset)
    updates: list[tuple[str, str]] = field(default_factory=list)  # (email, meeting id)
    cancellations: list[tuple[str, str]] = field(default_factory=list)

    @property
    def queued_any(self) -> bool:
        return bool(self.reminders or self.updates or self.cancellations)


def ics_attachment(config: Config, meeting: Meeting, sequence: int, method: str, lang: str) -> Attachment:
    from mailbot.meetings.ics import meeting_ics  # icalendar is slow to import: only when a reminder is due

    data = meeting_ics(meeting, tz_name=config.timezone.key, domain=config.programme.domain, sequence=sequence,
                       method=method, lang=lang)  # type: ignore[arg-type]
    return Attachment(filename=f"{meeting.id}.ics", content=data, maintype="text", subtype="calendar",
                      params={"method": method, "charset": "utf-8"})


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "id": meeting.id, "title": meeting.title, "start": meeting.start.isoformat(), "end": meeting.end.isoformat(),
        "location": meeting.location, "address": meeting.address, "programme": meeting.programme}
    if meeting.translations:  # so that a cancellation still speaks each participant's language
        snapshot["translations"] = {lang: {"title": w.title, "location": w.location, "programme": w.programme}
                                    for lang, w in meeting.translations}
    return snapshot


def _from_snapshot(data: dict[str, Any]) -> Meeting:
    translations = tuple((lang, MeetingWords(w["title"], w["location"], w.get("programme", "")))
                         for lang, w in (data.get("translations") or {}).items())
    return Meeting(id=data["id"], title=data["title"], start=datetime.fromisoformat(data["start"]),
                   end=datetime.fromisoformat(data["end"]), location=data["location"],
                   address=data.get("address", ""), programme=data.get("programme", ""), translations=translations)


def _reachable(outbox: Outbox, participant: Participant) -> bool:
    return not outbox.suppressed(participant.email)


def _told(session: Session, meeting_id: str, known_since: datetime) -> list[Participant]:
    """Active participants who heard of this meeting: a reminder or notice for it, or the meeting
    list in their questionnaire mail (sent after we first knew of the meeting)."""
    reminded = select(ReminderSent.participant_id).where(ReminderSent.meeting_id == meeting_id,
                                                        ReminderSent.outcome == "queued")
    noticed = select(MeetingNotice.participant_id).where(MeetingNotice.meeting_id == meeting_id)
    return list(session.scalars(select(Participant).where(
        Participant.status.in_(ACTIVE),
        Participant.id.in_(reminded.union(noticed)) | (Participant.questionnaire_sent_at >= known_since),
    ).order_by(Participant.id)))


def _first_known(session: Session) -> datetime:
    """When a meeting first appears, every participant registered so far already has the meeting list
    (their questionnaire mail shows the meetings in the config), so it counts as known from the start."""
    first = session.scalar(select(Participant.questionnaire_sent_at).order_by(Participant.questionnaire_sent_at)
                           .where(Participant.questionnaire_sent_at.is_not(None)).limit(1))
    return first or datetime(2000, 1, 1)


def sync_meetings(session: Session, config: Config, outbox: Outbox, now: datetime,
                  report: RemindReport, dry_run: bool = False) -> None:
    """Tell those who were told about a meeting when it changes or disappears (one mail per version)."""
    states = {s.meeting_id: s for s in session.scalars(select(MeetingState))}
    current = {m.id: m for m in config.meetings}
    for meeting in config.meetings:
        state = states.get(meeting.id)
        if state is None:
            if not dry_run:
                session.add(MeetingState(meeting_id=meeting.id, fingerprint=meeting.fingerprint(), sequence=0,
                                         snapshot=_snapshot(meeting), removed=False, updated_at=naive_utc(now),
                                         created_at=_first_known(session)))
            continue
        if state.fingerprint == meeting.fingerprint() and not state.removed:
            continue
        old = _from_snapshot(state.snapshot)
        sequence = state.sequence + 1
        for participant in _told(session, meeting.id, state.created_at):
            if not _reachable(outbox, participant):
                continue
            report.updates.append((participant.email, meeting.id))
            if dry_run:
                continue
            lang = participant.language
            session.add(MeetingNotice(participant_id=participant.id, meeting_id=meeting.id, sequence=sequence,
                                      kind="update", created_at=naive_utc(now)))
            outbox.queue(kind="meeting_update", template="meeting_update", to_address=participant.email,
                         to_name=participant.name, lang=lang, context=update_context(old, meeting, config.timezone,
                                                                                     lang),
                         counts_for_limit=False, participant=participant, auto_submitted="auto-generated",
                         attachments=[ics_attachment(config, meeting, sequence, "PUBLISH", lang)],
                         meeting_id=meeting.id)
        if not dry_run:
            state.fingerprint, state.sequence, state.snapshot = meeting.fingerprint(), sequence, _snapshot(meeting)
            state.removed, state.updated_at = False, naive_utc(now)
    for meeting_id, state in states.items():
        if meeting_id in current or state.removed:
            continue
        old = _from_snapshot(state.snapshot)
        sequence = state.sequence + 1
        if old.end > aware(now):  # a meeting in the past that leaves the config needs no cancellation
            for participant in _told(session, meeting_id, state.created_at):
                if not _reachable(outbox, participant):
                    continue
                report.cancellations.append((participant.email, meeting_id))
                if dry_run:
                    continue
                lang = participant.language
                session.add(MeetingNotice(participant_id=participant.id, meeting_id=meeting_id, sequence=sequence,
                                          kind="cancel", created_at=naive_utc(now)))
                context = {**cancel_context(old, config.timezone, lang), "reason": ""}
                outbox.queue(kind="meeting_cancel", template="meeting_cancel", to_address=participant.email,
                             to_name=participant.name, lang=lang, context=context,
                             counts_for_limit=False, participant=participant, auto_submitted="auto-generated",
                             attachments=[ics_attachment(config, old, sequence, "CANCEL", lang)],
                             meeting_id=meeting_id)
        if not dry_run:
            state.removed, state.sequence, state.updated_at = True, sequence, naive_utc(now)


def queue_due_reminders(session: Session, config: Config, outbox: Outbox, now: datetime,
                        report: RemindReport, dry_run: bool = False) -> None:
    """Claim and queue every reminder due at ``now`` for every active participant."""
    if not config.meetings or not config.reminders.before:
        return
    states = {s.meeting_id: s.sequence for s in session.scalars(select(MeetingState))}
    claimed = {(r.participant_id, r.meeting_id, r.offset_key)
               for r in session.execute(select(ReminderSent.participant_id, ReminderSent.meeting_id,
                                               ReminderSent.offset_key))}
    declined = {(a.participant_id, a.meeting_id)
                for a in session.execute(select(Attendance.participant_id, Attendance.meeting_id)
                                         .where(Attendance.status == "declined"))}
    meetings = {m.id: m for m in config.meetings}
    participants = session.scalars(select(Participant).where(Participant.status.in_(ACTIVE))
                                   .order_by(Participant.id)).all()
    for participant in participants:
        if not _reachable(outbox, participant):
            continue
        due = reminders_to_send(config.meetings, config.reminders, config.timezone, aware(now),
                                aware(participant.registered_at))
        for reminder in due:
            key = (participant.id, reminder.meeting_id, reminder.offset_key)
            if key in claimed or (participant.id, reminder.meeting_id) in declined:
                continue
            report.reminders.append((participant.email, reminder.meeting_id, reminder.offset_key))
            if dry_run:
                continue
            meeting = meetings[reminder.meeting_id]
            lang = participant.language
            session.add(ReminderSent(participant_id=participant.id, meeting_id=meeting.id,
                                     offset_key=reminder.offset_key, due_at=naive_utc(reminder.due),
                                     created_at=naive_utc(now), outcome="queued"))
            context: dict[str, Any] = reminder_context(meeting, aware(now), config.timezone, lang)
            outbox.queue(kind="reminder", template="reminder", to_address=participant.email,
                         to_name=participant.name, lang=lang, context=context, counts_for_limit=False,
                         participant=participant, auto_submitted="auto-generated",
                         attachments=[ics_attachment(config, meeting, states.get(meeting.id, 0), "PUBLISH", lang)],
                         meeting_id=meeting.id)


def queue_reminders(db: Database, config: Config, templates: Templates, now: datetime,
                    dry_run: bool = False) -> RemindReport:
    """One reminder tick: notice meeting changes, claim and queue what is due. The caller sends it."""
    report = RemindReport()
    with db.exclusive("remind"):
        with db.session() as session:
            outbox = Outbox(session, config, templates, naive_utc(now))
            sync_meetings(session, config, outbox, now, report, dry_run)
            queue_due_reminders(session, config, outbox, now, report, dry_run)
    return report
