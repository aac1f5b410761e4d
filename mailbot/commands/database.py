"""The database commands: upgrade."""

from __future__ import annotations

import argparse

from mailbot.app import App
from mailbot.commands import EXIT_OK, AddCommand


def cmd_upgrade(app: App, args: argparse.Namespace) -> int:
    before, backup = app.db.upgrade()
    if before.current is None or before.up_to_date:
        print(f"database schema: {app.db.schema_version().describe()}; nothing to do")
        return EXIT_OK
    if backup is not None:
        print(f"backup: {backup}")
    print(f"database schema: upgraded from {before.current} to {before.head}")
    return EXIT_OK


def register(add: AddCommand) -> None:
    add("upgrade", cmd_upgrade, "Upgrade the database schema to this mailbot's (a SQLite file is backed up first).")
