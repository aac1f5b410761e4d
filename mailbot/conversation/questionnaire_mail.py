"""What our mails that several parts of mailbot send contain, composed in one place."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.answers.render import questionnaire_view
from mailbot.answers.versions import definition, fingerprint
from mailbot.config import Config
from mailbot.core.domain import ANSWERABLE_MAIL, MailKind
from mailbot.mail.parse import IncomingMail
from mailbot.meetings.context import meetings_list
from mailbot.outbox.queue import Outbox
from mailbot.store.db import aware
from mailbot.store.models import IncomingMessage, OutboxMail, Participant, QuestionnaireVersion

_VERSIONS = "mailbot.questionnaire_versions"  # session.info key


def questionnaire_context(config: Config, lang: str, now: Any, only: Collection[str] | None = None,
                          welcome: str = "new") -> dict[str, Any]:
    """The questionnaire (or only the questions ``only``) with the meetings ahead, in ``lang``.

    ``welcome``: new (a sign-up), back (someone who withdrew returns), again (they asked for it) or
    registered (the organiser registered them: the context then needs ``registered_by``).
    """
    view = questionnaire_view(config.questionnaire, lang)
    if only is not None:
        view = [v for v in view if v.id in only]
    return {"questionnaire_view": view, "meetings": meetings_list(config.meetings, aware(now), config.timezone, lang),
            "welcome": welcome}


def queue_questionnaire(outbox: Outbox, participant: Participant, *, reply_to: IncomingMail | None = None,
                        cause: IncomingMessage | None = None, counts_for_limit: bool = True,
                        registered_by: str = "") -> OutboxMail:
    """The questionnaire with the meetings ahead, in the participant's language; ``registered_by``: the
    organiser who registered them, whom the mail names as the reason they get it."""
    welcome = "registered" if registered_by else "again"
    row = outbox.queue(
        kind=MailKind.QUESTIONNAIRE, template="questionnaire", to_address=participant.email,
        to_name=participant.name, lang=participant.language, counts_for_limit=counts_for_limit, reply_to=reply_to,
        cause=cause, participant=participant,
        context={**questionnaire_context(outbox.config, participant.language, outbox.now, welcome=welcome),
                 "registered_by": registered_by},
    )
    link_questionnaire(outbox, row)
    participant.questionnaire_sent_at = outbox.now
    participant.updated_at = outbox.now
    return row


def questionnaire_version(session: Session, questionnaire: Questionnaire, now: Any) -> QuestionnaireVersion:
    """The stored version of ``questionnaire`` (one row per distinct set of questions and options).

    Looked up once per session (a batch): ``session.info`` remembers it for the session's lifetime only.
    """
    known: dict[int, tuple[Questionnaire, QuestionnaireVersion]] = session.info.setdefault(_VERSIONS, {})
    if id(questionnaire) in known and known[id(questionnaire)][0] is questionnaire \
            and inspect(known[id(questionnaire)][1]).persistent:  # not undone by a rolled-back savepoint
        return known[id(questionnaire)][1]
    key = fingerprint(questionnaire)
    version = session.scalar(select(QuestionnaireVersion).where(QuestionnaireVersion.fingerprint == key))
    if version is None:
        version = QuestionnaireVersion(fingerprint=key, definition=definition(questionnaire), created_at=now)
        session.add(version)
        session.flush()
    known[id(questionnaire)] = (questionnaire, version)
    return version


def link_questionnaire(outbox: Outbox, row: OutboxMail) -> None:
    """A mail a person answers with answers remembers the questionnaire it carried: replies are read against it."""
    if row.kind in ANSWERABLE_MAIL:
        row.questionnaire_version_id = questionnaire_version(outbox.session, outbox.config.questionnaire,
                                                             outbox.now).id
