"""What a database failure is, in a word and a line: an outage that passes by itself, or a fault.

    unavailable          the server cannot be reached, is starting or stopping, or dropped us
    out of connections   the server refuses another connection (max_connections)
    locked               a lock another session holds was waited for longer than database.lock_timeout
                         (SQLite: "database is locked" after its busy timeout)
    too slow             a statement ran longer than database.statement_timeout

Anything else (a full disk, a read-only file, a broken constraint) has no cause: a person must look.
The words come from the server's SQLSTATE where it gives one, else from its message.
"""

from __future__ import annotations

import sqlite3

from mailbot.core.errors import StorageError

STATEMENT_TIMEOUT = 300  # seconds: database.statement_timeout's default
LOCK_TIMEOUT = 30  # seconds: database.lock_timeout's default

UNAVAILABLE = "unavailable"
OUT_OF_CONNECTIONS = "out of connections"
LOCKED = "locked"
TOO_SLOW = "too slow"
CAUSES = (UNAVAILABLE, OUT_OF_CONNECTIONS, LOCKED, TOO_SLOW)

# PostgreSQL's SQLSTATEs (Appendix A of its manual)
_BY_SQLSTATE = {
    "53300": OUT_OF_CONNECTIONS,  # too_many_connections
    "53400": OUT_OF_CONNECTIONS,  # configuration_limit_exceeded
    "55P03": LOCKED,  # lock_not_available: lock_timeout, or NOWAIT
    "57014": TOO_SLOW,  # query_canceled: statement_timeout
    "57P01": UNAVAILABLE,  # admin_shutdown
    "57P02": UNAVAILABLE,  # crash_shutdown
    "57P03": UNAVAILABLE,  # cannot_connect_now: starting up or shutting down
    "08000": UNAVAILABLE, "08001": UNAVAILABLE, "08003": UNAVAILABLE, "08004": UNAVAILABLE, "08006": UNAVAILABLE,
}
_BY_WORDS = (
    ("too many clients", OUT_OF_CONNECTIONS),
    ("connection slots are reserved", OUT_OF_CONNECTIONS),
    ("lock timeout", LOCKED),
    ("database is locked", LOCKED),
    ("statement timeout", TOO_SLOW),
    ("interrupted", TOO_SLOW),  # SQLite: our progress handler ended a statement past its time
    ("connection refused", UNAVAILABLE),
    ("connection failed", UNAVAILABLE),
    ("could not connect", UNAVAILABLE),
    ("server closed the connection", UNAVAILABLE),
    ("terminating connection", UNAVAILABLE),
    ("the database system is", UNAVAILABLE),  # ... starting up / shutting down / in recovery mode
    ("consuming input failed", UNAVAILABLE),
    ("connection is closed", UNAVAILABLE),
    ("connection timeout expired", UNAVAILABLE),
    ("no such host", UNAVAILABLE),
    ("name or service not known", UNAVAILABLE),
    ("connection reset", UNAVAILABLE),
)


def reason(error: BaseException) -> str:
    """The database's own words for a failure, in one line (no SQL, no parameters)."""
    orig = getattr(error, "orig", None)
    words = str(orig or error).strip()
    return " ".join(words.splitlines()[0].split())[:300] if words else type(orig or error).__name__


def cause_of(error: BaseException) -> str:
    """The outage ``error`` shows (one of ``CAUSES``), or "" for a fault that does not pass by itself."""
    if isinstance(error, StorageError):
        return error.cause
    orig = getattr(error, "orig", None) or error
    found = _BY_SQLSTATE.get(str(getattr(orig, "sqlstate", "") or ""))
    if found:
        return found
    if getattr(error, "connection_invalidated", False):
        return UNAVAILABLE
    words = str(orig).lower()
    for needle, cause in _BY_WORDS:
        if needle in words:
            return cause
    if isinstance(orig, sqlite3.OperationalError) and "unable to open" in words:
        return UNAVAILABLE
    return ""


def storage_error(error: BaseException, doing: str = "") -> StorageError:
    """``error`` as a StorageError that says what we were doing, the database's words and the cause."""
    if isinstance(error, StorageError) and not doing:
        return error
    words = str(error) if isinstance(error, StorageError) else reason(error)
    return StorageError(f"{doing}: {words}" if doing else words, cause_of(error))
