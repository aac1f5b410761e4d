"""How the servers are doing, as the operator sees it: one state per server, ``last_error`` for status and digest.

A server is failing from its first failure until a fresh login with the current
credentials succeeds (a connection opened before a password change proves nothing),
so the state never flaps between "refused" and "works again". IMAP, SMTP and the database each have
their own state: a database that is down is never an IMAP outage, however well IMAP logins go. Each
outage is logged once, with its cause (IMAP unavailable, refused credentials; database unavailable,
out of connections, locked, too slow: ``mailbot.store.trouble``), once more if its cause changes, and
once when it ends; in plain words (never a Python ``b'...'``), without a traceback. It is written to the
database as ``last_error`` (``mailbot status``, the digest); the database's own outage when it is over.
While failing, the next attempt waits with exponential backoff and jitter: 1 s up to 5 minutes for an
unreachable server, 1 up to 15 minutes for refused credentials, which no tight loop can fix.

A problem that lasts longer than ``TELL_AFTER`` is reported by ``overdue``, once per outage,
so that the service can tell the organisers.

Kept apart from the service so that one-shot commands record errors without loading APScheduler.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from mailbot.core.errors import AuthError, MailbotError, StorageError, TransportError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import KeyValue
from mailbot.store.state import put_state
from mailbot.store.trouble import CAUSES, LOCKED, TOO_SLOW, reason

if TYPE_CHECKING:
    from mailbot.outbox.sender import DrainReport

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
AUTH_BACKOFF = (60.0, 900.0)
TELL_AFTER = timedelta(hours=1)
DATABASE = "database"
_BYTES_REPR = re.compile(r"""\bb(['"])(.*?)\1""")


def _state(kind: str) -> str:
    """How an outage of this kind reads after the server's name: "IMAP unavailable", "database locked"."""
    return kind if kind in CAUSES else "unavailable"


def plain(error: BaseException | str) -> str:
    """An error as a person reads it: ``b'[AUTHENTICATIONFAILED] Authentication failed.'`` loses its ``b'...'``."""
    return " ".join(_BYTES_REPR.sub(lambda m: m.group(2), str(error)).split())


def backoff(failures: int, auth: bool) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: doubling, capped, with +-20% jitter."""
    first, cap = AUTH_BACKOFF if auth else (1.0, MAX_BACKOFF)
    delay = min(cap, first * 2.0 ** min(failures - 1, 20))
    return min(cap, max(first, delay * random.uniform(0.8, 1.2)))


def record_error(db: Database, what: str, error: BaseException | None, since: datetime | None = None,
                 attempts: int = 1, *, quiet: bool = False) -> None:
    """Write ``last_error`` (shown by ``mailbot status``); ``error`` None marks ``what``'s (any, for "") resolved.

    ``quiet``: the database itself is what fails, so a failure to record is expected and not worth a line."""
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
                "kind": _kind(error), "error": plain(error)[:500],
                "attempts": attempts, "ongoing": True}
            put_state(session, "last_error", value)
    except (SQLAlchemyError, StorageError) as e:
        (log.debug if quiet else log.warning)("could not record the last error: %s", reason(e))


def record_resolved(db: Database, what: str, error: str, kind: str, since: datetime | None, attempts: int) -> None:
    """Write an outage that could not be recorded while it lasted (the database's own), now that it is over."""
    now = utcnow().isoformat(timespec="seconds")
    value = {"at": now, "since": (since or utcnow()).isoformat(timespec="seconds"), "what": what, "kind": kind,
             "error": error[:500], "attempts": attempts, "ongoing": False, "resolved_at": now}
    try:
        with db.session() as session:
            put_state(session, "last_error", value)
    except (SQLAlchemyError, StorageError) as e:
        log.warning("could not record the last error: %s", reason(e))


def _kind(error: BaseException) -> str:
    if isinstance(error, AuthError):
        return "auth"
    if isinstance(error, StorageError):
        return error.cause or "other"
    return "connection" if isinstance(error, TransportError) else "other"


class ServerHealth:
    """One server's state: failing or not, since when, and when to try again."""

    def __init__(self, db: Database, what: str) -> None:
        self.db = db
        self.what = what
        self.failures = 0
        self.streak = 0  # failures in a row of the current kind: the backoff starts anew when the kind changes
        self.since: datetime | None = None
        self.kind = ""  # of the current outage: auth, connection, or the database's cause
        self.said: set[str] = set()  # the kinds this outage has been reported as
        self.retry_at = 0.0
        self.last_error = ""
        self.told = False  # the organisers heard of this outage
        self._lock = threading.Lock()

    @property
    def failing(self) -> bool:
        return self.failures > 0

    @property
    def auth(self) -> bool:
        return self.kind == "auth"

    @property
    def is_database(self) -> bool:
        return self.what == DATABASE

    def failed(self, error: MailbotError) -> float:
        """Note a failure; return how long to wait before the next attempt."""
        kind = _kind(error)
        auth = kind == "auth"
        words = plain(error)
        # the record is written under the lock too: a failure written after a later success (its thread held
        # up by a busy database) would leave an outage marked ongoing for good
        with self._lock:
            # a server that answers differently has changed (restarted, say): try again soon, not after the
            # backoff the earlier kind had grown to
            self.streak = self.streak + 1 if kind == self.kind else 1
            delay = backoff(self.streak, auth)
            if kind not in self.said:
                self._say(kind, words)
                self.said.add(kind)
                self.since = self.since if self.failures else utcnow()
            else:
                log.debug("%s still %s (attempt %d, next in %.1f s): %s", self.what, _state(kind), self.failures + 1,
                          delay, words)
            self.last_error = words
            self.failures += 1
            self.kind = kind
            self.retry_at = time.monotonic() + delay
            record_error(self.db, self.what, error, self.since, self.failures, quiet=self.is_database)
        return delay

    def _say(self, kind: str, words: str) -> None:
        """The one line that starts an outage, or says that it changed its nature."""
        if kind == "auth":
            log.error("%s: %s. Fix the credentials; mailbot tries again every few minutes", self.what, words)
        elif self.is_database and kind in (LOCKED, TOO_SLOW):
            # not down, but waiting: for a lock another session holds, or for a statement that takes too long
            log.warning("%s %s: %s (retrying with backoff, up to %d s apart)", self.what, kind, words, MAX_BACKOFF)
        else:
            log.error("%s %s: %s (retrying with backoff, up to %d s apart)", self.what, _state(kind), words,
                      MAX_BACKOFF)

    def succeeded(self) -> None:
        with self._lock:
            if not self.failures:
                return
            log.info("%s works again after %d failed attempt(s)", self.what, self.failures)
            outage = (self.last_error, self.kind, self.since, self.failures)
            self.failures, self.streak, self.since, self.kind = 0, 0, None, ""
            self.retry_at, self.told = 0.0, False
            self.said = set()
            if self.is_database:  # it could not be written while it lasted
                record_resolved(self.db, self.what, *outage)
            else:
                record_error(self.db, self.what, None)

    def wait_time(self) -> float:
        """Seconds until the backoff allows the next attempt (0: go ahead)."""
        return max(0.0, self.retry_at - time.monotonic())

    def tell_now(self, now: datetime) -> bool:
        """True once per outage, when it has lasted longer than ``TELL_AFTER`` (``now``: naive UTC)."""
        with self._lock:
            if self.told or self.since is None or now - self.since <= TELL_AFTER:
                return False
            self.told = True
            return True


class Health:
    """The three things a poll depends on, each with its own state."""

    def __init__(self, db: Database) -> None:
        self.imap = ServerHealth(db, "IMAP")
        self.smtp = ServerHealth(db, "SMTP")
        self.storage = ServerHealth(db, DATABASE)

    def poll_failed(self, error: MailbotError) -> float:
        """A poll raised ``error``; return how long to wait before the next attempt."""
        return (self.imap if isinstance(error, TransportError) else self.storage).failed(error)

    def poll_finished(self, drain: DrainReport, fresh_login: bool = True) -> None:
        """A poll went through: the database works; IMAP too when the poll logged in itself (``fresh_login``),
        not on a connection opened earlier; SMTP as the sending round says (each round logs in afresh)."""
        if fresh_login:
            self.imap.succeeded()
        self.storage.succeeded()
        if drain.error:
            self.smtp.failed(AuthError(drain.error) if drain.auth_failed else TransportError(drain.error))
        elif drain.sent:
            self.smtp.succeeded()

    def wait_time(self) -> float:
        return max(self.imap.wait_time(), self.storage.wait_time())

    def overdue(self, now: datetime) -> list[ServerHealth]:
        """Servers failing for over an hour that the organisers have not heard about yet (each once)."""
        return [server for server in (self.imap, self.smtp, self.storage) if server.tell_now(now)]
