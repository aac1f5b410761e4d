"""Which of our mails a message answers: its In-Reply-To and References, looked up in the outbox."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.domain import ANSWERABLE_MAIL
from mailbot.mail.parse import IncomingMail
from mailbot.store.models import OutboxMail, Participant


@dataclass(frozen=True)
class Thread:
    """Our mail this one answers (the newest of its In-Reply-To and References that we sent)."""

    kind: str
    meeting_id: str | None
    action_id: int | None
    item_id: int | None
    body_text: str
    recipient: str


def thread_of(session: Session, mail: IncomingMail) -> Thread | None:
    if not mail.thread_ids:
        return None
    row = session.execute(select(OutboxMail.kind, OutboxMail.meeting_id, OutboxMail.action_id, OutboxMail.item_id,
                                 OutboxMail.body_text, OutboxMail.recipient)
                          .where(OutboxMail.message_id.in_(mail.thread_ids))
                          .order_by(OutboxMail.id.desc()).limit(1)).first()
    return Thread(*row) if row is not None else None


def last_questionnaire_text(session: Session, participant: Participant) -> str | None:
    """The last questionnaire-bearing mail we sent them: what a reply that lost its threading answers."""
    if participant.id is None:
        return None
    return session.scalar(select(OutboxMail.body_text).where(
        OutboxMail.participant_id == participant.id, OutboxMail.kind.in_(list(ANSWERABLE_MAIL)))
        .order_by(OutboxMail.id.desc()).limit(1))
