"""Opening the database: engine, schema, sessions, and the lock that lets one poller work at a time.

Several processes may start on an empty database at once: one creates the schema, the others wait
for it (SQLite's write lock, PostgreSQL's advisory lock) and then find it made. Locks are per circle:
their keys come from the database and schema the circle's data lives in.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.core.errors import ConfigError, StorageError
from mailbot.store import schema
from mailbot.store.row_ids import number_new_rows
from mailbot.store.state import add_state
from mailbot.store.trouble import LOCK_TIMEOUT, LOCKED, STATEMENT_TIMEOUT, storage_error

log = logging.getLogger(__name__)
LOCK_RETRY_SECONDS = 0.2
LOCK_WAIT_STEP = 0.05
_STARTED = "mailbot_statement_started"


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


class Database:
    def __init__(self, url: str, schema_name: str | None = None, statement_timeout: int = STATEMENT_TIMEOUT,
                 lock_timeout: int = LOCK_TIMEOUT) -> None:
        self.url = url
        self.schema_name = schema_name
        self.statement_timeout = statement_timeout
        self.lock_timeout = lock_timeout
        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001 - SQLAlchemy raises several types for a bad URL
            raise ConfigError("database.url", f"not a database URL: {url!r}") from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.sqlite_path = Path(parsed.database) if self.is_sqlite and parsed.database not in (None, "", ":memory:") \
            else None
        if self.sqlite_path is not None and not self.sqlite_path.parent.exists():
            raise ConfigError("database.url", f"folder does not exist: {self.sqlite_path.parent}")
        connect_args: dict[str, Any] = {}
        if schema_name is not None and parsed.get_backend_name() != "postgresql":
            raise ConfigError("database.schema", "only for PostgreSQL")
        if parsed.get_backend_name() == "postgresql":
            # every session of ours ends a statement, or a wait for a lock, after the configured time
            options = [str(parsed.query.get("options") or ""), f"-cstatement_timeout={statement_timeout}s",
                       f"-clock_timeout={lock_timeout}s"]
            if schema_name is not None:
                options.append(f"-csearch_path={schema_name}")
            connect_args["options"] = " ".join(o for o in options if o)
            if "application_name" not in parsed.query:  # pg_stat_activity tells which circle holds a connection
                connect_args["application_name"] = f"mailbot {schema_name or parsed.database or ''}".strip()[:63]
        try:
            self.engine: Engine = create_engine(url, future=True, pool_pre_ping=not self.is_sqlite,
                                                connect_args=connect_args)
        except Exception as e:  # noqa: BLE001 - missing driver, bad options
            raise ConfigError("database.url", f"cannot open {parsed.get_backend_name()} database: {e}") from None
        if self.is_sqlite:
            _tune_sqlite(self.engine, statement_timeout, lock_timeout)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.is_sqlite:
            event.listen(self.sessions, "before_flush", number_new_rows)
        self._place: str | None = None

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def create_schema(self) -> None:
        """Make the schema at head if the database is empty; wait while another process makes it."""
        try:
            with self.engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE, so a second starter waits here
                if self.is_postgresql:
                    if self.schema_name is not None:
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key(f"schema {self.url}")})
                        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema_name}"'))
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": self.lock_key("create", conn)})
                if schema.create(conn):
                    log.debug("database created at schema revision %s", schema.head())
        except SQLAlchemyError as e:
            raise storage_error(e, "cannot open or prepare the database") from None
        if self.sqlite_path is not None:
            with contextlib.suppress(OSError):
                os.chmod(self.sqlite_path, 0o600)  # personal data: owner only

    def schema_version(self) -> schema.SchemaVersion:
        try:
            with self.engine.connect() as conn:
                return schema.version_of(conn)
        except SQLAlchemyError as e:
            raise storage_error(e, "cannot read the database") from None

    def migrate(self) -> None:
        """Bring the schema to head in one transaction, with no statement timeout (``store.upgrade`` decides
        when: under the upgrade lock, after a backup)."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(mailbot_no_timeout=True)
                if self.is_sqlite:
                    # batch migrations copy tables: with foreign keys on, dropping the old copy would cascade
                    conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
                with conn.begin():
                    if self.is_postgresql:
                        conn.execute(text("SET LOCAL statement_timeout = 0"))  # a big table takes its time
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": self.lock_key("create", conn)})
                    schema.upgrade(conn)
                if self.is_sqlite:
                    conn.invalidate()  # never hand out a connection with foreign keys off
        except SQLAlchemyError as e:
            raise storage_error(e, "the upgrade failed and changed nothing") from None

    def claim_circle(self, address: str) -> None:
        """Record which circle (programme address) this data belongs to; refuse another circle's data."""
        with self.session() as session:  # two processes starting together both claim it: one insert wins
            held = add_state(session, "circle", {"address": address.lower()})
            owner = str((held or {}).get("address", ""))
            if owner != address.lower():
                key = "database.schema" if self.is_postgresql else "database.url"
                raise ConfigError(key, f"this database holds the data of the circle of {owner}, not {address}: "
                                       f"give each circle its own {'schema' if self.is_postgresql else 'file'}")

    def lock_key(self, name: str, conn: Connection | None = None) -> int:
        """A PostgreSQL advisory lock key for ``name`` in this circle (database and schema)."""
        if self._place is None:
            with contextlib.ExitStack() as stack:
                if conn is None:
                    conn = stack.enter_context(self.engine.connect())
                row = conn.execute(text("SELECT current_database(), current_schema()")).one()
                self._place = f"{row[0]}/{row[1] or self.schema_name or 'public'}"
        return _key(f"mailbot {self._place} {name}")

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

    def trouble(self, error: BaseException, doing: str = "") -> StorageError:
        """``error`` as a StorageError with its cause; a lock wait that timed out also says who holds locks."""
        found = storage_error(error, doing)
        if found.cause == LOCKED and self.is_postgresql:
            holders = self.lock_holders()
            found = StorageError(f"{found} (database.lock_timeout is {self.lock_timeout} s"
                                 + (f"; {holders} holds locks on this circle's tables)" if holders else ")"), LOCKED)
        return found

    def lock_holders(self) -> str:
        """The other sessions that hold locks on this circle's tables, oldest transaction first (PostgreSQL)."""
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text(_LOCK_HOLDERS)).all()
        except SQLAlchemyError:
            return ""
        return ", ".join(f"pid {pid} ({app or 'no application name'}, {state or '?'}"
                         + (f", in a transaction for {seconds} s" if seconds is not None else "") + f": {tables})"
                         for pid, app, state, seconds, tables in rows)

    @contextlib.contextmanager
    def exclusive(self, name: str = "poll", wait: bool = True) -> Iterator[None]:
        """Hold a lock so that two processes never poll (or remind) at the same time.

        An OS file lock for SQLite and an advisory lock for PostgreSQL: both are
        released by the operating system or the server when the process dies,
        so a killed poller never blocks the next one. A wait longer than the lock
        timeout is said once, at WARNING, with who holds the lock; the wait goes on
        (a second host waits for the first by design). Without ``wait``, a held lock raises StorageError.
        """
        if self.sqlite_path is not None:
            lock_path = self.sqlite_path.with_name(self.sqlite_path.name + f".{name}.lock")
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                with self._waiting(name, lambda: _flocked(fd), lambda: _holder_in(lock_path), wait) as blocking:
                    if blocking:
                        fcntl.flock(fd, fcntl.LOCK_EX)
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)  # for a waiter's warning
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        elif self.is_postgresql:
            key = self.lock_key(name)
            # a connection of its own, outside any transaction: no idle-in-transaction timeout can end it,
            # and the server lets go of it when this process dies, so another host takes over
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")

                def taken() -> bool:  # tried, not waited for: a statement_timeout would cancel a long wait
                    return bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())

                with self._waiting(name, taken, lambda: self._advisory_holder(conn, key), wait) as blocking:
                    while blocking and not taken():
                        time.sleep(LOCK_RETRY_SECONDS)
                try:
                    yield
                finally:
                    with contextlib.suppress(SQLAlchemyError):  # a lost connection has let go of it already
                        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        else:
            yield  # unique constraints still keep every message and outbox row single

    def presence(self) -> contextlib.AbstractContextManager[None]:
        """Held, shared, for as long as ``mailbot run`` runs on this circle (one or several hosts): ``alone``
        cannot be had meanwhile, so ``move-database`` refuses to copy data that a service still changes.
        While a move holds it, a service that starts waits for the move to end."""
        return self._service_lock(shared=True)

    def alone(self) -> contextlib.AbstractContextManager[None]:
        """No service runs on this circle, and none starts, while this lasts; StorageError when one runs."""
        return self._service_lock(shared=False)

    @contextlib.contextmanager
    def _service_lock(self, shared: bool) -> Iterator[None]:
        running = StorageError("a mailbot service is running on this database: stop it first "
                               "(systemctl stop mailbot, or end `mailbot run`)")
        if self.sqlite_path is not None:
            fd = os.open(self.sqlite_path.with_name(self.sqlite_path.name + ".service.lock"), os.O_RDWR | os.O_CREAT,
                         0o600)
            try:
                if shared:
                    fcntl.flock(fd, fcntl.LOCK_SH)
                elif not _flocked(fd):
                    raise running
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        elif self.is_postgresql:
            key, kind = self.lock_key("service"), "_shared" if shared else ""
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                while not conn.execute(text(f"SELECT pg_try_advisory_lock{kind}(:k)"), {"k": key}).scalar():
                    if not shared:
                        raise running
                    time.sleep(LOCK_RETRY_SECONDS)
                try:
                    yield
                finally:
                    with contextlib.suppress(SQLAlchemyError):
                        conn.execute(text(f"SELECT pg_advisory_unlock{kind}(:k)"), {"k": key})
        else:
            yield

    @contextlib.contextmanager
    def _waiting(self, name: str, take: Callable[[], bool], holder: Callable[[], str],
                 wait: bool = True) -> Iterator[bool]:
        """Try ``take`` until the lock timeout; then say once who we wait for, and yield True: wait on.

        Yields False when the lock was taken within the lock timeout; raises at once without ``wait``."""
        started = time.monotonic()
        while time.monotonic() - started < self.lock_timeout:
            if take():
                yield False
                return
            if not wait:
                raise StorageError(f"the {name} lock of this circle is held by {holder() or 'another process'}")
            time.sleep(LOCK_WAIT_STEP)
        log.warning("waiting for the %s lock of this circle, held by %s for over %d s (database.lock_timeout): "
                    "another mailbot works on the same data; this one goes on when it is done", name,
                    holder() or "another process", self.lock_timeout)
        yield True
        log.info("got the %s lock after %d s", name, time.monotonic() - started)

    @staticmethod
    def _advisory_holder(conn: Connection, key: int) -> str:
        unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
        try:
            row = conn.execute(text(
                "SELECT a.pid, a.application_name, a.client_addr FROM pg_locks l JOIN pg_stat_activity a "
                "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                "AND l.classid = CAST(:hi AS oid) AND l.objid = CAST(:lo AS oid)"),
                {"hi": unsigned >> 32, "lo": unsigned & 0xFFFF_FFFF}).first()
        except SQLAlchemyError:
            return ""
        if row is None:
            return ""
        return f"pid {row[0]} ({row[1] or 'no application name'}" + (f" from {row[2]})" if row[2] else ")")


def _flocked(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder_in(lock_path: Path) -> str:
    with contextlib.suppress(OSError):
        return lock_path.read_text().strip()
    return ""


_LOCK_HOLDERS = """
SELECT a.pid, a.application_name, a.state, CAST(EXTRACT(EPOCH FROM now() - a.xact_start) AS integer),
       string_agg(DISTINCT c.relname || ' ' || l.mode, ', ')
FROM pg_locks l
JOIN pg_class c ON c.oid = l.relation
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND n.nspname = current_schema() AND l.pid <> pg_backend_pid() AND l.mode <> 'AccessShareLock'
GROUP BY a.pid, a.application_name, a.state, a.xact_start
ORDER BY a.xact_start NULLS LAST
LIMIT 3
"""


def _tune_sqlite(engine: Engine, statement_timeout: int, lock_timeout: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        info = record.info

        def past_its_time() -> int:  # SQLite has no statement timeout: a statement past it is interrupted
            started = info.get(_STARTED)
            return int(started is not None and time.monotonic() - started > statement_timeout)

        dbapi_connection.set_progress_handler(past_its_time, 100_000)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(lock_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # a read-only database: the mode stays as it is
        # NORMAL in WAL mode survives a crash of this process (SIGKILL); only an OS crash may lose the last commit
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "before_cursor_execute")
    def _on_statement(conn: Any, *_args: Any) -> None:
        conn.info[_STARTED] = None if conn.get_execution_options().get("mailbot_no_timeout") else time.monotonic()

    @event.listens_for(engine, "after_cursor_execute")
    def _after_statement(conn: Any, *_args: Any) -> None:
        conn.info[_STARTED] = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("mailbot_read_only"):
            conn.exec_driver_sql("BEGIN")  # a reader in WAL mode neither waits for nor blocks the writer
        else:
            # take the write lock up front: two writers then queue instead of failing with SQLITE_BUSY halfway
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _key(text_: str) -> int:
    """A stable signed 64-bit number for a text (PostgreSQL's advisory lock keys are bigint)."""
    return int.from_bytes(hashlib.blake2b(text_.encode(), digest_size=8).digest(), "big", signed=True)


def open_database(url: str, schema_name: str | None = None, statement_timeout: int = STATEMENT_TIMEOUT,
                  lock_timeout: int = LOCK_TIMEOUT) -> Database:
    db = Database(url, schema_name, statement_timeout, lock_timeout)
    db.create_schema()
    return db
