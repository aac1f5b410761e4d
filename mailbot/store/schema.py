"""Which revision of the schema a database has, and bringing it to the code's (Alembic).

The revisions live in ``mailbot/store/migrations`` (its README says how to add one). A fresh
database is made from the models and stamped with the newest revision; an older one is upgraded
only on request (``mailbot upgrade``), because an upgrade is the operator's decision: a service
that finds an older or newer database refuses to start and says what to do.

A database made before migrations existed has no ``alembic_version`` table: it is the v1 schema.

Every start reads the revision (``version_of``) without loading Alembic, which costs a fresh
process a noticeable share of its start-up; only ``upgrade`` and the tests load it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, MetaData, PrimaryKeyConstraint, String, Table, insert, inspect, select

from mailbot.core.errors import StorageError
from mailbot.store.models import Base

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from alembic.migration import MigrationContext

MIGRATIONS = Path(__file__).parent / "migrations"
V1 = "0001"  # the schema released before migrations: a database without alembic_version has it
VERSION_TABLE = "alembic_version"
VERSIONS = Table(VERSION_TABLE, MetaData(), Column("version_num", String(32), nullable=False),
                 PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))


class SchemaMismatch(StorageError):
    """The database's schema is not the one this code was written for."""


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


_REVISION = re.compile(r"""^(down_revision|revision) = (?:["'](\w+)["']|None)$""", re.MULTILINE)


@functools.cache
def revisions() -> tuple[str, ...]:
    """The revisions shipped with this code, oldest first (read once: they do not change while it runs).

    Read from the files' ``revision`` and ``down_revision`` lines: the history is one line
    (see migrations/README.md), which a test checks against Alembic's own reading.
    """
    parent_of: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((name, value or None) for name, value in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found and found["revision"] is not None:
            parent_of[found["revision"]] = found.get("down_revision")
    roots = [revision for revision, parent in parent_of.items() if parent is None]
    child_of = {parent: child for child, parent in parent_of.items() if parent is not None}
    line: list[str] = []
    current = roots[0] if len(roots) == 1 else None
    while current is not None:
        line.append(current)
        current = child_of.get(current)
    assert line and len(line) == len(parent_of), "mailbot/store/migrations: the revisions must form one line"
    return tuple(line)


def head() -> str:
    return revisions()[-1]


@dataclass(frozen=True)
class SchemaVersion:
    current: str | None  # None: an empty database
    head: str  # the code's
    versioned: bool  # False: made before migrations (v1, no alembic_version table)
    known: bool  # this code knows the revision (False: a newer mailbot wrote it)

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def older(self) -> bool:
        return self.known and not self.up_to_date and self.current is not None

    def describe(self) -> str:
        if self.current is None:
            return f"empty (this mailbot creates revision {self.head})"
        label = self.current if self.versioned else f"{self.current} (v1, from before migrations)"
        if self.up_to_date:
            return f"{label}, up to date"
        if self.older:
            return f"{label}, older than this mailbot's {self.head}: run `mailbot upgrade`"
        return f"{label}, newer than this mailbot ({self.head}): run the mailbot version that wrote it"


def version_of(conn: Connection) -> SchemaVersion:
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE in tables:
        current = conn.execute(select(VERSIONS.c.version_num)).scalar()
        versioned = True
    else:
        current = V1 if "participants" in tables else None
        versioned = False
    known = current is None or current in revisions()
    return SchemaVersion(current=current, head=head(), versioned=versioned, known=known)


def require_current(version: SchemaVersion) -> None:
    """Refuse, in one line that says what to do, a database this code was not written for."""
    if version.up_to_date:
        return
    if version.older:
        raise SchemaMismatch(f"the database schema is at revision {version.current}, this mailbot needs "
                             f"{version.head}: run `mailbot upgrade` first (it backs up a SQLite file)")
    raise SchemaMismatch(f"the database schema is at revision {version.current}, newer than this mailbot knows "
                         f"({version.head}): run the mailbot version that upgraded it")


def create(conn: Connection) -> bool:
    """Make the schema at head in an empty database, in the caller's transaction; False if it was not empty.

    The caller holds the lock that makes concurrent starters wait (``Database.create_schema``).
    """
    if version_of(conn).current is not None:
        return False
    Base.metadata.create_all(conn)
    # what ``alembic stamp head`` writes, without its log lines at every first start
    VERSIONS.create(conn)
    conn.execute(insert(VERSIONS).values(version_num=head()))
    return True


def upgrade(conn: Connection) -> None:
    """Run every revision from the database's to head, in the caller's transaction."""
    version = version_of(conn)
    from alembic import command  # only an upgrade needs the machinery of migrations

    if not version.versioned and version.current is not None:
        command.stamp(alembic_config(conn), V1)
    command.upgrade(alembic_config(conn), "head")


def differences(conn: Connection) -> list[object]:
    """What differs between the models and the database (empty when a revision is not forgotten)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    context = MigrationContext.configure(conn, opts={"compare_type": compare_type})
    return list(compare_metadata(context, Base.metadata))


def compare_type(context: MigrationContext, *_: object) -> bool | None:
    """SQLite neither checks a VARCHAR's length nor has a 32-bit INTEGER: types are compared elsewhere only."""
    return False if context.dialect.name == "sqlite" else None



def require_known(version: SchemaVersion) -> None:
    if not version.known:
        require_current(version)
