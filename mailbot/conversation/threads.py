"""Which of our mails a message answers: its In-Reply-To and References, looked up in the outbox."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.answers.versions import from_definition
from mailbot.core.domain import ANSWERABLE_MAIL
from mailbot.mail.parse import IncomingMail
from mailbot.store.models import IncomingMessage, OutboxMail, Participant, QuestionnaireVersion


@dataclass(frozen=True)
class Thread:
    """Our mail this one answers (the newest of its In-Reply-To and References that we sent)."""

    kind: str
    meeting_id: str | None
    action_id: int | None
    item_id: int | None
    body_text: str
    recipient: str
    questionnaire_version_id: int | None = None  # the questions it carried (a questionnaire-bearing mail)
    cause_sender: str | None = None  # our mail answered this incoming mail (a reply of ours): who sent it
    cause_excerpt: str = ""  # and the start of what it said: a loop answers our answer with the same words


def thread_of(session: Session, mail: IncomingMail) -> Thread | None:
    if not mail.thread_ids:
        return None
    row = session.execute(select(OutboxMail.kind, OutboxMail.meeting_id, OutboxMail.action_id, OutboxMail.item_id,
                                 OutboxMail.body_text, OutboxMail.recipient, OutboxMail.questionnaire_version_id,
                                 IncomingMessage.sender, IncomingMessage.excerpt)
                          .outerjoin(IncomingMessage, IncomingMessage.id == OutboxMail.cause_id)
                          .where(OutboxMail.message_id.in_(mail.thread_ids))
                          .order_by(OutboxMail.id.desc()).limit(1)).first()
    return Thread(*row[:7], cause_sender=row[7], cause_excerpt=row[8] or "") if row is not None else None


def last_questionnaire_mail(session: Session, participant: Participant) -> tuple[str, int | None] | None:
    """The last questionnaire-bearing mail we sent them (its text and questionnaire version): what a reply
    that lost its threading answers."""
    if participant.id is None:
        return None
    row = session.execute(select(OutboxMail.body_text, OutboxMail.questionnaire_version_id).where(
        OutboxMail.participant_id == participant.id, OutboxMail.kind.in_(list(ANSWERABLE_MAIL)))
        .order_by(OutboxMail.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else None


def last_questionnaire_text(session: Session, participant: Participant) -> str | None:
    last = last_questionnaire_mail(session, participant)
    return last[0] if last is not None else None


def questionnaire_seen(session: Session, version_id: int | None) -> Questionnaire | None:
    """The questionnaire a mail of ours carried; None when it is not known (an older mail) or unreadable."""
    if version_id is None:
        return None
    known: dict[int, Questionnaire | None] = session.info.setdefault("mailbot.questionnaires_seen", {})
    if version_id not in known:
        version = session.get(QuestionnaireVersion, version_id)
        known[version_id] = from_definition(version.definition) if version is not None else None
    return known[version_id]
