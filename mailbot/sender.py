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

from sqlalchemy import Connection, select, update

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


def _claim(conn: Connection, outbox_id: int) -> bool:
    """Record the message as sent; False when another process already did."""
    result = conn.execute(
        update(OutboxMail).where(OutboxMail.id == outbox_id, OutboxMail.state == "pending")
        .values(state="sent", sent_at=utcnow(), attempts=OutboxMail.attempts + 1)
    )
    conn.commit()
    return bool(result.rowcount == 1)


def _refused(conn: Connection, outbox_id: int, code: int, message: str, permanent: bool, penalise: bool) -> None:
    row = conn.execute(select(OutboxMail.attempts).where(OutboxMail.id == outbox_id)).first()
    if row is None:
        conn.commit()
        return
    values: dict[str, object] = {"last_error": f"{code} {message}"[:500]}
    if permanent or row.attempts >= MAX_ATTEMPTS:
        values["state"] = "failed"
    else:
        values["state"] = "pending"
        if penalise:
            values["next_attempt_at"] = utcnow() + backoff(row.attempts)
    conn.execute(update(OutboxMail).where(OutboxMail.id == outbox_id).values(**values))
    conn.commit()


def _pending(conn: Connection, after_id: int) -> list[tuple[int, str, bytes]]:
    rows = conn.execute(
        select(OutboxMail.id, OutboxMail.recipient, OutboxMail.raw)
        .where(OutboxMail.state == "pending", OutboxMail.next_attempt_at <= utcnow(), OutboxMail.id > after_id,
               OutboxMail.raw.is_not(None))
        .order_by(OutboxMail.id).limit(CHUNK)
    ).all()
    conn.commit()
    return [(r.id, r.recipient, r.raw) for r in rows]


def drain(db: Database, config: Config, smtp: SmtpConnection | None = None) -> DrainReport:
    """Send every pending message that is due, oldest first; return what happened."""
    report = DrainReport()
    with db.engine.connect() as conn:
        batch = _pending(conn, 0)
        if not batch:
            return report
        own = smtp is None
        connection = smtp or SmtpConnection(config.smtp)
        try:
            if connection.smtp is None:
                connection.connect()
            while batch:
                for outbox_id, recipient, raw in batch:
                    if not _send_one(conn, connection, config, outbox_id, recipient, raw, report):
                        return report
                batch = _pending(conn, batch[-1][0])
        except TransportError as e:
            report.error = str(e)
            log.warning("sending stopped: %s", e)
        finally:
            if own:
                connection.close()
    return report


def _send_one(conn: Connection, connection: SmtpConnection, config: Config, outbox_id: int, recipient: str,
              raw: bytes, report: DrainReport) -> bool:
    """Send one message; False when the round must stop (server trouble)."""
    claimed = False

    def commit() -> bool:
        nonlocal claimed
        claimed = _claim(conn, outbox_id)
        return claimed

    try:
        refused = connection.send(config.programme.address, recipient, raw, commit)
    except TransportError as e:
        if claimed:  # the server may or may not have taken it: never risk sending twice
            _mark_unconfirmed(conn, outbox_id, str(e))
        report.error = str(e)
        log.warning("sending stopped: %s", e)
        return False
    if refused is None:
        report.sent += 1
        return True
    if refused.code == 0:
        return True  # another process sent it
    first = report.sent == 0
    _refused(conn, outbox_id, refused.code, refused.message, refused.permanent, penalise=not first)
    if refused.permanent:
        report.failed += 1
        log.warning("outbox %d refused for good: %s", outbox_id, refused.code)
        return True
    report.deferred += 1
    if first:
        report.error = f"SMTP server refuses for now: {refused.code} {refused.message}"
        log.warning("sending deferred: %s", report.error)
        return False
    return True


def _mark_unconfirmed(conn: Connection, outbox_id: int, error: str) -> None:
    conn.execute(update(OutboxMail).where(OutboxMail.id == outbox_id)
                 .values(state="unconfirmed", last_error=error[:500]))
    conn.commit()
