"""Meeting commands: `meetings` (who comes) and `remind` (send what is due)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from sqlalchemy import select

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand, print_json, table
from mailbot.domain import ACTIVE
from mailbot.meetings.dates import format_meeting_when
from mailbot.store.models import Attendance, Participant


def _local_now(app: App, given: str | None) -> datetime:
    if not given:
        return datetime.now(UTC)
    local = datetime.strptime(given.strip(), "%Y-%m-%d %H:%M")
    return local.replace(tzinfo=app.config.timezone).astimezone(UTC)


def cmd_remind(app: App, args: argparse.Namespace) -> int:
    from mailbot.reminders import queue_reminders

    try:
        now = _local_now(app, args.now)
    except ValueError:
        print('mailbot: --now must look like "2017-10-05 09:00" (local time)')
        return EXIT_FAILURE
    report = queue_reminders(app.db, app.config, app.templates, now, dry_run=args.dry_run)
    if report.queued_any and not args.dry_run:
        app.drain()
    verb = "would send" if args.dry_run else "queued"
    for email, meeting_id, offset in report.reminders:
        print(f"{verb} reminder {offset} for {meeting_id} to {email}")
    for email, meeting_id in report.updates:
        print(f"{verb} update of {meeting_id} to {email}")
    for email, meeting_id in report.cancellations:
        print(f"{verb} cancellation of {meeting_id} to {email}")
    if not (report.reminders or report.updates or report.cancellations):
        print("nothing due")
    return EXIT_OK


def cmd_meetings(app: App, args: argparse.Namespace) -> int:
    config = app.config
    with app.db.read_session() as session:
        active = session.scalars(select(Participant).where(Participant.status.in_(ACTIVE))).all()
        answers = {(a.participant_id, a.meeting_id): a.status for a in session.scalars(select(Attendance))}
        rows = []
        for meeting in sorted(config.meetings, key=lambda m: m.start):
            declined = [p.email for p in active if answers.get((p.id, meeting.id)) == "declined"]
            accepted = [p.email for p in active if answers.get((p.id, meeting.id)) == "accepted"]
            rows.append({"id": meeting.id, "title": meeting.title,
                         "when": format_meeting_when(meeting, config.timezone, config.programme.language),
                         "location": meeting.location, "expected": len(active) - len(declined),
                         "accepted": len(accepted), "declined": len(declined), "declined_by": declined})
    if args.format == "json":
        print_json({"meetings": rows})
    elif not rows:
        print("no meetings configured")
    else:
        print(table(rows, ["id", "title", "when", "location", "expected", "declined"], {"title": 40, "when": 44}))
    return EXIT_OK


def register(add: AddCommand) -> None:
    p = add("remind", cmd_remind, "Send the reminders (and meeting changes) that are due now.")
    p.add_argument("--dry-run", action="store_true", help="list what would go out; send and record nothing")
    p.add_argument("--now", help='act as if it were this local time, e.g. "2017-10-05 09:00"')
    p = add("meetings", cmd_meetings, "List the meetings with who is expected and who declined.")
    p.add_argument("--format", choices=["table", "json"], default="table")
