"""Which revision of the schema a database has, and bringing it to the code's (Alembic).

The revisions live in ``mailbot/store/migrations`` (its README says how to add one). A fresh
database is made from the models and stamped with the newest revision; an older one is upgraded
only on request (``mailbot upgrade``), because an upgrade is the operator's decision: a service
that finds an older or newer database refuses to start and says what to do.

A database made before migrations existed has no ``alembic_version`` table: it is the v1 schema.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Column, Connection, MetaData, PrimaryKeyConstraint, String, Table, insert, inspect, select

from mailbot.errors import StorageError
from mailbot.store.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"
V1 = "0001"  # the schema released before migrations: a database without alembic_version has it
VERSION_TABLE = "alembic_version"
VERSIONS = Table(VERSION_TABLE, MetaData(), Column("version_num", String(32), nullable=False),
                 PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))


class SchemaMismatch(StorageError):
    """The database's schema is not the one this code was written for."""


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def scripts() -> ScriptDirectory:
    """The revisions shipped with this code (read once: they do not change while it runs)."""
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    revision = scripts().get_current_head()
    assert revision is not None, "mailbot/store/migrations has no revision"
    return revision


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
    try:
        known = current is None or scripts().get_revision(current) is not None
    except CommandError:
        known = False
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

    context = MigrationContext.configure(conn, opts={"compare_type": compare_type})
    return list(compare_metadata(context, Base.metadata))


def compare_type(context: MigrationContext, *_: object) -> bool | None:
    """SQLite neither checks a VARCHAR's length nor has a 32-bit INTEGER: types are compared elsewhere only."""
    return False if context.dialect.name == "sqlite" else None



def require_known(version: SchemaVersion) -> None:
    if not version.known:
        require_current(version)
