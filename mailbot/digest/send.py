"""Making and sending the digest: once per period, whatever crashes in between.

One transaction records the ``DigestRun`` (its period end is unique), queues one
outbox mail per organiser and marks the reported messages digested. Only after the
commit does ``drain`` send. A crash before the commit leaves nothing behind (the
next run makes the same digest); a crash after it leaves mail in the outbox that
the next drain (any poll) sends exactly once. Two processes cannot both record a
period: the ``digest`` lock serialises them and the unique period end refuses the
second.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.config import Config
from mailbot.digest.collect import DigestData, Period, collect
from mailbot.digest.compose import digest_context, local_when
from mailbot.exports.files import participants_csv, participants_xlsx
from mailbot.exports.records import participant_records
from mailbot.mail.compose import Attachment
from mailbot.outbox import new_outbox
from mailbot.sender import DrainReport, drain
from mailbot.store.db import utcnow
from mailbot.store.models import DigestRun, IncomingMessage
from mailbot.templates import Rendered, Templates

log = logging.getLogger(__name__)
TEMPLATE = "digest"


@dataclass(frozen=True)
class DigestResult:
    queued: bool  # a digest was recorded and queued for every organiser
    message: str  # one line for the person or log that asked
    recipients: tuple[str, ...] = ()
    drain: DrainReport | None = None


def last_period_end(session: Session) -> datetime | None:
    return session.scalar(select(func.max(DigestRun.period_end)))


def collect_since_last(session: Session, config: Config, end: datetime, now: datetime) -> DigestData:
    period = Period(start=last_period_end(session), end=end)
    return collect(session, config.questionnaire, config.meetings, period, now)


ATTACHMENT_NAMES = {"nl": "deelnemers", "en": "participants"}


def digest_attachments(session: Session, config: Config, lang: str | None = None) -> tuple[Attachment, ...]:
    """``deelnemers.csv`` and ``deelnemers.xlsx`` (en: ``participants.*``): every participant, in the
    organiser's language (``lang``, default ``digest.language``), as she opens them in Excel."""
    lang = lang or config.digest.language
    name = ATTACHMENT_NAMES.get(lang, ATTACHMENT_NAMES["en"])
    records = participant_records(session, config.questionnaire)
    return (
        Attachment(f"{name}.csv", participants_csv(records, config, lang), "text", "csv", {"charset": "utf-8"}),
        Attachment(f"{name}.xlsx", participants_xlsx(records, config, lang), "application",
                   "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )


def render_digest(templates: Templates, config: Config, data: DigestData, lang: str, now: datetime) -> Rendered:
    """The digest as the organiser would get it, without queueing anything (``--preview``)."""
    context = digest_context(data, config.questionnaire, config.timezone, lang, now, data.service_problem)
    context |= {"programme_name": config.programme.name, "programme_address": config.programme.address,
                "organiser_name": config.organisers[0].name, "participant_name": config.organisers[0].name}
    return templates.render(TEMPLATE, lang, context)


def preview_digest(app: App, lang: str | None = None, now: datetime | None = None) -> Rendered:
    now = now or utcnow()
    with app.db.read_session() as session:
        data = collect_since_last(session, app.config, now, now)
    return render_digest(app.templates, app.config, data, lang or app.config.digest.language, now)


def send_digest(app: App, *, trigger: str = "command", period_end: datetime | None = None, force: bool = False,
                now: datetime | None = None) -> DigestResult:
    """Record, queue and send the digest for the period since the last one.

    ``period_end`` is the scheduled moment for a scheduled digest (so that two
    schedulers firing for the same moment make one digest) and now otherwise.
    A quiet period sends nothing unless ``digest.send_empty`` or ``force``.
    """
    config = app.config
    with app.db.exclusive("digest"):
        try:
            with app.db.session() as session:
                now = now or utcnow()
                end = period_end or now
                previous = last_period_end(session)
                if previous is not None and previous >= end:
                    return DigestResult(False, f"a digest for the period up to {_local(config, previous)} "
                                               "was sent already")
                data = collect_since_last(session, config, end, now)
                if data.is_quiet and not (force or config.digest.send_empty):
                    since = f" since {_local(config, previous)}" if previous else ""
                    return DigestResult(False, f"nothing new{since}: no digest sent (digest.send_empty is false)")
                recipients = _queue(session, app, data, trigger, now)
        except IntegrityError:
            return DigestResult(False, "another process recorded this digest at the same moment")
    report = drain(app.db, config)
    message = f"digest sent to {', '.join(recipients)}"
    if report.error:
        message = f"digest queued for {', '.join(recipients)}; sending failed ({report.error}), the next poll retries"
    log.info("%s (%s)", message, trigger)
    return DigestResult(True, message, recipients, report)


def _queue(session: Session, app: App, data: DigestData, trigger: str, now: datetime) -> tuple[str, ...]:
    config = app.config
    session.add(DigestRun(period_start=data.period.start, period_end=data.period.end, created_at=now,
                          trigger=trigger))
    session.flush()  # the unique period end refuses a second digest here, before any work
    outbox = new_outbox(session, config, app.templates, now)
    contexts: dict[str, dict[str, object]] = {}
    attachments: dict[str, tuple[Attachment, ...]] = {}
    for organiser in config.organisers:
        lang = organiser.language
        if lang not in contexts:
            contexts[lang] = digest_context(data, config.questionnaire, config.timezone, lang, now,
                                            data.service_problem)
            attachments[lang] = digest_attachments(session, config, lang)
        outbox.queue(kind="digest", template=TEMPLATE, to_address=organiser.email, to_name=organiser.name,
                     lang=lang, context=contexts[lang], counts_for_limit=False,
                     auto_submitted="auto-generated", attachments=attachments[lang])
    reported = [item.message_id for item in data.attention if item.message_id is not None]
    if reported:
        session.execute(update(IncomingMessage).where(IncomingMessage.id.in_(reported)).values(digested=True))
    return tuple(o.email for o in config.organisers)


def _local(config: Config, moment: datetime) -> str:
    return local_when(moment, config.timezone, "en")
