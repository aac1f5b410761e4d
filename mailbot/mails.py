"""Our mails that more than one part of mailbot sends, each composed in one place."""

from __future__ import annotations

from mailbot.answers.render import questionnaire_view
from mailbot.domain import MailKind
from mailbot.mail.parse import IncomingMail
from mailbot.meetings.context import meetings_list
from mailbot.outbox import Outbox
from mailbot.store.db import aware
from mailbot.store.models import IncomingMessage, OutboxMail, Participant


def queue_questionnaire(outbox: Outbox, participant: Participant, *, reply_to: IncomingMail | None = None,
                        cause: IncomingMessage | None = None, counts_for_limit: bool = True) -> OutboxMail:
    """The questionnaire with the meetings ahead, in the participant's language."""
    config, lang = outbox.config, participant.language
    row = outbox.queue(
        kind=MailKind.QUESTIONNAIRE, template="questionnaire", to_address=participant.email,
        to_name=participant.name, lang=lang, counts_for_limit=counts_for_limit, reply_to=reply_to, cause=cause,
        participant=participant,
        context={"questionnaire_view": questionnaire_view(config.questionnaire, lang),
                 "meetings": meetings_list(config.meetings, aware(outbox.now), config.timezone, lang)},
    )
    participant.questionnaire_sent_at = outbox.now
    participant.updated_at = outbox.now
    return row
