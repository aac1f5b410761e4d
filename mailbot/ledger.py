"""The send ledger: the durable "this message went out" mark, written before SMTP's final dot.

With SQLite the ledger is a small database file of its own next to the main one,
so that the sender can record each message while a poll holds the main
database's write lock for a batch: sending then overlaps with deciding instead
of waiting for it. Marks are copied into the outbox table (``reconcile``) when
the lock is free. With a server database (PostgreSQL) the outbox row itself is
the mark: row locks let both go on at once.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from sqlalchemy import update

from mailbot.errors import StorageError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import OutboxMail


class Ledger(Protocol):
    def claim(self, outbox_id: int, message_id: str) -> bool:
        """Record the message as sent; False when it was recorded before (by another process)."""

    def claimed(self, message_ids: Iterable[str]) -> set[str]:
        """Which of these were recorded already."""

    def unclaim(self, message_id: str) -> None:
        """The server refused the message after all: take the mark back."""

    def reconcile(self, db: Database) -> int:
        """Copy marks into the outbox table; return how many rows changed."""

    def close(self) -> None: ...


class OutboxLedger:
    """The mark is the outbox row's state: for databases with row locks."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def claim(self, outbox_id: int, message_id: str) -> bool:
        with self.db.engine.connect() as conn:
            result = conn.execute(
                update(OutboxMail).where(OutboxMail.id == outbox_id, OutboxMail.state == "pending")
                .values(state="sent", sent_at=utcnow(), attempts=OutboxMail.attempts + 1)
            )
            conn.commit()
            return bool(result.rowcount == 1)

    def claimed(self, message_ids: Iterable[str]) -> set[str]:
        return set()  # a claimed row is no longer pending, so it is never offered again

    def unclaim(self, message_id: str) -> None:
        pass  # the refusal handling sets the row back to pending

    def reconcile(self, db: Database) -> int:
        return 0

    def close(self) -> None:
        pass


class FileLedger:
    """A SQLite file beside the main database; one row per message that went out.

    Every sqlite3 error (disk full, read-only file) is raised as StorageError, like
    the main database's: the caller stops and says why.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with _storage_errors(path), contextlib.closing(self._connect()) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS sent (message_id TEXT PRIMARY KEY, outbox_id INTEGER, at TEXT)")
            conn.commit()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def claim(self, outbox_id: int, message_id: str) -> bool:
        try:
            with _storage_errors(self.path):
                self.conn.execute("INSERT INTO sent (message_id, outbox_id, at) VALUES (?, ?, ?)",
                                  (message_id, outbox_id, utcnow().isoformat()))
        except _Duplicate:
            return False
        return True

    def unclaim(self, message_id: str) -> None:
        with _storage_errors(self.path):
            self.conn.execute("DELETE FROM sent WHERE message_id = ?", (message_id,))

    def claimed(self, message_ids: Iterable[str]) -> set[str]:
        with _storage_errors(self.path):
            return self._claimed(list(message_ids))

    def _claimed(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            found.update(r[0] for r in self.conn.execute(f"SELECT message_id FROM sent WHERE message_id IN ({marks})",
                                                          part))
        return found

    def reconcile(self, db: Database) -> int:
        with _storage_errors(self.path):
            return self._reconcile(db)

    def _reconcile(self, db: Database) -> int:
        rows = self.conn.execute("SELECT message_id, at FROM sent").fetchall()
        if not rows:
            return 0
        changed = 0
        with db.engine.connect() as conn:
            for start in range(0, len(rows), 500):
                part = [message_id for message_id, _ in rows[start : start + 500]]
                result = conn.execute(update(OutboxMail).where(
                    OutboxMail.message_id.in_(part), OutboxMail.state == "pending").values(
                    state="sent", sent_at=utcnow(), attempts=OutboxMail.attempts + 1))
                changed += result.rowcount
            conn.commit()
        # the outbox now says "sent" for all of them: the ledger has done its job
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            self.conn.execute(f"DELETE FROM sent WHERE message_id IN ({','.join('?' * len(part))})", part)
        return changed

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class _Duplicate(Exception):
    """The message was recorded before."""


@contextlib.contextmanager
def _storage_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.IntegrityError:
        raise _Duplicate() from None
    except sqlite3.Error as e:
        raise StorageError(f"cannot write the send ledger {path.name}: {e}") from None


def open_ledger(db: Database) -> Ledger:
    if db.sqlite_path is not None:
        return FileLedger(db.sqlite_path.with_name(db.sqlite_path.name + ".sent"))
    return OutboxLedger(db)
