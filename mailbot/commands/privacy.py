"""The privacy commands: forget, export-person, retention."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand
from mailbot.store.db import utcnow


def _address(given: str) -> str | None:
    address = given.strip().lower()
    return address if "@" in address.strip("@") else None


def cmd_forget(app: App, args: argparse.Namespace) -> int:
    from mailbot.privacy.forget import forget_person

    address = _address(args.email)
    if address is None:
        print(f"mailbot: not an email address: {args.email!r}", file=sys.stderr)
        return EXIT_FAILURE
    with app.db.session() as session:
        report = forget_person(session, address, utcnow(), reason="mailbot forget")
    if report.was_participant:
        print(f"{address}: participant removed with {report.answers} answer(s), {report.notes} note(s), "
              f"{report.attendance} attendance record(s), {report.reminders} reminder(s), "
              f"{report.meeting_notices} meeting notice(s)")
    else:
        print(f"{address}: was not a participant")
    print(f"messages erased: {report.messages}; mail to them erased: {report.outbox_blanked}, "
          f"cancelled before sending: {report.outbox_cancelled}; mail to others naming them erased: {report.mentions}")
    print("address suppressed: no automatic mail will go to it" if report.newly_suppressed
          else "address was already suppressed")
    print("copies on the mail server (the processed folder) must be deleted there by hand")
    return EXIT_OK


def cmd_export_person(app: App, args: argparse.Namespace) -> int:
    from mailbot.privacy.export import person_export

    address = _address(args.email)
    if address is None:
        print(f"mailbot: not an email address: {args.email!r}", file=sys.stderr)
        return EXIT_FAILURE
    with app.db.read_session() as session:
        data = person_export(session, address, app.config.questionnaire, utcnow())
    if data is None:
        print(f"mailbot: nothing is stored about {address}", file=sys.stderr)
        return EXIT_FAILURE
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        # personal data: readable by the owner only, from the first byte on
        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_retention(app: App, args: argparse.Namespace) -> int:
    from mailbot.privacy.retention import retention_job

    now = None
    if args.now:
        try:
            now = datetime.strptime(args.now, "%Y-%m-%d %H:%M")
        except ValueError:
            print(f"mailbot: --now: expected \"YYYY-MM-DD HH:MM\" (UTC), got {args.now!r}", file=sys.stderr)
            return EXIT_FAILURE
    report = retention_job(app.db, app.config, now=now, dry_run=args.dry_run)
    print(("would be done (dry run): " if args.dry_run else "done: ")
          + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.as_dict().items()))
    return EXIT_OK


def register(add: AddCommand) -> None:
    p = add("forget", cmd_forget, "Erase everything about one email address and suppress automatic mail to it.")
    p.add_argument("email")
    p = add("export-person", cmd_export_person, "Everything stored about one email address, as JSON.")
    p.add_argument("email")
    p.add_argument("--output", "-o", help="write to this file (mode 600) instead of standard output")
    p = add("retention", cmd_retention, "Run the retention job now: purge old raw mail, anonymise after the end.")
    p.add_argument("--now", help='pretend it is this moment, "YYYY-MM-DD HH:MM" in UTC (to check what would go)')
    p.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
