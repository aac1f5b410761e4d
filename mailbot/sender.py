"""Draining the outbox over SMTP: oldest first, each message exactly once.

A transient refusal of the first message of a round means the server is in
trouble: we stop and try again next round, without penalising that message.
A transient refusal after others went through is about that one message
(greylisting, a full mailbox): it waits with exponential backoff.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from mailbot.config import Config
from mailbot.errors import TransportError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import OutboxMail
from mailbot.transports.smtp import SmtpConnection

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 30
CHUNK = 200


@dataclass
class DrainReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    error: str = ""


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


def _claim(db: Database, outbox_id: int) -> bool:
    """Record the message as sent; False when another process already did."""
    with db.session() as session:
        result = session.execute(
            update(OutboxMail).where(OutboxMail.id == outbox_id, OutboxMail.state == "pending")
            .values(state="sent", sent_at=utcnow(), attempts=OutboxMail.attempts + 1)
        )
        return bool(getattr(result, "rowcount", 0) == 1)


def _refused(db: Database, outbox_id: int, code: int, message: str, permanent: bool, penalise: bool) -> None:
    with db.session() as session:
        row = session.get(OutboxMail, outbox_id)
        if row is None:
            return
        row.last_error = f"{code} {message}"[:500]
        if permanent or row.attempts >= MAX_ATTEMPTS:
            row.state = "failed"
        else:
            row.state = "pending"
            if penalise:
                row.next_attempt_at = utcnow() + backoff(row.attempts)


def _pending_ids(db: Database, after_id: int) -> list[int]:
    with db.session() as session:
        return list(session.scalars(
            select(OutboxMail.id).where(OutboxMail.state == "pending", OutboxMail.next_attempt_at <= utcnow(),
                                        OutboxMail.id > after_id).order_by(OutboxMail.id).limit(CHUNK)
        ))


def drain(db: Database, config: Config, smtp: SmtpConnection | None = None) -> DrainReport:
    """Send every pending message that is due; return what happened."""
    report = DrainReport()
    ids = _pending_ids(db, 0)
    if not ids:
        return report
    own = smtp is None
    connection = smtp or SmtpConnection(config.smtp)
    try:
        if connection.smtp is None:
            connection.connect()
        last = 0
        while ids:
            for outbox_id in ids:
                last = outbox_id
                with db.session() as session:
                    row = session.get(OutboxMail, outbox_id)
                    if row is None or row.state != "pending" or row.raw is None:
                        continue
                    recipient, raw = row.recipient, row.raw
                claimed = False

                def commit(outbox_id: int = outbox_id) -> bool:
                    nonlocal claimed
                    claimed = _claim(db, outbox_id)
                    return claimed

                try:
                    refused = connection.send(config.programme.address, recipient, raw, commit)
                except TransportError as e:
                    if claimed:  # the server may or may not have taken it: never risk sending twice
                        _mark_unconfirmed(db, outbox_id, str(e))
                    report.error = str(e)
                    log.warning("sending stopped: %s", e)
                    return report
                if refused is None:
                    report.sent += 1
                    continue
                if refused.code == 0:
                    continue  # another process sent it
                first = report.sent == 0
                _refused(db, outbox_id, refused.code, refused.message, refused.permanent, penalise=not first)
                if refused.permanent:
                    report.failed += 1
                    log.warning("outbox %d to a participant refused for good: %s", outbox_id, refused.code)
                else:
                    report.deferred += 1
                    if first:
                        report.error = f"SMTP server refuses for now: {refused.code} {refused.message}"
                        log.warning("sending deferred: %s", report.error)
                        return report
            ids = _pending_ids(db, last)
    except TransportError as e:
        report.error = str(e)
        log.warning("sending stopped: %s", e)
    finally:
        if own:
            connection.close()
    return report


def _mark_unconfirmed(db: Database, outbox_id: int, error: str) -> None:
    with db.session() as session:
        row = session.get(OutboxMail, outbox_id)
        if row is not None:
            row.state = "unconfirmed"
            row.last_error = error[:500]
