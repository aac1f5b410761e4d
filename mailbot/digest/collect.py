"""Gathering what a digest reports, for one period, as plain values (no rendering here).

A period runs from the end of the previous digest (exclusive; None = the beginning)
to its own end (inclusive). "New" means inside the period, except for messages: those
are new until a digest has reported them (``IncomingMessage.digested``). The inventory
and the totals cover the whole circle as it is now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from mailbot.answers.questionnaire import AnswerValue, Questionnaire
from mailbot.briefs.gaps import Gaps
from mailbot.core.domain import WAITING, ItemState, Status
from mailbot.matching.model import Matches
from mailbot.meetings.model import Meeting
from mailbot.meetings.schedule import next_meeting
from mailbot.people.attendance import MeetingTurnout, turnout
from mailbot.people.records import Proposal, participant_records, proposals_of
from mailbot.store.models import Answer, IncomingMessage, Item, Note, Participant

INACTIVE_STATUSES = frozenset({Status.WITHDRAWN})  # a bounced participant still counts: the address may be fixed


@dataclass(frozen=True)
class Period:
    start: datetime | None  # exclusive; None: since the first mail
    end: datetime  # inclusive

    @property
    def length(self) -> timedelta:
        return timedelta.max if self.start is None else self.end - self.start

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and (self.start is None or moment > self.start) and moment <= self.end

    def where(self, column: InstrumentedAttribute[datetime]) -> ColumnElement[bool]:
        condition = column <= self.end
        return condition if self.start is None else condition & (column > self.start)


@dataclass(frozen=True)
class ParticipantFacts:
    id: int
    name: str
    email: str
    organisation: str
    status: str
    registered_at: datetime
    questionnaire_sent_at: datetime | None
    updated_at: datetime
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)  # current answer per question id
    answered_at: Mapping[str, datetime] = field(default_factory=dict)  # when each current answer came in

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def active(self) -> bool:
        return self.status not in INACTIVE_STATUSES


@dataclass(frozen=True)
class AttentionItem:
    """Something the organiser should look at: a message, a bounce or a flagged note."""

    kind: str  # needs_human | quarantined | unreadable | bounce | note
    at: datetime
    sender: str
    sender_name: str
    subject: str
    excerpt: str
    reason: str = ""
    questions: tuple[str, ...] = ()  # questions for the organiser picked out of the message
    message_id: int | None = None  # the stored IncomingMessage, to mark it digested


# open items alone make a digest worth sending once a period is this long (not on a re-run minutes later)
OPEN_ITEMS_REMINDER = timedelta(hours=20)


@dataclass(frozen=True)
class OpenItem:
    """Something handed to the organiser that she has not answered or marked done: listed until she does."""

    id: int
    created_at: datetime
    address: str
    name: str
    reasons: tuple[tuple[str, str], ...]  # (kind, the person's words)
    subject: str
    forwarded: bool  # she had it by mail at once; else the digest is where she first sees it


@dataclass(frozen=True)
class MeetingOutlook:
    meeting: Meeting
    turnout: MeetingTurnout  # expected, declined and unknown: the count every overview gives

    @property
    def declined(self) -> tuple[int, ...]:
        return self.turnout.declined


@dataclass(frozen=True)
class DigestData:
    period: Period
    participants: tuple[ParticipantFacts, ...]  # everyone, in order of registration
    attention: tuple[AttentionItem, ...]
    next_meeting: MeetingOutlook | None = None
    service_problem: str = ""  # an ongoing outage or refused login, as the service recorded it
    open_items: tuple[OpenItem, ...] = ()  # oldest first
    gaps: Gaps = Gaps()  # themes and people no meeting covers (``briefs.gaps``)
    proposed: tuple[tuple[int, Proposal], ...] = ()  # (participant id, answers someone else sent), oldest first
    matches: Matches = Matches()  # who can help whom (``matching``)

    @property
    def active(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if p.active]

    @property
    def new_participants(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if self.period.contains(p.registered_at)]

    @property
    def withdrawals(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if p.status == "withdrawn" and self.period.contains(p.updated_at)]

    @property
    def newly_answered(self) -> list[ParticipantFacts]:
        return [p for p in self.participants if any(self.period.contains(t) for t in p.answered_at.values())]

    @property
    def waiting(self) -> list[ParticipantFacts]:
        """Who has not (fully) answered yet, longest waiting first."""
        return sorted((p for p in self.participants if p.status in WAITING),
                      key=lambda p: (p.questionnaire_sent_at or p.registered_at, p.id))

    @property
    def is_quiet(self) -> bool:
        """Nothing happened in the period: no digest unless ``digest.send_empty`` says so."""
        return not (self.attention or self.new_participants or self.withdrawals or self.newly_answered
                    or self.open_items and self.period.length >= OPEN_ITEMS_REMINDER)


def collect(session: Session, questionnaire: Questionnaire, meetings: tuple[Meeting, ...], period: Period,
            now: datetime) -> DigestData:
    participants = _participants(session, questionnaire)
    messages = [*_messages(session), *_bounces(session, period, participants), *_undelivered(session, period)]
    open_items = _open_items(session)
    with_item = set(session.scalars(select(Item.message_id).where(Item.message_id.is_not(None))))
    # a message that became an item is listed as that item, for as long as it is open
    merged = [m for m in _merge_notes(messages, _notes(session, period)) if m.message_id not in with_item]
    merged.sort(key=lambda item: item.at)
    meeting = next_meeting(meetings, now.replace(tzinfo=UTC) if now.tzinfo is None else now)
    outlook = None
    if meeting is not None:
        counted = turnout(participant_records(session, questionnaire), [meeting.id], questionnaire)
        outlook = MeetingOutlook(meeting, counted[meeting.id])
    shown = {p.id for p in participants}
    proposed = sorted(((pid, p) for pid, ps in proposals_of(session, now).items() for p in ps if pid in shown),
                      key=lambda item: item[1].at)
    return DigestData(period=period, participants=tuple(participants), attention=tuple(merged),
                      next_meeting=outlook, service_problem=_service_problem(session), open_items=open_items,
                      proposed=tuple(proposed))


def _open_items(session: Session) -> tuple[OpenItem, ...]:
    rows = session.execute(select(Item, IncomingMessage.subject).outerjoin(
        IncomingMessage, IncomingMessage.id == Item.message_id).where(Item.state == ItemState.OPEN)
        .order_by(Item.created_at, Item.id))
    return tuple(OpenItem(id=item.id, created_at=item.created_at, address=item.address, name=item.name,
                          reasons=tuple((str(r.get("kind", "")), str(r.get("text", "")))
                                        for r in (item.reasons or []) if isinstance(r, dict)),
                          subject=subject or "", forwarded=item.forwarded)
                 for item, subject in rows)


def _service_problem(session: Session) -> str:
    """What ``mailbot run`` recorded as going wrong (a refused login above all), while it lasts."""
    from mailbot.store.models import KeyValue

    row = session.get(KeyValue, "last_error")
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    if not value.get("ongoing"):
        return ""
    what, error = value.get("what", ""), value.get("error", "")
    return f"{what}: {error} (since {value.get('since', value.get('at', ''))})".strip()


def _participants(session: Session, questionnaire: Questionnaire) -> list[ParticipantFacts]:
    known = {q.id for q in questionnaire.questions}
    answers: dict[int, dict[str, AnswerValue]] = defaultdict(dict)
    answered_at: dict[int, dict[str, datetime]] = defaultdict(dict)
    for participant_id, question_id, value, created_at in session.execute(
            select(Answer.participant_id, Answer.question_id, Answer.value, Answer.created_at)
            .where(Answer.current.is_(True)).order_by(Answer.id)):
        if question_id in known:
            answers[participant_id][question_id] = value
            answered_at[participant_id][question_id] = created_at
    rows = session.execute(
        select(Participant.id, Participant.name, Participant.email, Participant.organisation, Participant.status,
               Participant.registered_at, Participant.questionnaire_sent_at, Participant.updated_at)
        .order_by(Participant.registered_at, Participant.id))
    return [ParticipantFacts(id=r.id, name=r.name, email=r.email, organisation=r.organisation, status=r.status,
                             registered_at=r.registered_at, questionnaire_sent_at=r.questionnaire_sent_at,
                             updated_at=r.updated_at, answers=answers.get(r.id, {}),
                             answered_at=answered_at.get(r.id, {}))
            for r in rows]


def _from_message(kind: str, m: IncomingMessage) -> AttentionItem:
    return AttentionItem(kind=kind, at=m.sent_date or m.received_at, sender=m.sender, sender_name=m.sender_name,
                         subject=m.subject, excerpt=m.excerpt, reason=m.reason, message_id=m.id)


def _messages(session: Session) -> list[AttentionItem]:
    """Handed to a human, quarantined, and replies to the questionnaire from which no answer could be read.

    Chosen by the ``digested`` flag rather than by time: a poll that was still writing
    while the previous digest was made has its messages in this one, never in none.
    """
    has_answers = exists().where(Answer.message_id == IncomingMessage.id)
    rows = session.scalars(
        select(IncomingMessage).where(
            IncomingMessage.digested.is_(False),
            IncomingMessage.state.in_(("needs_human", "quarantined"))
            | ((IncomingMessage.kind == "answer") & (IncomingMessage.state == "handled") & ~has_answers),
        ).order_by(IncomingMessage.id))
    return [_from_message("unreadable" if m.state == "handled" else "loop" if m.kind == "loop" else m.state, m)
            for m in rows]


def _bounces(session: Session, period: Period, participants: list[ParticipantFacts]) -> list[AttentionItem]:
    bounced = [p for p in participants if p.status == "bounced" and period.contains(p.updated_at)]
    if not bounced:
        return []
    latest: dict[int, IncomingMessage] = {}
    for m in session.scalars(select(IncomingMessage).where(
            IncomingMessage.kind == "bounce", IncomingMessage.participant_id.in_([p.id for p in bounced]))
            .order_by(IncomingMessage.id)):
        if m.participant_id is not None:
            latest[m.participant_id] = m
    items = []
    for p in bounced:
        bounce = latest.get(p.id)
        items.append(AttentionItem(kind="bounce", at=p.updated_at, sender=p.email, sender_name=p.name,
                                   subject=bounce.subject if bounce else "", excerpt=bounce.excerpt if bounce else "",
                                   message_id=bounce.id if bounce else None))
    return items


def _undelivered(session: Session, period: Period) -> list[AttentionItem]:
    """Our mail the server refused for good, or took without confirming (never sent twice, so she must know)."""
    from mailbot.store.models import OutboxMail

    rows = session.scalars(select(OutboxMail).where(OutboxMail.state.in_(("failed", "unconfirmed")),
                                                    period.where(OutboxMail.created_at))
                           .order_by(OutboxMail.id)).all()
    return [AttentionItem(kind=f"outbox_{row.state}", at=row.created_at, sender=row.recipient, sender_name="",
                          subject=row.subject, excerpt="", reason=row.last_error) for row in rows]


def _notes(session: Session, period: Period) -> list[AttentionItem]:
    rows = session.execute(
        select(Note, Participant.email, Participant.name, IncomingMessage.subject)
        .join(Participant, Participant.id == Note.participant_id)
        .outerjoin(IncomingMessage, IncomingMessage.id == Note.message_id)
        .where(Note.flagged.is_(True), period.where(Note.created_at)).order_by(Note.id))
    return [AttentionItem(kind="note", at=note.created_at, sender=email, sender_name=name, subject=subject or "",
                          excerpt=note.text, reason=note.source, message_id=note.message_id)
            for note, email, name, subject in rows]


def _merge_notes(messages: list[AttentionItem], notes: list[AttentionItem]) -> list[AttentionItem]:
    """A flagged note from a message already listed becomes part of that message's entry.

    A question mail is both a needs_human message and a flagged note with the same text:
    listing it twice would make the organiser think she has two things to do. A question
    picked out of a longer reply is kept with the reply, so she sees it in context.
    """
    by_message = {item.message_id: i for i, item in enumerate(messages) if item.message_id is not None}
    merged = list(messages)
    loose = []
    for note in notes:
        index = by_message.get(note.message_id) if note.message_id is not None else None
        if index is None:
            loose.append(note)
        elif not _same_text(note.excerpt, merged[index].excerpt):
            merged[index] = replace(merged[index], questions=(*merged[index].questions, note.excerpt))
    return merged + loose


def _same_text(a: str, b: str, prefix: int = 200) -> bool:
    return " ".join(a.split())[:prefix] == " ".join(b.split())[:prefix]
