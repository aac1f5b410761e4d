"""``mailbot move-database``: a circle's data from one database into another, e.g. SQLite to PostgreSQL.

In order:
 1. refuse while a service runs on the circle (``Database.alone``) or a poll or a send is under way;
 2. refuse a target that holds any row already (a second run never mixes two circles' data);
 3. bring the send marks home: SQLite's send ledger (the file beside the database) and messages in doubt
    (begun but never confirmed) are written into the outbox table, which the target then carries: what was
    sent stays sent, what is in doubt goes out again with the same Message-ID;
 4. copy every table in the order of its foreign keys, in one transaction on the target, so a failed move
    leaves the target empty; a column that points into its own table is filled in afterwards;
 5. advance the target's sequences past the copied ids (else the next insert collides with a copied row);
 6. check: each table's row count and a checksum of its rows (in key order, values normalised) must be the
    same on both sides.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from mailbot.core.errors import StorageError
from mailbot.store.db import Database, open_database
from mailbot.store.models import Base

BATCH = 1000
Progress = Callable[[str, int, int], None]
Settle = Callable[[Database], tuple[int, int]]


@dataclass
class Moved:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    mismatched: list[str] = field(default_factory=list)  # tables whose count or checksum differ
    ledger_sent: int = 0  # sent marks carried from SQLite's send ledger into the outbox
    in_doubt: int = 0  # begun but unconfirmed: queued again, with the same Message-ID
    target: str = ""

    @property
    def verified(self) -> bool:
        return not self.mismatched and bool(self.rows)

    def describe(self) -> str:
        lines = [f"moved {sum(self.rows.values())} rows in {len(self.rows)} tables to {self.target}"]
        if self.ledger_sent or self.in_doubt:
            lines.append(f"send marks carried over: {self.ledger_sent} sent; {self.in_doubt} in doubt will go out "
                         "again with the same Message-ID")
        lines.append("checked: row counts and checksums are the same in both databases" if self.verified else
                     f"NOT the same in both databases: {', '.join(self.mismatched)}; keep using the old one")
        return "\n".join(lines)


def tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def move_database(source: Database, to_url: str, schema_name: str | None = None,
                  progress: bool | Progress = False, settle: Settle | None = None) -> Moved:
    """Copy ``source`` into the empty database at ``to_url`` (``schema_name``: its PostgreSQL schema), checked.

    ``settle`` writes the send marks into the outbox table (the outbox's ledger, a layer above this one) and
    says how many were sent and how many in doubt; it runs while no poll or send can start."""
    show = progress if callable(progress) else (_terminal if progress else None)
    if (to_url, schema_name) == (source.url, source.schema_name):
        raise StorageError("the target is the database the circle is in already")
    probe = Database(to_url, schema_name, source.statement_timeout, source.lock_timeout)
    try:
        _refuse_unless_empty(probe)
    finally:
        probe.engine.dispose()
    target = open_database(to_url, schema_name, source.statement_timeout, source.lock_timeout)
    try:
        return _move(source, target, show, settle)
    finally:
        target.engine.dispose()


def _move(source: Database, target: Database, show: Progress | None, settle: Settle | None) -> Moved:
    moved = Moved(target=_shown(target))
    with source.alone(), source.exclusive("poll", wait=False), source.exclusive("send", wait=False):
        if settle is not None:
            moved.ledger_sent, moved.in_doubt = settle(source)
        try:
            with source.engine.connect() as reading, target.engine.connect() as writing:
                reading = reading.execution_options(mailbot_no_timeout=True)
                writing = writing.execution_options(mailbot_no_timeout=True)
                with writing.begin():
                    if target.is_postgresql:
                        writing.execute(text("SET LOCAL statement_timeout = 0"))
                    for table in tables():
                        moved.rows[table.name] = _copy(reading, writing, table, show)
                    if target.is_postgresql:
                        _advance_sequences(writing)
                reading.rollback()
                for table in tables():
                    if _fingerprint(reading, table) != _fingerprint(writing, table):
                        moved.mismatched.append(table.name)
        except SQLAlchemyError as e:
            raise target.trouble(e, "the move failed, the new database was left empty") from None
    return moved


def _refuse_unless_empty(target: Database) -> None:
    try:
        with target.engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            for table in tables():
                if table.name in present and conn.execute(select(func.count()).select_from(table)).scalar():
                    raise StorageError(f"the target holds data already (table {table.name}): mailbot moves a "
                                       "circle only into an empty database or schema")
    except SQLAlchemyError as e:
        raise target.trouble(e, "cannot open the target database") from None


def _copy(reading: Connection, writing: Connection, table: Table, show: Progress | None) -> int:
    key = list(table.primary_key.columns)
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]  # filled in afterwards
    total = int(reading.execute(select(func.count()).select_from(table)).scalar() or 0)
    done = 0
    later: list[dict[str, Any]] = []
    result = reading.execution_options(yield_per=BATCH).execute(select(table).order_by(*key))
    for part in result.mappings().partitions(BATCH):
        rows = [dict(row) for row in part]
        if own:
            later += [{**{c.name: row[c.name] for c in key}, **{name: row[name] for name in own}}
                      for row in rows if any(row[name] is not None for name in own)]
            rows = [{**row, **dict.fromkeys(own)} for row in rows]
        writing.execute(table.insert(), rows)
        done += len(rows)
        if show is not None:
            show(table.name, done, total)
    for row in later:
        writing.execute(update(table).where(*(c == row[c.name] for c in key)).values({n: row[n] for n in own}))
    if show is not None and total == 0:
        show(table.name, 0, 0)
    return done


def _advance_sequences(writing: Connection) -> None:
    """Each serial id's sequence to the highest copied id, so that the next row gets a new one."""
    for table in tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int
                                                and len(table.primary_key.columns) == 1):
                sequence = writing.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                           {"t": f'"{table.name}"', "c": column.name}).scalar()
                if sequence:
                    writing.execute(text(f'SELECT setval(:s, COALESCE((SELECT max("{column.name}") FROM '
                                         f'"{table.name}"), 0) + 1, false)'), {"s": sequence})


def _fingerprint(conn: Connection, table: Table) -> tuple[int, str]:
    """(rows, checksum) of a table: its rows in key order, each value in a form that is the same on any backend."""
    digest = hashlib.sha256()
    count = 0
    key = list(table.primary_key.columns)
    for part in conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*key)).partitions(BATCH):
        for row in part:
            digest.update(json.dumps([_plain(v) for v in row], sort_keys=True, ensure_ascii=False).encode())
            digest.update(b"\n")
            count += 1
    return count, digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return json.loads(json.dumps(value, sort_keys=True, default=str))
    if isinstance(value, int | float | str) or value is None:
        return value
    return str(value)


def _shown(db: Database) -> str:
    from sqlalchemy.engine import make_url

    where = make_url(db.url).render_as_string(hide_password=True)
    return where + (f" (schema {db.schema_name})" if db.schema_name else "")


def _terminal(table: str, done: int, total: int) -> None:
    sys.stderr.write(f"\r  {table:<24} {done:>8} / {total:<8} rows" + ("\n" if done >= total else ""))
    sys.stderr.flush()
