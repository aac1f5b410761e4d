"""The database commands: upgrade, backup, move-database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand


def cmd_upgrade(app: App, args: argparse.Namespace) -> int:
    from mailbot.store.upgrade import upgrade

    done = upgrade(app.db, Path(args.backup_dir) if args.backup_dir else None)
    if not done.changed:
        print(f"database schema: {app.db.schema_version().describe()}; nothing to do")
        return EXIT_OK
    if done.backup is not None:
        print(f"backup: {done.backup.describe()}")
    else:
        print(f"mailbot: {done.no_backup}", file=sys.stderr)
    print(f"database schema: upgraded from {done.before.current} to {done.before.head}")
    return EXIT_OK


def cmd_backup(app: App, args: argparse.Namespace) -> int:
    from mailbot.store.backup import backup_name, make_backup

    target = Path(args.to) if args.to else backup_name(app.db, "backup")
    if target.is_dir():
        target = backup_name(app.db, "backup", target)
    print(f"backup: {make_backup(app.db, target).describe()}")
    return EXIT_OK


def cmd_move_database(app: App, args: argparse.Namespace) -> int:
    from mailbot.outbox.ledger import open_ledger
    from mailbot.store.db import Database
    from mailbot.store.move import move_database

    def settle(db: Database) -> tuple[int, int]:
        ledger = open_ledger(db)
        try:
            marks = ledger.reconcile(db)
        finally:
            ledger.close()
        return marks.sent, marks.resent

    report = move_database(app.db, args.to, args.schema, progress=sys.stderr.isatty() and not args.quiet,
                           settle=settle)
    print(report.describe())
    print(f"Now set database.url{' and database.schema' if args.schema else ''} in {app.config.path} to the new "
          "database, and start mailbot again.")
    return EXIT_OK if report.verified else EXIT_FAILURE


def register(add: AddCommand) -> None:
    p = add("upgrade", cmd_upgrade, "Upgrade the database schema to this mailbot's, after a checked backup.")
    p.add_argument("--backup-dir", help="folder for the backup (default: beside a SQLite file; the current "
                                        "folder for PostgreSQL)")
    p = add("backup", cmd_backup, "Back the circle's database up, checked (SQLite: online copy; PostgreSQL: "
                                  "pg_dump of its schema).")
    p.add_argument("--to", help="file or folder for the backup (default: beside a SQLite file; the current folder "
                                "for PostgreSQL)")
    p = add("move-database", cmd_move_database, "Copy this circle's data into another, empty database "
                                                "(e.g. from SQLite to PostgreSQL), checked; stop the service first.")
    p.add_argument("--to", required=True, metavar="URL", help="the new database, e.g. "
                                                              "postgresql+psycopg://mailbot@db/mailbot")
    p.add_argument("--schema", help="PostgreSQL: the circle's schema in the new database (database.schema)")
    p.add_argument("--quiet", action="store_true", help="no progress, even on a terminal")
