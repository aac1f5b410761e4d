"""Making and sending the digest: once per period, whatever crashes in between.

One transaction records the ``DigestRun`` (its period end is unique), queues one
outbox mail per organiser and marks the reported messages digested. Only after the
commit does the caller send (``App.drain``). A crash before the commit leaves
nothing behind (the next run makes the same digest); a crash after it leaves mail
in the outbox that the next drain (any poll) sends exactly once. Two processes cannot both record a
period: the ``digest`` lock serialises them and the unique period end refuses the
second.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailbot.briefs.gaps import compute_gaps
from mailbot.config import Config, Organiser
from mailbot.digest.collect import DigestData, Period, collect
from mailbot.digest.compose import digest_context
from mailbot.exports.files import participants_csv, participants_xlsx
from mailbot.mail.compose import Attachment
from mailbot.matching.collect import circle_matches
from mailbot.meetings.agenda import current
from mailbot.meetings.dates import local_when
from mailbot.outbox.queue import Outbox, new_outbox
from mailbot.people.records import participant_records
from mailbot.store.db import Database, utcnow
from mailbot.store.models import DigestRun, IncomingMessage
from mailbot.wording.templates import Rendered, Templates, base_context

log = logging.getLogger(__name__)
TEMPLATE = "digest"


@dataclass(frozen=True)
class DigestResult:
    queued: bool  # a digest was recorded and queued for every organiser
    message: str  # one line for the person or log that asked
    recipients: tuple[str, ...] = ()


def last_period_end(session: Session, now: datetime) -> datetime | None:
    """Where the next period starts: the end of the last digest recorded, ignoring one that ends after ``now``.

    A period in the future can only come from a clock that was wrong (a year ahead) when it was
    recorded; taking it as "already sent" would block every digest until that date.
    """
    future = session.scalar(select(func.max(DigestRun.period_end)).where(DigestRun.period_end > now))
    if future is not None:
        log.warning("a digest was recorded for a period ending %s, after now (%s): a clock error then or now; "
                    "it is ignored", future.isoformat(timespec="minutes"), now.isoformat(timespec="minutes"))
    return session.scalar(select(func.max(DigestRun.period_end)).where(DigestRun.period_end <= now))


def collect_since_last(session: Session, config: Config, end: datetime, now: datetime) -> DigestData:
    config = current(session, config)
    period = Period(start=last_period_end(session, now), end=end)
    data = collect(session, config.questionnaire, config.meetings, period, now)
    themes = {m.id: config.briefing(m.id).themes for m in config.meetings}
    return replace(data, gaps=compute_gaps(data.participants, config.questionnaire, themes),
                   matches=circle_matches(session, config.questionnaire))


ATTACHMENT_NAMES = {"nl": "deelnemers", "en": "participants"}


def digest_attachments(session: Session, config: Config, lang: str | None = None) -> tuple[Attachment, ...]:
    """``deelnemers.csv`` and ``deelnemers.xlsx`` (en: ``participants.*``): every participant, in the
    organiser's language (``lang``, default ``digest.language``), as she opens them in Excel; the workbook
    also says who can help whom."""
    lang = lang or config.digest.language
    config = current(session, config)
    name = ATTACHMENT_NAMES.get(lang, ATTACHMENT_NAMES["en"])
    records = participant_records(session, config.questionnaire)
    matches = circle_matches(session, config.questionnaire, records)
    return (
        Attachment(f"{name}.csv", participants_csv(records, config, lang), "text", "csv", {"charset": "utf-8"}),
        Attachment(f"{name}.xlsx", participants_xlsx(records, config, lang, matches=matches), "application",
                   "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )


def render_digest(templates: Templates, config: Config, data: DigestData, lang: str, now: datetime) -> Rendered:
    """The digest as the organiser would get it, without queueing anything (``--preview``)."""
    context = digest_context(data, config.questionnaire, config.timezone, lang, now, data.service_problem,
                             config.programme.address)
    return templates.render(TEMPLATE, lang, base_context(config, config.organisers[0].name) | context)


def preview_digest(db: Database, config: Config, templates: Templates, lang: str | None = None,
                   now: datetime | None = None) -> Rendered:
    now = now or utcnow()
    with db.read_session() as session:
        data = collect_since_last(session, config, now, now)
        config = current(session, config)
    return render_digest(templates, config, data, lang or config.digest.language, now)


def queue_digest(db: Database, config: Config, templates: Templates, *, trigger: str = "command",
                 period_end: datetime | None = None, force: bool = False,
                 now: datetime | None = None) -> DigestResult:
    """Record the digest for the period since the last one and queue it for every organiser.

    ``period_end`` is the scheduled moment for a scheduled digest (so that two
    schedulers firing for the same moment make one digest) and now otherwise.
    A quiet period sends nothing unless ``digest.send_empty`` or ``force``; ``force`` also sends when
    a digest for this period went out already (it covers the time since the last one).
    """
    with db.exclusive("digest"):
        try:
            with db.session() as session:
                now = now or utcnow()
                end = period_end or now
                previous = last_period_end(session, now)
                if force and previous is not None and previous >= end:
                    end = now  # a forced digest right after another: its own, short, period
                if previous is not None and previous >= end:
                    return DigestResult(False, f"a digest for the period up to {_local(config, previous)} "
                                               "was sent already")
                data = collect_since_last(session, config, end, now)
                if data.is_quiet and not (force or config.digest.send_empty):
                    since = f" since {_local(config, previous)}" if previous else ""
                    return DigestResult(False, f"nothing new{since}: no digest sent (digest.send_empty is false)")
                recipients = _queue(session, config, templates, data, trigger, now)
        except IntegrityError:
            return DigestResult(False, "another process recorded this digest at the same moment")
    return DigestResult(True, f"digest queued for {', '.join(recipients)}", recipients)


def _queue(session: Session, config: Config, templates: Templates, data: DigestData, trigger: str,
           now: datetime) -> tuple[str, ...]:
    session.add(DigestRun(period_start=data.period.start, period_end=data.period.end, created_at=now,
                          trigger=trigger))
    session.flush()  # the unique period end refuses a second digest here, before any work
    outbox = new_outbox(session, config, templates, now)
    contexts: dict[str, dict[str, object]] = {}
    attachments: dict[str, tuple[Attachment, ...]] = {}
    for organiser in config.organisers:
        lang = organiser.language
        if lang not in contexts:
            contexts[lang] = digest_context(data, config.questionnaire, config.timezone, lang, now,
                                            data.service_problem, config.programme.address)
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


def overview(outbox: Outbox, config: Config, organiser: Organiser) -> tuple[dict[str, object], tuple[Attachment, ...]]:
    """The digest as it stands now, for one organiser who asked for it ("overzicht"): its context and the
    participant list. No period is recorded, so the scheduled digest still covers everything."""
    session, now = outbox.session, outbox.now
    data = collect_since_last(session, config, now, now)
    lang = organiser.language
    config = current(session, config)
    context = digest_context(data, config.questionnaire, config.timezone, lang, now, data.service_problem,
                             config.programme.address)
    return context, digest_attachments(session, config, lang)


def queue_overview(outbox: Outbox, config: Config, organiser: Organiser) -> None:
    """The overview as a mail of its own, in the caller's transaction (when her answer is another mail)."""
    context, attachments = overview(outbox, config, organiser)
    outbox.queue(kind="digest", template=TEMPLATE, to_address=organiser.email, to_name=organiser.name,
                 lang=organiser.language, context=context, counts_for_limit=False, auto_submitted="auto-generated",
                 attachments=attachments)
