"""Meeting changes go out only when confirmed: noticed here, previewed to the organiser, applied on her yes.

``review_changes`` compares the configuration with what participants were told (``MeetingState``).
A new meeting is remembered; a renamed one (same start and place under a new id) is carried over
with its attendance and reminder claims; an ended one that left the configuration is forgotten.
Every update, cancellation or restoration becomes a pending change: an ``Action`` of kind
``meeting_change`` per organiser, and a preview mail that shows what changed (old -> new), the
mail as participants will see it and how many get it. Nothing goes to participants until
``apply_change`` runs, on her "JA" (``mailbot.organiser``) or ``mailbot meetings --apply``.

A confirmation is for one version of the configuration (the change's ``target``): if the
configuration changed again in between, the old preview is closed and a new one is sent.
Each participant gets one mail per version (``MeetingNotice``, unique per sequence).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.conversation.actions import close, open_action
from mailbot.conversation.tokens import marked
from mailbot.core.domain import ACTIVE, ActionKind, ActionState, MailKind
from mailbot.core.domain import Attendance as AttendanceStatus
from mailbot.mail.compose import Attachment
from mailbot.meetings.agenda import current
from mailbot.meetings.changes import ChangeKind, MeetingChange, Told, field_changes, review
from mailbot.meetings.context import cancel_context, meeting_view, update_context
from mailbot.meetings.dates import format_meeting_when
from mailbot.meetings.model import Meeting, from_snapshot, snapshot
from mailbot.outbox.queue import Outbox
from mailbot.store.db import Database, aware, naive_utc
from mailbot.store.models import Action, Attendance, MeetingNotice, MeetingState, OutboxMail, Participant, ReminderSent
from mailbot.wording.templates import Templates, base_context

log = logging.getLogger(__name__)
PREVIEW_VALID_DAYS = 14


@dataclass
class ChangesReport:
    previewed: list[MeetingChange] = field(default_factory=list)  # a preview went to the organisers now
    renamed: list[tuple[str, str]] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # changed, but nobody to tell: taken over at once

    @property
    def queued_any(self) -> bool:
        return bool(self.previewed)


@dataclass(frozen=True)
class Pending:
    meeting_id: str
    kind: str
    title: str
    since: datetime
    recipients: int
    tokens: tuple[str, ...]


def _states(session: Session) -> dict[str, MeetingState]:
    return {s.meeting_id: s for s in session.scalars(select(MeetingState))}


def _told(states: dict[str, MeetingState]) -> dict[str, Told]:
    return {i: Told(from_snapshot(s.snapshot), s.fingerprint, s.removed) for i, s in states.items()}


def confirmed_meetings(session: Session, config: Config) -> set[str]:
    """Configured meetings that are as participants were told: reminders may go out for these."""
    config = current(session, config)
    states = _states(session)
    return {m.id for m in config.meetings
            if (s := states.get(m.id)) is not None and not s.removed and s.fingerprint == m.fingerprint()}


# ---------------------------------------------------------------- who hears of a change

def recipients(session: Session, outbox: Outbox, meeting_id: str, known_since: datetime) -> list[Participant]:
    """Active, reachable participants who heard of this meeting: a reminder or notice for it, or the
    meeting list in their questionnaire mail (sent after we first knew of the meeting)."""
    reminded = select(ReminderSent.participant_id).where(ReminderSent.meeting_id == meeting_id,
                                                        ReminderSent.outcome == "queued")
    noticed = select(MeetingNotice.participant_id).where(MeetingNotice.meeting_id == meeting_id)
    people = session.scalars(select(Participant).where(
        Participant.status.in_(ACTIVE),
        Participant.id.in_(reminded.union(noticed)) | (Participant.questionnaire_sent_at >= known_since),
    ).order_by(Participant.id))
    return [p for p in people if not outbox.suppressed(p.email)]


def _first_known(session: Session) -> datetime:
    """When a meeting first appears, every participant registered so far already has the meeting list
    (their questionnaire mail shows the meetings in the config), so it counts as known from the start."""
    first = session.scalar(select(Participant.questionnaire_sent_at).order_by(Participant.questionnaire_sent_at)
                           .where(Participant.questionnaire_sent_at.is_not(None)).limit(1))
    return first or datetime(2000, 1, 1)


# ---------------------------------------------------------------- noticing

def review_changes(session: Session, config: Config, outbox: Outbox, now: datetime) -> ChangesReport:
    """Remember new meetings, carry renames over, and make every other change a pending one (a preview)."""
    report = ChangesReport()
    config = current(session, config)  # her changes by mail are the meetings as they are, not a difference
    states = _states(session)
    found = review(_told(states), config.meetings, aware(now))
    for meeting in found.new:
        session.add(MeetingState(meeting_id=meeting.id, fingerprint=meeting.fingerprint(), sequence=0,
                                 snapshot=snapshot(meeting), removed=False, updated_at=naive_utc(now),
                                 created_at=_first_known(session)))
    for old_id, new_id in found.renames:
        states[new_id] = _rename(session, states.pop(old_id), new_id)
        report.renamed.append((old_id, new_id))
        log.info("meeting %s is now called %s (same date and place): nothing to tell participants", old_id, new_id)
    for meeting_id in found.forgotten:
        states[meeting_id].removed = True
        states[meeting_id].updated_at = naive_utc(now)
    for meeting in found.past:
        state = states[meeting.id]
        state.fingerprint, state.snapshot, state.removed = meeting.fingerprint(), snapshot(meeting), False
        state.updated_at = naive_utc(now)
    waiting = _open_actions(session, now)
    changing = {c.meeting_id for c in found.changes}
    for meeting_id, actions in waiting.items():
        if meeting_id not in changing:  # the configuration went back to what participants know
            for action in actions:
                close(action, ActionState.EXPIRED, naive_utc(now))
            log.info("meeting %s is back as participants know it: the pending change is dropped", meeting_id)
    refused = _refused(session)
    for change in found.changes:
        actions = waiting.get(change.meeting_id, [])
        if any(a.payload.get("target") == change.target for a in actions):
            continue  # she has the preview of exactly this version
        if (change.meeting_id, change.target) in refused:
            continue  # she said no to exactly this version: no new preview until the file changes again
        for action in actions:  # a preview of an older edit: superseded by the new one
            close(action, ActionState.EXPIRED, naive_utc(now))
        state = states[change.meeting_id]
        people = recipients(session, outbox, change.meeting_id, state.created_at)
        if not people:
            _take_over(state, change, now)
            report.silent.append(change.meeting_id)
            continue
        _preview(session, config, outbox, now, change, people)
        report.previewed.append(change)
        log.info("meeting %s: %s waits for the organiser's yes (%d recipient(s))", change.meeting_id, change.kind,
                 len(people))
    return report


def review_now(db: Database, config: Config, templates: Templates, now: datetime) -> ChangesReport:
    """``review_changes`` in its own transaction, under the reminder tick's lock (never two reviews at once).

    Called before every poll: when the meetings are as participants know them and nothing waits,
    a read is all it costs (no lock, no write transaction).
    """
    with db.read_session() as session:
        found = review(_told(_states(session)), current(session, config).meetings, aware(now))
        quiet = not (found.new or found.renames or found.changes or found.forgotten or found.past
                     or _open_actions(session, now))
    if quiet:
        return ChangesReport()
    with db.exclusive("remind"), db.session() as session:
        return review_changes(session, config, Outbox(session, config, templates, naive_utc(now)), now)


def _refused(session: Session) -> set[tuple[str, str]]:
    """(meeting, target) pairs she answered "NEE" to."""
    return {(str(a.payload.get("meeting")), str(a.payload.get("target")))
            for a in session.scalars(select(Action).where(Action.kind == ActionKind.MEETING_CHANGE,
                                                          Action.state == ActionState.DECLINED))}


def _open_actions(session: Session, now: datetime) -> dict[str, list[Action]]:
    found: dict[str, list[Action]] = {}
    for action in session.scalars(select(Action).where(Action.kind == ActionKind.MEETING_CHANGE,
                                                       Action.state == ActionState.OPEN,
                                                       Action.expires_at > naive_utc(now)).order_by(Action.id)):
        found.setdefault(str(action.payload.get("meeting")), []).append(action)
    return found


def _rename(session: Session, state: MeetingState, new_id: str) -> MeetingState:
    renamed = MeetingState(meeting_id=new_id, fingerprint=state.fingerprint, sequence=state.sequence,
                           snapshot={**state.snapshot, "id": new_id}, removed=False, updated_at=state.updated_at,
                           created_at=state.created_at)
    old_id = state.meeting_id
    session.delete(state)
    session.flush()
    session.add(renamed)
    for table in (Attendance, ReminderSent, MeetingNotice, OutboxMail):
        session.execute(update(table).where(table.meeting_id == old_id).values(meeting_id=new_id))
    return renamed


def _take_over(state: MeetingState, change: MeetingChange, now: datetime) -> None:
    if change.new is None:
        state.removed = True
    else:
        state.fingerprint, state.snapshot, state.removed = change.new.fingerprint(), snapshot(change.new), False
    state.updated_at = naive_utc(now)


# ---------------------------------------------------------------- the preview

def _preview(session: Session, config: Config, outbox: Outbox, now: datetime, change: MeetingChange,
             people: list[Participant]) -> None:
    for organiser in config.organisers:
        action = open_action(session, ActionKind.MEETING_CHANGE, organiser.email, naive_utc(now),
                             {"meeting": change.meeting_id, "kind": change.kind, "target": change.target,
                              "recipients": len(people)})
        lang = organiser.language
        row = outbox.queue(
            kind=MailKind.CONFIRM_REQUEST, template="meeting_change_preview", to_address=organiser.email,
            to_name=organiser.name, lang=lang, counts_for_limit=False, auto_submitted="auto-generated",
            meeting_id=None, context={**preview_context(config, outbox.templates, change, people, lang),
                                      "reference": marked(action.token), "valid_days": PREVIEW_VALID_DAYS})
        row.action = action


def preview_context(config: Config, templates: Templates, change: MeetingChange, people: list[Participant],
                    lang: str) -> dict[str, Any]:
    """What the organiser sees of a change before participants hear of it (``_meeting_change`` partial): what
    changes, old and new, to whom, and the mail as the first of them will get it."""
    shown = change.new or change.old
    context: dict[str, Any] = {
        "change": change.kind, "meeting": meeting_view(shown, config.timezone, lang),
        "lines": [vars(line) for line in _lines(change, config, lang)],
        "previous_when": format_meeting_when(change.old, config.timezone, lang),
        "count": len(people), "recipients": [{"name": p.name, "email": p.email} for p in people],
        "mail_subject": "", "mail_text": ""}
    if people:
        sample = people[0]
        template, mail = participant_mail(change, config, sample.language, declined=False)
        rendered = templates.render(template, sample.language, {**base_context(config, sample.name), **mail})
        context |= {"mail_subject": rendered.subject, "mail_text": rendered.text}
    return context


def who_hears(session: Session, outbox: Outbox, meeting_id: str) -> list[Participant]:
    """Who would be told of a change of ``meeting_id`` now (nobody, for a meeting nobody heard of yet)."""
    state = _states(session).get(meeting_id)
    return recipients(session, outbox, meeting_id, state.created_at) if state is not None else []


def remember(session: Session, meeting: Meeting, now: datetime) -> None:
    """A new meeting, as the review remembers one: nobody is told now; reminders and questionnaires show it."""
    if session.get(MeetingState, meeting.id) is None:
        session.add(MeetingState(meeting_id=meeting.id, fingerprint=meeting.fingerprint(), sequence=0,
                                 snapshot=snapshot(meeting), removed=False, updated_at=naive_utc(now),
                                 created_at=_first_known(session)))


def _lines(change: MeetingChange, config: Config, lang: str) -> list[Any]:
    if change.new is None:
        return []
    return field_changes(change.old, change.new, config.timezone, lang)


def participant_mail(change: MeetingChange, config: Config, lang: str, declined: bool) -> tuple[str, dict[str, Any]]:
    """The template and context of the mail a participant gets for ``change``."""
    if change.new is None:
        return "meeting_cancel", {**cancel_context(change.old, config.timezone, lang), "reason": ""}
    return "meeting_update", update_context(change.old, change.new, config.timezone, lang,
                                            restored=change.kind == ChangeKind.RESTORE,
                                            ask_again=declined and change.moved)


# ---------------------------------------------------------------- carrying it out

def pending(session: Session, config: Config, outbox: Outbox, now: datetime) -> list[Pending]:
    """Changes that wait for a yes, one per meeting."""
    result: list[Pending] = []
    config = current(session, config)
    states = _states(session)
    for meeting_id, actions in sorted(_open_actions(session, now).items()):
        state = states.get(meeting_id)
        title = next((m.title for m in config.meetings if m.id == meeting_id),
                     state.snapshot.get("title", "") if state else "")
        result.append(Pending(meeting_id, str(actions[0].payload.get("kind")), title, actions[0].created_at,
                              int(actions[0].payload.get("recipients", 0)), tuple(a.token for a in actions)))
    return result


def has_change(session: Session, config: Config, now: datetime, meeting_id: str) -> bool:
    """Whether the configuration still says something else about ``meeting_id`` than participants know."""
    found = review(_told(_states(session)), current(session, config).meetings, aware(now))
    return any(c.meeting_id == meeting_id for c in found.changes)


def apply_change(session: Session, config: Config, outbox: Outbox, now: datetime, meeting_id: str,
                 target: str | None = None) -> int | None:
    """Tell participants about the pending change of ``meeting_id``: one mail each, in this transaction.

    ``target`` is the version she confirmed; when the configuration says something else by now,
    nothing is sent and None is returned (a new preview follows). Returns how many were told.
    """
    config = current(session, config)
    states = _states(session)
    found = review(_told(states), config.meetings, aware(now))
    change = next((c for c in found.changes if c.meeting_id == meeting_id), None)
    if change is None or (target is not None and change.target != target):
        return None
    state = states[meeting_id]
    sequence = state.sequence + 1
    declined = set(session.scalars(select(Attendance.participant_id).where(
        Attendance.meeting_id == meeting_id, Attendance.status == AttendanceStatus.DECLINED)))
    people = _not_told_yet(session, recipients(session, outbox, meeting_id, state.created_at), meeting_id,
                           _open_actions(session, now).get(meeting_id, []))
    already = set(session.scalars(select(MeetingNotice.participant_id).where(
        MeetingNotice.meeting_id == meeting_id, MeetingNotice.sequence == sequence)))
    shown = change.new or change.old
    for person in people:
        if person.id in already:
            continue
        lang = person.language
        template, context = participant_mail(change, config, lang, declined=person.id in declined)
        kind = MailKind.MEETING_CANCEL if change.new is None else MailKind.MEETING_UPDATE
        session.add(MeetingNotice(participant_id=person.id, meeting_id=meeting_id, sequence=sequence,
                                  kind="cancel" if change.new is None else "update", created_at=naive_utc(now)))
        outbox.queue(kind=kind, template=template, to_address=person.email, to_name=person.name, lang=lang,
                     context=context, counts_for_limit=False, participant=person, auto_submitted="auto-generated",
                     attachments=[ics_attachment(config, shown, sequence, "CANCEL" if change.new is None
                                                 else "PUBLISH", lang)], meeting_id=meeting_id)
    if change.moved or change.kind == ChangeKind.RESTORE:
        retire_claims(session, meeting_id, change.old)
    _take_over(state, change, now)
    state.sequence = sequence
    for action in _open_actions(session, now).get(meeting_id, []):
        close(action, ActionState.DONE, naive_utc(now))
    log.info("meeting %s: %s sent to %d participant(s)", meeting_id, change.kind, len(people))
    return len(people)


def _not_told_yet(session: Session, people: list[Participant], meeting_id: str,
                  actions: list[Action]) -> list[Participant]:
    """Leave out who registered after the edit: their questionnaire mail listed the meeting as it is now."""
    if not actions:
        return people
    edited = min(a.created_at for a in actions)
    heard = set(session.scalars(select(ReminderSent.participant_id).where(ReminderSent.meeting_id == meeting_id)
                                .union(select(MeetingNotice.participant_id)
                                       .where(MeetingNotice.meeting_id == meeting_id))))
    return [p for p in people if p.id in heard or p.questionnaire_sent_at is None or p.questionnaire_sent_at < edited]


def retire_claims(session: Session, meeting_id: str, old: Meeting) -> None:
    """Reminder claims belong to a meeting's time: those for the old time no longer count for the new one.

    The claim keeps its row (so the history stays) under a key that names the time it was for.
    """
    stamp = f"@{old.start:%Y%m%d%H%M}"
    for claim in session.scalars(select(ReminderSent).where(ReminderSent.meeting_id == meeting_id)):
        if "@" not in claim.offset_key:
            claim.offset_key = claim.offset_key + stamp


def ics_attachment(config: Config, meeting: Meeting, sequence: int, method: str, lang: str) -> Attachment:
    from mailbot.meetings.ics import meeting_ics  # icalendar is slow to import: only when a mail needs it

    data = meeting_ics(meeting, tz_name=config.timezone.key, domain=config.programme.domain, sequence=sequence,
                       method=method, lang=lang)  # type: ignore[arg-type]
    return Attachment(filename=f"{meeting.id}.ics", content=data, maintype="text", subtype="calendar",
                      params={"method": method, "charset": "utf-8"})
