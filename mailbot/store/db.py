"""Opening the database: engine, schema, sessions, and the lock that lets one poller work at a time."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.errors import ConfigError, StorageError
from mailbot.store.models import Base

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """Now in UTC, naive, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def aware(moment: datetime) -> datetime:
    """A stored (naive UTC) time as an aware one; aware times pass unchanged."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def naive_utc(moment: datetime) -> datetime:
    """An aware time as stored (naive UTC); naive times are taken to be stored ones already.

    A Date header with an absurd offset or year cannot always be converted: it keeps its wall time.
    """
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        return moment.replace(tzinfo=None)


def db_reason(error: Exception) -> str:
    """The database's own words for a failure, in one line (no SQL, no parameters)."""
    orig = getattr(error, "orig", None)
    return str(orig or error).splitlines()[0][:300]


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001 - SQLAlchemy raises several types for a bad URL
            raise ConfigError("database.url", f"not a database URL: {url!r}") from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.sqlite_path = Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:") \
            else None
        if self.sqlite_path is not None and not self.sqlite_path.parent.exists():
            raise ConfigError("database.url", f"folder does not exist: {self.sqlite_path.parent}")
        try:
            self.engine: Engine = create_engine(url, future=True, pool_pre_ping=not self.is_sqlite)
        except Exception as e:  # noqa: BLE001 - missing driver, bad options
            raise ConfigError("database.url", f"cannot open {parsed.get_backend_name()} database: {e}") from None
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_schema(self) -> None:
        try:
            Base.metadata.create_all(self.engine)
        except OperationalError as e:
            raise StorageError(f"cannot open or prepare the database: {e.orig}") from None
        if self.sqlite_path is not None:
            with contextlib.suppress(OSError):
                os.chmod(self.sqlite_path, 0o600)  # personal data: owner only

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only: it never waits for a poll that is writing."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(mailbot_read_only=True)
            with Session(bind=conn, expire_on_commit=False) as session:
                yield session
                session.rollback()

    def integrity_check(self) -> str:
        if not self.is_sqlite:
            return "ok"
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    @contextlib.contextmanager
    def exclusive(self, name: str = "poll") -> Iterator[None]:
        """Hold a lock so that two processes never poll (or remind) at the same time.

        An OS file lock for SQLite and an advisory lock for PostgreSQL: both are
        released by the operating system or the server when the process dies,
        so a killed poller never blocks the next one.
        """
        if self.sqlite_path is not None:
            lock_path = self.sqlite_path.with_name(self.sqlite_path.name + f".{name}.lock")
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        elif self.engine.dialect.name == "postgresql":
            key = sum(name.encode()) + 7_300_000
            with self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        else:
            yield  # unique constraints still keep every message and outbox row single


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA foreign_keys = ON")
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # a read-only database: the mode stays as it is
        # NORMAL in WAL mode survives a crash of this process (SIGKILL); only an OS crash may lose the last commit
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("mailbot_read_only"):
            conn.exec_driver_sql("BEGIN")  # a reader in WAL mode neither waits for nor blocks the writer
        else:
            # take the write lock up front: two writers then queue instead of failing with SQLITE_BUSY halfway
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_database(url: str) -> Database:
    db = Database(url)
    db.create_schema()
    return db
