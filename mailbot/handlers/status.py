"""What several handlers share: a participant's status from their answers, and the questionnaire as a reply."""

from __future__ import annotations

from typing import Literal

from mailbot.config import Config
from mailbot.conversation.questionnaire_mail import questionnaire_context
from mailbot.conversation.respond import MainMail
from mailbot.core.domain import MailKind, Status
from mailbot.handlers import HandlerContext
from mailbot.store.models import Participant

RANK_QUESTIONNAIRE = 60


def current_answers(participant: Participant) -> dict[str, object]:
    return {a.question_id: a.value for a in participant.answers if a.current}


def missing_required(config: Config, participant: Participant) -> list[str]:
    answered = current_answers(participant)
    return [q.id for q in config.questionnaire.questions if q.required and q.id not in answered]


def answering_status(config: Config, participant: Participant) -> Status:
    """Where someone who takes part stands, from their current answers."""
    if not current_answers(participant):
        return Status.QUESTIONNAIRE_SENT
    return Status.PARTIALLY_ANSWERED if missing_required(config, participant) else Status.ANSWERED


def questionnaire_main(ctx: HandlerContext, participant: Participant,
                       welcome: Literal["new", "back", "again"]) -> MainMail:
    """The questionnaire as this mail's reply: all of it, or for someone coming back what is missing."""
    only = None
    if welcome == "back" and current_answers(participant):
        only = missing_required(ctx.config, participant)
    participant.questionnaire_sent_at = ctx.now
    context = questionnaire_context(ctx.config, ctx.response.language, ctx.now, only, welcome)
    return MainMail(RANK_QUESTIONNAIRE, MailKind.QUESTIONNAIRE, "questionnaire", context,
                    {"key": "questionnaire_below"}, separate=True)
