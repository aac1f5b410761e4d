"""Forgetting one person (AVG/GDPR art. 17): their participant record, answers and mail go;
a hash of their address stays, so that no automatic mail reaches them again.

What is removed, and how:

- the participant row; answers and notes (ORM cascade), attendance, reminders,
  meeting notices and introductions (deleted here explicitly, not left to the database's cascade);
- every stored incoming message from the address or linked to the participant is
  blanked (``blanking.blank_message``): raw mail, sender, subject and excerpt go, an
  anonymous record of its kind and state stays;
- every outbox mail to the address (or linked to the participant) is blanked; one
  still pending is cancelled;
- sent mail to others that quotes the address (the organiser's digest) loses its text.

What stays: ``Suppression(address_hash)`` and an ``Event(what="forget")`` whose
detail holds counts only, never an address, a name or an id.
Copies on the mail server (the processed folder) are not ours to delete here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from mailbot.core.domain import ActionKind, ActionState
from mailbot.outbox.blanking import blank_message, blank_outbox_mail
from mailbot.outbox.queue import address_hash
from mailbot.store.models import (
    Action,
    Attendance,
    Event,
    IncomingMessage,
    Introduction,
    Item,
    MeetingNotice,
    OutboxMail,
    Participant,
    ReminderSent,
    Suppression,
)

log = logging.getLogger(__name__)


@dataclass
class ForgetReport:
    participant_id: int | None = None  # the id the participant had; None when the address was no participant
    answers: int = 0
    notes: int = 0
    attendance: int = 0
    reminders: int = 0
    meeting_notices: int = 0
    messages: int = 0  # incoming messages blanked
    outbox_blanked: int = 0  # outbox mails to them emptied (sent, failed or unconfirmed)
    outbox_cancelled: int = 0  # outbox mails to them that were still waiting
    mentions: int = 0  # sent mail to others (digests) whose text named the address
    newly_suppressed: bool = False

    @property
    def was_participant(self) -> bool:
        return self.participant_id is not None

    def summary(self) -> str:
        """Counts only: safe for the event log and for log lines."""
        # not the participant's id: SQLite hands a freed id to the next participant, who could be anyone
        who = "a participant" if self.was_participant else "no participant"
        return (f"{who}; answers {self.answers}, notes {self.notes}, attendance {self.attendance}, "
                f"reminders {self.reminders}, meeting notices {self.meeting_notices}; messages blanked "
                f"{self.messages}; outbox blanked {self.outbox_blanked}, cancelled {self.outbox_cancelled}; "
                f"mentions blanked {self.mentions}; "
                + ("address suppressed" if self.newly_suppressed else "address was already suppressed"))


def normalise(email: str) -> str:
    return email.strip().lower()


def forget_person(session: Session, email: str, now: datetime, reason: str) -> ForgetReport:
    """Erase what we hold about ``email`` in the caller's transaction; ``reason`` must hold no personal data.

    Safe to call again for the same address, and for an address that was never a
    participant (it is then only suppressed, and its mail blanked).
    """
    address = normalise(email)
    session.flush()  # the poll batches without autoflush: the queries below must see this batch's rows
    report = ForgetReport()
    participant = session.scalar(select(Participant).where(Participant.email == address))
    participant_id = participant.id if participant is not None else None

    about = IncomingMessage.sender == address
    if participant_id is not None:
        about = or_(about, IncomingMessage.participant_id == participant_id)
    for message in session.scalars(select(IncomingMessage).where(about)):
        blank_message(message)
        report.messages += 1

    to_them = OutboxMail.recipient == address
    if participant_id is not None:
        to_them = or_(to_them, OutboxMail.participant_id == participant_id)
    for mail in session.scalars(select(OutboxMail).where(to_them)):
        if mail.state == "pending":
            report.outbox_cancelled += 1
        elif "@" in mail.recipient:
            report.outbox_blanked += 1
        blank_outbox_mail(mail)
    session.flush()  # so that the search for mentions below no longer finds the mail to them
    for mail in session.scalars(select(OutboxMail).where(OutboxMail.state != "pending",
                                                         OutboxMail.body_text.contains(address, autoescape=True))):
        mail.raw, mail.body_text = None, ""  # to someone else (the organiser): their subject and row stay
        report.mentions += 1

    items = Item.address == address
    if participant_id is not None:
        items = or_(items, Item.participant_id == participant_id)
    for item in session.scalars(select(Item).where(items)):  # what the organiser was asked about them: gone too
        for forward in session.scalars(select(OutboxMail).where(OutboxMail.item_id == item.id)):
            forward.item_id = None
            if forward.state == "pending":
                blank_outbox_mail(forward)
        session.delete(item)
    session.flush()

    _drop_proposals_by(session, address, now)

    if participant is not None:
        report.participant_id = participant_id
        report.answers, report.notes = len(participant.answers), len(participant.notes)
        report.attendance = _delete_rows(session, Attendance, participant.id)
        report.reminders = _delete_rows(session, ReminderSent, participant.id)
        report.meeting_notices = _delete_rows(session, MeetingNotice, participant.id)
        session.execute(delete(Introduction).where(or_(Introduction.first_id == participant.id,
                                                       Introduction.second_id == participant.id)))
        session.delete(participant)

    digest = address_hash(address)
    if session.get(Suppression, digest) is None:
        session.add(Suppression(address_hash=digest, created_at=now))
        report.newly_suppressed = True
    session.add(Event(at=now, what="forget", detail=f"{reason}: {report.summary()}"[:2000]))
    session.flush()
    log.info("forgot an address (%s): %s", reason, report.summary())
    return report


def _delete_rows(session: Session, table: type[Attendance | ReminderSent | MeetingNotice], participant_id: int) -> int:
    result = session.execute(delete(table).where(table.participant_id == participant_id))
    return int(getattr(result, "rowcount", 0) or 0)


def is_suppressed(session: Session, email: str) -> bool:
    return session.get(Suppression, address_hash(normalise(email))) is not None


def blank_delivered_to_suppressed(session: Session) -> int:
    """Empty mail that went out to a forgotten address after it was forgotten (the 'done' mail).

    That last mail must hold the address until it is sent; the sender blanks it right
    after (``blanking.blank_farewells``). This, run by the retention job, is the safety
    net for a round that ended before it could. Returns how many rows were blanked.
    """
    recipients = session.scalars(select(OutboxMail.recipient).distinct()
                                 .where(OutboxMail.state != "pending", OutboxMail.recipient.contains("@")))
    by_hash = {address_hash(r): r for r in recipients}
    if not by_hash:
        return 0
    forgotten = [by_hash[h] for h in session.scalars(select(Suppression.address_hash)
                                                     .where(Suppression.address_hash.in_(list(by_hash))))]
    if not forgotten:
        return 0
    rows = list(session.scalars(select(OutboxMail).where(OutboxMail.state != "pending",
                                                         OutboxMail.recipient.in_(forgotten))))
    for mail in rows:
        blank_outbox_mail(mail)
    return len(rows)


def _drop_proposals_by(session: Session, address: str, now: datetime) -> None:
    """Answers they sent for someone else: an open proposal lapses, and no request keeps their address."""
    for action in session.scalars(select(Action).where(Action.kind == ActionKind.COLLEAGUE_ANSWERS)):
        payload = action.payload if isinstance(action.payload, dict) else {}
        if normalise(str(payload.get("by", ""))) == address:
            if action.state == ActionState.OPEN:
                action.state, action.decided_at = ActionState.EXPIRED, now
            action.payload = {}
