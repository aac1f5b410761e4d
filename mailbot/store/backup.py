"""Backups that are backups: a consistent copy, checked before it gets its name.

    SQLite       an online backup (``sqlite3``'s backup API) of the file, and of the send ledger beside it,
                 taken in one read transaction whose row counts the copy must match; checked by opening
                 the copy (integrity check) and counting its rows
    PostgreSQL   ``pg_dump`` of the circle's schema as SQL, taken in a snapshot exported from a transaction
                 that counted the rows; checked by counting the rows of each table in the dump

A backup is written under a temporary name (``….partial``) and renamed only when it is complete and
checked, so a killed backup never leaves a file that looks like a good one. Without ``pg_dump`` no backup
is made, and ``NoBackup`` says how to make one by hand.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from mailbot.core.errors import StorageError
from mailbot.core.faults import checkpoint
from mailbot.store.db import Database, utcnow

PARTIAL = ".partial"
_COPY = re.compile(r'^COPY (?:"?[\w]+"?\.)?"?(\w+)"? \(.*\) FROM stdin;$')


class NoBackup(StorageError):
    """No backup could be made here (no ``pg_dump``); the message says how to make one."""


@dataclass(frozen=True)
class Backup:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows, as checked in the copy

    def describe(self) -> str:
        return f"{self.path} ({len(self.rows)} tables, {sum(self.rows.values())} rows, checked)"


def backup_name(db: Database, label: str, folder: Path | None = None) -> Path:
    """Where a backup called ``label`` goes: beside the SQLite file, or in ``folder`` (the current one)."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S")
    if db.sqlite_path is not None:
        return (folder or db.sqlite_path.parent) / f"{db.sqlite_path.name}.{label}-{stamp}.bak"
    place = db.schema_name or make_url(db.url).database or "mailbot"
    return (folder or Path.cwd()) / f"{place}.{label}-{stamp}.sql"


def make_backup(db: Database, target: Path) -> Backup:
    """Back the circle's data up to ``target``, checked; ``NoBackup`` when this machine cannot."""
    if target.exists():
        raise StorageError(f"{target} exists already: choose another name")
    if not target.parent.is_dir():
        raise StorageError(f"cannot write a backup to {target}: no folder {target.parent}")
    if db.sqlite_path is not None:
        return _sqlite_backup(db.sqlite_path, target)
    if db.is_postgresql:
        return _pg_dump(db, target)
    raise NoBackup(f"no backup made: mailbot cannot back up a {db.engine.dialect.name} database; use its own tools")


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A temporary name beside ``target``, renamed to it when the block ends well, removed when it does not."""
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL}")
    try:
        yield partial
        checkpoint("backup_before_rename")
        fd = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def _sqlite_backup(source_path: Path, target: Path) -> Backup:
    ledger = source_path.with_name(source_path.name + ".sent")
    try:
        with _partial(target) as partial:
            with contextlib.closing(sqlite3.connect(source_path, isolation_level=None)) as source, \
                    contextlib.closing(sqlite3.connect(partial)) as copy:
                source.execute("BEGIN")  # one snapshot for the counts and the copy (WAL: writers go on)
                expected = _sqlite_counts(source)
                source.backup(copy)
                source.execute("COMMIT")
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            os.chmod(partial, 0o600)  # personal data: owner only
            with contextlib.closing(sqlite3.connect(f"file:{partial}?mode=ro", uri=True)) as check:
                verdict = str(check.execute("PRAGMA integrity_check").fetchone()[0])
                found = _sqlite_counts(check)
            if verdict != "ok":
                raise StorageError(f"the backup copy is damaged ({verdict}): nothing was kept")
            if found != expected or not found:
                raise StorageError(f"the backup copy does not hold what the database does ({found} against "
                                   f"{expected}): nothing was kept")
        if ledger.exists():  # the send ledger's marks: without them a restore would resend what was sent
            with _partial(target.with_name(target.name + ".sent")) as partial, \
                    contextlib.closing(sqlite3.connect(ledger)) as source, \
                    contextlib.closing(sqlite3.connect(partial)) as copy:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                os.chmod(partial, 0o600)
    except sqlite3.Error as e:
        raise StorageError(f"cannot back up {source_path}: {e}") from None
    except OSError as e:
        raise StorageError(f"cannot write the backup {target}: {e.strerror or e}") from None
    return Backup(target, found)


def pg_dump_binary() -> str | None:
    """pg_dump on the PATH (Debian's picks its newest version, which reads any older server)."""
    return shutil.which("pg_dump")


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """A SQLAlchemy URL as a libpq connection URI without the password, and the environment that carries it."""
    parsed = make_url(url)
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def by_hand(db: Database, target: Path) -> str:
    uri, _ = libpq_target(db.url)
    schema = f" --schema={db.schema_name}" if db.schema_name else ""
    return f"pg_dump{schema} --file={target} '{uri}'"


def _pg_dump(db: Database, target: Path) -> Backup:
    exe = pg_dump_binary()
    if exe is None:
        raise NoBackup(f"no backup made: pg_dump is not installed (apt-get install postgresql-client); make one "
                       f"with: {by_hand(db, target)}")
    uri, env = libpq_target(db.url)
    try:
        with db.engine.connect() as conn, _partial(target) as partial:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")  # one snapshot: counts and dump
            schema = str(conn.execute(text("SELECT current_schema()")).scalar())
            snapshot = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar())
            names = conn.execute(text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s "
                                      "AND table_type = 'BASE TABLE' ORDER BY table_name"), {"s": schema}).scalars()
            expected = {str(name): int(conn.execute(text(f'SELECT count(*) FROM "{schema}"."{name}"')).scalar() or 0)
                        for name in list(names)}
            found, failure = _dump(exe, [f"--schema={schema}", f"--snapshot={snapshot}", uri], env, partial)
            conn.rollback()
            if failure:
                raise NoBackup(f"no backup made: pg_dump failed ({failure}); make one with: {by_hand(db, target)}")
            os.chmod(partial, 0o600)
            if found != expected or not found:
                raise StorageError(f"the dump does not hold what the database does ({found} against {expected}): "
                                   "nothing was kept")
    except SQLAlchemyError as e:
        raise db.trouble(e, "cannot back up the database") from None
    except OSError as e:
        raise StorageError(f"cannot write the backup {target}: {e.strerror or e}") from None
    return Backup(target, found)


def _dump(exe: str, args: list[str], env: dict[str, str], partial: Path) -> tuple[dict[str, int], str]:
    """Run pg_dump into ``partial``; (rows per table in the dump, pg_dump's complaint or "").

    Rows are the lines of each ``COPY … FROM stdin;`` block (a row is one line). The schema is created
    only if it is not there, so the dump restores into a new database, whose ``public`` schema exists."""
    rows: dict[str, int] = {}
    table: str | None = None
    with partial.open("w", encoding="utf-8") as out, subprocess.Popen(
            [exe, "--no-owner", "--no-privileges", *args], env={**os.environ, **env}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="surrogateescape") as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            bare = line.rstrip("\n")
            if table is None:
                if bare.startswith("CREATE SCHEMA ") and not bare.startswith("CREATE SCHEMA IF NOT EXISTS "):
                    line = line.replace("CREATE SCHEMA ", "CREATE SCHEMA IF NOT EXISTS ", 1)
                found = _COPY.match(bare)
                if found:
                    table = found.group(1)
                    rows[table] = 0
            elif bare == "\\.":
                table = None
            else:
                rows[table] += 1
            out.write(line)
        complaint = " ".join(proc.stderr.read().split())[:500]
    return rows, complaint if proc.returncode != 0 else ""
