"""Keeping personal data no longer than needed (``retention:`` in the config); run daily by the scheduler.

- raw mail (incoming, and our own sent copies) older than ``raw_mail_days`` is deleted;
  the parsed fields stay, so the organiser can still see who wrote and what was decided;
- ``after_last_meeting_days`` after the end of the last meeting every participant is
  anonymised: names, addresses, organisations, free-text answers and notes, and all
  stored mail go (mail still waiting is cancelled); statuses, choice answers and
  attendance stay, so the counts in ``status`` and the export still add up;
- mail that went out to a forgotten address (the 'done' mail) is blanked.

Every function takes ``now`` (naive UTC) so that tests can freeze the clock.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import CHOICE_TYPES, Questionnaire
from mailbot.config import Config
from mailbot.outbox.blanking import blank_message, blank_outbox_mail
from mailbot.privacy.forget import blank_delivered_to_suppressed
from mailbot.store.db import Database, naive_utc, utcnow
from mailbot.store.models import Event, IncomingMessage, OutboxMail, Participant

log = logging.getLogger(__name__)
ANONYMOUS_DOMAIN = "anonymised.invalid"  # .invalid can never be delivered to (RFC 2606)


@dataclass
class RetentionReport:
    raw_mail_purged: int = 0
    sent_copies_purged: int = 0
    anonymised: int = 0
    done_mail_blanked: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def purge_raw_mail(session: Session, now: datetime, days: int) -> int:
    """Delete the raw bytes of incoming messages received more than ``days`` ago; return how many."""
    result = session.execute(update(IncomingMessage)
                             .where(IncomingMessage.received_at < now - timedelta(days=days),
                                    IncomingMessage.raw.is_not(None))
                             .values(raw=None).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_sent_copies(session: Session, now: datetime, days: int) -> int:
    """Delete the raw bytes of our own mail created more than ``days`` ago, once it is no longer waiting.

    The text part (``body_text``) stays: reading a late reply needs it.
    """
    result = session.execute(update(OutboxMail)
                             .where(OutboxMail.created_at < now - timedelta(days=days),
                                    OutboxMail.state != "pending", OutboxMail.raw.is_not(None))
                             .values(raw=None).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def last_meeting_end(config: Config) -> datetime | None:
    """The end of the last configured meeting, naive UTC; None without meetings."""
    if not config.meetings:
        return None
    return naive_utc(max(m.end for m in config.meetings))


def anonymisation_due(config: Config, now: datetime) -> bool:
    end = last_meeting_end(config)
    return end is not None and now > end + timedelta(days=config.retention.after_last_meeting_days)


def anonymise_after_last_meeting(session: Session, config: Config, now: datetime) -> int:
    """Once the learning circle is long over, anonymise everyone; return how many participants changed."""
    if not anonymisation_due(config, now):
        return 0
    count = 0
    for participant in session.scalars(select(Participant).where(
            Participant.email.not_like(f"%@{ANONYMOUS_DOMAIN}"))):
        anonymise_participant(participant, config.questionnaire)
        count += 1
    for message in session.scalars(select(IncomingMessage).where(
            (IncomingMessage.raw.is_not(None)) | (IncomingMessage.sender != ""))):
        blank_message(message)
    # mail still waiting is cancelled too: a year after the end nothing is worth sending to a blank address
    for mail in session.scalars(select(OutboxMail).where(
            (OutboxMail.raw.is_not(None)) | (OutboxMail.body_text != "") | OutboxMail.recipient.contains("@"))):
        blank_outbox_mail(mail)
    if count:
        session.add(Event(at=now, what="anonymise", detail=f"{count} participant(s) anonymised after the last "
                                                           f"meeting + {config.retention.after_last_meeting_days} d"))
    return count


def anonymise_participant(participant: Participant, questionnaire: Questionnaire) -> None:
    participant.email = f"anonymous-{participant.id}@{ANONYMOUS_DOMAIN}"
    participant.name = ""
    participant.organisation = ""
    for answer in participant.answers:
        answer.value = _anonymous_value(questionnaire, answer.question_id, answer.value)
    for note in participant.notes:
        note.text = ""


def _anonymous_value(questionnaire: Questionnaire, question_id: str, value: Any) -> Any:
    """Choices, yes/no and scales are kept (they make the aggregate); words a person typed are not."""
    question = questionnaire.get(question_id)
    if question is None or question.type == "text":
        return ""
    if question.type in CHOICE_TYPES:
        known = {o.id for o in question.options}
        if isinstance(value, list):
            return [v for v in value if v in known]
        return value if value in known else ""
    return value if isinstance(value, bool | int) else ""


def run_retention(session: Session, config: Config, now: datetime) -> RetentionReport:
    """Everything retention asks for, in the caller's transaction."""
    days = config.retention.raw_mail_days
    report = RetentionReport(
        raw_mail_purged=purge_raw_mail(session, now, days),
        sent_copies_purged=purge_sent_copies(session, now, days),
        anonymised=anonymise_after_last_meeting(session, config, now),
        done_mail_blanked=blank_delivered_to_suppressed(session),
    )
    if any(report.as_dict().values()):
        session.add(Event(at=now, what="retention", detail=str(report.as_dict())))
    return report


def retention_job(db: Database, config: Config, now: datetime | None = None,
                  dry_run: bool = False) -> RetentionReport:
    """The scheduled job: all of retention in one transaction (rolled back for a dry run)."""
    moment = now or utcnow()
    with db.sessions() as session:  # closing without a commit rolls back
        report = run_retention(session, config, moment)
        if not dry_run:
            session.commit()
    log.info("retention%s: %s", " (dry run)" if dry_run else "", report.as_dict())
    return report
