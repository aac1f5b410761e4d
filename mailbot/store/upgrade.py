"""``mailbot upgrade``: one upgrader at a time, a checked backup first, then the migrations.

Two upgrades started at once queue on the circle's upgrade lock (a file lock beside a SQLite file,
an advisory lock on PostgreSQL); the second then finds the schema current and does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mailbot.store import schema
from mailbot.store.backup import Backup, NoBackup, backup_name, make_backup
from mailbot.store.db import Database


@dataclass(frozen=True)
class Upgraded:
    before: schema.SchemaVersion
    backup: Backup | None = None
    no_backup: str = ""  # why there is none, and how to make one

    @property
    def changed(self) -> bool:
        return self.before.current is not None and not self.before.up_to_date


def upgrade(db: Database, backup_folder: Path | None = None) -> Upgraded:
    """Bring the schema to head, after a checked backup when the schema changes (``backup_folder``: where)."""
    with db.exclusive("upgrade"):
        before = db.schema_version()
        if before.up_to_date or before.current is None:
            return Upgraded(before)
        schema.require_known(before)
        made, missing = None, ""
        try:
            made = make_backup(db, backup_name(db, f"before-{before.head}", backup_folder))
        except NoBackup as e:
            missing = str(e)
        db.migrate()
        return Upgraded(before, made, missing)
