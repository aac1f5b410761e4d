"""A required question added after people finished: each of them is asked that question, once.

Who finished is who has the status ``answered`` while a required question of the questionnaire as
configured now has no answer of theirs. What they were asked is what the questionnaire-bearing mails we
sent them carried (``outbox.questionnaire_version_id``): a question that was required in one of them was asked,
so nobody is asked twice, whether the ask went out on this poll or on another, or in a follow-up.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.answers.versions import from_definition
from mailbot.conversation.questionnaire_mail import link_questionnaire, questionnaire_context
from mailbot.core.domain import ANSWERABLE_MAIL, MailKind, Status
from mailbot.outbox.queue import Outbox
from mailbot.store.models import Answer, OutboxMail, Participant, QuestionnaireVersion

log = logging.getLogger(__name__)


def ask_added_questions(session: Session, outbox: Outbox) -> int:
    """Queue the added required questions to everyone who had finished; the number of mails queued."""
    config = outbox.config
    required = sorted(config.questionnaire.required_ids)
    if not required:
        return 0
    answered = dict(session.execute(
        select(Answer.participant_id, func.count(func.distinct(Answer.question_id)))
        .join(Participant, Participant.id == Answer.participant_id)
        .where(Participant.status == Status.ANSWERED, Answer.current.is_(True), Answer.question_id.in_(required))
        .group_by(Answer.participant_id)).all())
    finished = session.scalars(select(Participant).where(Participant.status == Status.ANSWERED)).all()
    behind = [p for p in finished if answered.get(p.id, 0) < len(required)]
    if not behind:
        return 0
    carried = _questions_by_version(session)
    queued = 0
    for participant in behind:
        have = {a.question_id for a in participant.answers if a.current}
        if not have:
            continue  # "answered" without an answer was set by hand (an import, a person): not ours to ask
        missing = [q for q in required if q not in have]
        asked = set().union(*(carried.get(v or 0, set()) for v in session.scalars(
            select(OutboxMail.questionnaire_version_id).where(
                OutboxMail.participant_id == participant.id, OutboxMail.kind.in_(list(ANSWERABLE_MAIL)),
                OutboxMail.questionnaire_version_id.is_not(None)))))
        ask = [q for q in missing if q not in asked]
        participant.status = Status.PARTIALLY_ANSWERED
        participant.updated_at = outbox.now
        if not ask or outbox.suppressed(participant.email):
            continue
        row = outbox.queue(
            kind=MailKind.QUESTIONNAIRE, template="questionnaire", to_address=participant.email,
            to_name=participant.name, lang=participant.language, counts_for_limit=False, participant=participant,
            context=questionnaire_context(config, participant.language, outbox.now, only=ask, welcome="added"))
        link_questionnaire(outbox, row)
        queued += 1
        log.info("asked %s the question(s) added since they finished: %s", participant.email, ", ".join(ask))
    return queued


def _questions_by_version(session: Session) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for version_id, definition in session.execute(select(QuestionnaireVersion.id, QuestionnaireVersion.definition)):
        questionnaire = from_definition(definition)
        # asked is asked as required: a question made required since is asked again, once
        found[version_id] = set(questionnaire.required_ids) if questionnaire is not None else set()
    return found
