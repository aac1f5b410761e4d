"""The send ledger: the durable marks that say where each outgoing message is on its way out.

    begin(m)    we are about to hand ``m`` to the server
    sent(m)     the server answered 250: ``m`` is its responsibility now
    end(m)      the attempt is over without a 250 (refused, or the connection broke)

A crash leaves ``m`` begun but neither sent nor ended: whether the server took it
is unknown, so ``reconcile`` puts it back in the queue and it goes out again
*with the same Message-ID*, which mail clients fold into one. It is never lost,
and it never becomes a second, different mail. The only crash that causes such a
resend is one between the server reading our final dot and us recording its 250.

With SQLite the ledger is a small database file of its own next to the main one,
so that the sender records each message while a poll holds the main database's
write lock for a batch: sending overlaps with deciding instead of waiting for
it. Marks are copied into the outbox table (``reconcile``) when the lock is free.
With a server database (PostgreSQL) the outbox row itself carries the marks.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, update
from sqlalchemy.exc import DBAPIError

from mailbot.core.domain import OutboxState
from mailbot.core.errors import StorageError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import OutboxMail

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reconciled:
    sent: int = 0  # outbox rows now marked sent
    resent: int = 0  # messages begun before a crash: queued again, with the same Message-ID


class Ledger(Protocol):
    def begin(self, outbox_id: int, message_id: str) -> bool:
        """Note that the message is being handed over; False when it was sent already."""

    def sent(self, outbox_id: int, message_id: str) -> None:
        """The server accepted the message (250)."""

    def end(self, outbox_id: int, message_id: str) -> None:
        """The attempt ended without a 250: the message waits for another attempt."""

    def sent_already(self, message_ids: Iterable[str]) -> set[str]:
        """Which of these were sent (and not yet copied into the outbox table)."""

    def reconcile(self, db: Database) -> Reconciled:
        """Copy marks into the outbox table, and queue again what a crash left begun."""

    def close(self) -> None: ...


class OutboxLedger:
    """The marks are the outbox row's state: for databases with row locks (PostgreSQL).

    Each sending thread keeps one connection in autocommit mode for its marks: a mark is then one
    round trip (an UPDATE that commits itself), not a pool checkout, a ping, BEGIN, UPDATE and COMMIT.
    That keeps the window between the server's 250 and the "sent" mark as small as SQLite's ledger.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Connection] = []

    def _connection(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None or conn.closed or conn.invalidated:
            conn = self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    # driver-level statements: a mark is on the path of every message, and compiling an UPDATE each
    # time costs more CPU than the round trip (CPU the deciding thread waits for, under the GIL)
    _MOVE = f"UPDATE {OutboxMail.__tablename__} SET state = %s WHERE id = %s AND state = %s"
    _SENT = (f"UPDATE {OutboxMail.__tablename__} SET state = %s, sent_at = %s, attempts = attempts + 1 "
             "WHERE id = %s AND state = %s")

    def _run(self, sql: str, params: tuple[object, ...]) -> bool:
        try:
            result = self._connection().exec_driver_sql(sql, params)
        except DBAPIError as e:
            if not e.connection_invalidated:
                raise
            self._local.conn = None  # the server went away in between: once more on a new connection
            result = self._connection().exec_driver_sql(sql, params)
        return bool(result.rowcount == 1)

    def begin(self, outbox_id: int, message_id: str) -> bool:
        return self._run(self._MOVE, (OutboxState.SENDING.value, outbox_id, OutboxState.PENDING.value))

    def sent(self, outbox_id: int, message_id: str) -> None:
        self._run(self._SENT, (OutboxState.SENT.value, utcnow(), outbox_id, OutboxState.SENDING.value))

    def end(self, outbox_id: int, message_id: str) -> None:
        self._run(self._MOVE, (OutboxState.PENDING.value, outbox_id, OutboxState.SENDING.value))

    def sent_already(self, message_ids: Iterable[str]) -> set[str]:
        return set()  # a sent row is no longer pending, so it is never offered again

    def reconcile(self, db: Database) -> Reconciled:
        with db.engine.connect() as conn:
            result = conn.execute(update(OutboxMail).where(OutboxMail.state == OutboxState.SENDING)
                                  .values(state=OutboxState.PENDING))
            conn.commit()
        return Reconciled(resent=int(result.rowcount or 0))

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            with contextlib.suppress(DBAPIError):
                conn.close()
        self._local = threading.local()


class FileLedger:
    """A SQLite file beside the main database; one row per message begun or sent.

    Every sqlite3 error (disk full, read-only file) is raised as StorageError, like
    the main database's: the caller stops and says why.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with _storage_errors(path), contextlib.closing(self._connect()) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS sent (message_id TEXT PRIMARY KEY, outbox_id INTEGER, at TEXT)")
            columns = {row[1] for row in conn.execute("PRAGMA table_info(sent)")}
            if "state" not in columns:  # ledgers written before 'begun' existed hold sent marks only
                conn.execute("ALTER TABLE sent ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'")
            conn.commit()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # survives a crash of this process, which is what we guard
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def begin(self, outbox_id: int, message_id: str) -> bool:
        with _storage_errors(self.path):
            cursor = self.conn.execute(
                "INSERT INTO sent (message_id, outbox_id, at, state) VALUES (?, ?, ?, 'begun') "
                "ON CONFLICT (message_id) DO UPDATE SET at = excluded.at WHERE sent.state = 'begun'",
                (message_id, outbox_id, utcnow().isoformat()))
            return cursor.rowcount == 1

    def sent(self, outbox_id: int, message_id: str) -> None:
        with _storage_errors(self.path):
            self.conn.execute("UPDATE sent SET state = 'sent', at = ? WHERE message_id = ?",
                              (utcnow().isoformat(), message_id))

    def end(self, outbox_id: int, message_id: str) -> None:
        with _storage_errors(self.path):
            self.conn.execute("DELETE FROM sent WHERE message_id = ? AND state = 'begun'", (message_id,))

    def sent_already(self, message_ids: Iterable[str]) -> set[str]:
        ids = list(message_ids)
        found: set[str] = set()
        with _storage_errors(self.path):
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ",".join("?" * len(part))
                found.update(r[0] for r in self.conn.execute(
                    f"SELECT message_id FROM sent WHERE state = 'sent' AND message_id IN ({marks})", part))
        return found

    def reconcile(self, db: Database) -> Reconciled:
        with _storage_errors(self.path):
            rows = self.conn.execute("SELECT message_id, state FROM sent").fetchall()
            if not rows:
                return Reconciled()
            sent = [message_id for message_id, state in rows if state == "sent"]
            begun = [message_id for message_id, state in rows if state != "sent"]
            changed = 0
            with db.engine.connect() as conn:
                for start in range(0, len(sent), 500):
                    result = conn.execute(update(OutboxMail).where(
                        OutboxMail.message_id.in_(sent[start : start + 500]),
                        OutboxMail.state == OutboxState.PENDING).values(
                        state=OutboxState.SENT, sent_at=utcnow(), attempts=OutboxMail.attempts + 1))
                    changed += result.rowcount
                conn.commit()
            # the outbox says "sent" for those now; the begun ones are pending there and go out again
            ids = [message_id for message_id, _ in rows]
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                self.conn.execute(f"DELETE FROM sent WHERE message_id IN ({','.join('?' * len(part))})", part)
        if begun:
            log.warning("%d message(s) were being sent when mailbot stopped: sending them again with the same "
                        "Message-ID", len(begun))
        return Reconciled(sent=changed, resent=len(begun))

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


@contextlib.contextmanager
def _storage_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as e:
        raise StorageError(f"cannot write the send ledger {path.name}: {e}") from None


def open_ledger(db: Database) -> Ledger:
    if db.sqlite_path is not None:
        return FileLedger(db.sqlite_path.with_name(db.sqlite_path.name + ".sent"))
    return OutboxLedger(db)
