"""How the servers are doing, as the operator sees it: one state per server, ``last_error`` for status and digest.

A server is failing from its first failure until it works again; each change is
logged once, in plain words, and written to the database as ``last_error``
(``mailbot status``, the digest). While failing, the next attempt waits with
exponential backoff and jitter: 1 s up to 5 minutes for an unreachable server, 1 up
to 15 minutes for refused credentials, which no tight loop can fix.

Kept apart from the service so that one-shot commands record errors without loading APScheduler.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from mailbot.errors import AuthError, MailbotError, TransportError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import KeyValue

if TYPE_CHECKING:
    from mailbot.sender import DrainReport

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
AUTH_BACKOFF = (60.0, 900.0)


def backoff(failures: int, auth: bool) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: doubling, capped, with +-20% jitter."""
    first, cap = AUTH_BACKOFF if auth else (1.0, MAX_BACKOFF)
    delay = min(cap, first * 2.0 ** min(failures - 1, 20))
    return min(cap, max(first, delay * random.uniform(0.8, 1.2)))


def record_error(db: Database, what: str, error: BaseException | None, since: datetime | None = None,
                 attempts: int = 1) -> None:
    """Write ``last_error`` (shown by ``mailbot status``); ``error`` None marks ``what``'s (any, for "") resolved."""
    now = utcnow().isoformat(timespec="seconds")
    try:
        with db.session() as session:
            row = session.get(KeyValue, "last_error")
            if error is None:
                if (row is not None and isinstance(row.value, dict) and row.value.get("ongoing")
                        and what in ("", row.value.get("what"))):
                    row.value = {**row.value, "ongoing": False, "resolved_at": now}
                return
            value: dict[str, Any] = {
                "at": now, "since": (since or utcnow()).isoformat(timespec="seconds"), "what": what,
                "kind": _kind(error), "error": str(error)[:500],
                "attempts": attempts, "ongoing": True}
            session.merge(KeyValue(key="last_error", value=value))
    except SQLAlchemyError as e:
        log.warning("could not record the last error: %s", str(e).splitlines()[0][:200])


def _kind(error: BaseException) -> str:
    if isinstance(error, AuthError):
        return "auth"
    return "connection" if isinstance(error, TransportError) else "other"


class ServerHealth:
    """One server's state: failing or not, since when, and when to try again."""

    def __init__(self, db: Database, what: str) -> None:
        self.db = db
        self.what = what
        self.failures = 0
        self.since: datetime | None = None
        self.auth = False
        self.retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def failing(self) -> bool:
        return self.failures > 0

    def failed(self, error: MailbotError) -> float:
        """Note a failure; return how long to wait before the next attempt."""
        auth = isinstance(error, AuthError)
        with self._lock:
            if self.failures == 0 or auth != self.auth:
                if auth:
                    log.error("%s: %s. Fix the credentials; mailbot tries again every few minutes", self.what, error)
                else:
                    log.error("%s unavailable: %s (retrying with backoff, up to %d s apart)", self.what, error,
                              MAX_BACKOFF)
                self.since = self.since if self.failures else utcnow()
            else:
                log.debug("%s still unavailable (attempt %d): %s", self.what, self.failures + 1, error)
            self.failures += 1
            self.auth = auth
            delay = backoff(self.failures, auth)
            self.retry_at = time.monotonic() + delay
            since, failures = self.since, self.failures
        record_error(self.db, self.what, error, since, failures)
        return delay

    def succeeded(self) -> None:
        with self._lock:
            if not self.failures:
                return
            log.info("%s works again after %d failed attempt(s)", self.what, self.failures)
            self.failures, self.since, self.auth, self.retry_at = 0, None, False, 0.0
        record_error(self.db, self.what, None)

    def wait_time(self) -> float:
        """Seconds until the backoff allows the next attempt (0: go ahead)."""
        return max(0.0, self.retry_at - time.monotonic())


class Health:
    """The three things a poll depends on, each with its own state."""

    def __init__(self, db: Database) -> None:
        self.imap = ServerHealth(db, "IMAP")
        self.smtp = ServerHealth(db, "SMTP")
        self.storage = ServerHealth(db, "the database")

    def poll_failed(self, error: MailbotError) -> float:
        """A poll raised ``error``; return how long to wait before the next attempt."""
        return (self.imap if isinstance(error, TransportError) else self.storage).failed(error)

    def poll_finished(self, drain: DrainReport) -> None:
        """A poll went through: IMAP and the database work; SMTP as the sending round says."""
        self.imap.succeeded()
        self.storage.succeeded()
        if drain.error:
            self.smtp.failed(AuthError(drain.error) if drain.auth_failed else TransportError(drain.error))
        elif drain.sent:
            self.smtp.succeeded()

    def wait_time(self) -> float:
        return max(self.imap.wait_time(), self.storage.wait_time())
