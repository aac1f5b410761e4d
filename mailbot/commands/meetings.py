"""Meeting commands: `meetings` (who comes) and `remind` (send what is due)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand, print_json, table
from mailbot.core.domain import MailKind
from mailbot.meetings.dates import format_meeting_when

if TYPE_CHECKING:
    from mailbot.config import Config
    from mailbot.outbox.queue import Outbox


def _local_now(app: App, given: str | None) -> datetime:
    if not given:
        return datetime.now(UTC)
    local = datetime.strptime(given.strip(), "%Y-%m-%d %H:%M")
    return local.replace(tzinfo=app.config.timezone).astimezone(UTC)


def cmd_remind(app: App, args: argparse.Namespace) -> int:
    from mailbot.meetings.reminders import queue_reminders

    try:
        now = _local_now(app, args.now)
    except ValueError:
        print('mailbot: --now must look like "2017-10-05 09:00" (local time)')
        return EXIT_FAILURE
    if not args.dry_run:
        app.require_servers()
    report = queue_reminders(app.db, app.config, app.templates, now, dry_run=args.dry_run)
    if report.queued_any and not args.dry_run:
        app.drain()
    verb = "would send" if args.dry_run else "queued"
    for email, meeting_id, offset in report.reminders:
        print(f"{verb} reminder {offset} for {meeting_id} to {email}")
    for meeting_id, kind in report.previews:
        print(f"preview of the {kind} of {meeting_id} sent to the organisers; participants hear of it after a yes")
    for meeting_id in report.held:
        print(f"reminders for {meeting_id} wait: a change is not confirmed yet (mailbot meetings --pending)")
    if not (report.reminders or report.previews):
        print("nothing due")
    return EXIT_OK


def cmd_pending_or_apply(app: App, args: argparse.Namespace) -> int:
    """``meetings --pending`` lists the changes that wait for a yes; ``--apply [ID]`` sends them now."""
    from mailbot.meetings.change_review import apply_change, pending, review_changes
    from mailbot.outbox.queue import Outbox
    from mailbot.store.db import naive_utc

    if args.apply is not None:
        app.require_servers()
    now = datetime.now(UTC)
    applied: list[tuple[str, int]] = []
    with app.db.exclusive("remind"), app.db.session() as session:
        outbox = Outbox(session, app.config, app.templates, naive_utc(now))
        review_changes(session, app.config, outbox, now)
        waiting = pending(session, app.config, outbox, now)
        if args.apply is not None:
            wanted = [p for p in waiting if args.apply in ("", p.meeting_id)]
            if args.apply and not wanted:
                print(f"mailbot: no change of meeting {args.apply!r} is waiting (see mailbot meetings --pending)")
                return EXIT_FAILURE
            for change in wanted:
                count = apply_change(session, app.config, outbox, now, change.meeting_id)
                applied.append((change.meeting_id, count or 0))
                if count is not None:
                    tell_organisers_applied(outbox, app.config, change.title, count)
        queued = bool(outbox.queued)
    if queued:
        app.drain()
    if args.apply is None:
        if not waiting:
            print("no meeting changes wait for a yes")
        for change in waiting:
            print(f"{change.meeting_id}: {change.kind} of {change.title!r}, {change.recipients} recipient(s), "
                  f"preview sent {change.since:%Y-%m-%d %H:%M} UTC")
        return EXIT_OK
    if not applied:
        print("no meeting changes wait for a yes")
    for meeting_id, count in applied:
        print(f"{meeting_id}: sent to {count} participant(s)")
    return EXIT_OK


def cmd_meetings(app: App, args: argparse.Namespace) -> int:
    if args.pending or args.apply is not None:
        return cmd_pending_or_apply(app, args)
    from mailbot.people.attendance import turnout
    from mailbot.people.records import participant_records

    config = app.config
    with app.db.read_session() as session:
        records = participant_records(session, config.questionnaire)
    email = {r.id: r.email for r in records}
    counted = turnout(records, [m.id for m in config.meetings], config.questionnaire)
    rows = []
    for meeting in sorted(config.meetings, key=lambda m: m.start):
        said = counted[meeting.id]
        rows.append({"id": meeting.id, "title": meeting.title,
                     "when": format_meeting_when(meeting, config.timezone, config.programme.language),
                     "location": meeting.location, "expected": len(said.expected), "unknown": len(said.unknown),
                     "declined": len(said.declined), "unknown_who": [email[i] for i in said.unknown],
                     "declined_by": [email[i] for i in said.declined]})
    if args.format == "json":
        print_json({"meetings": rows})
    elif not rows:
        print("no meetings configured")
    else:
        print(table(rows, ["id", "title", "when", "location", "expected", "unknown", "declined"],
                    {"title": 40, "when": 44}))
    return EXIT_OK


def register(add: AddCommand) -> None:
    p = add("remind", cmd_remind, "Send the reminders due now; a changed meeting first goes to the organisers "
                                  "as a preview.")
    p.add_argument("--dry-run", action="store_true", help="list what would go out; send and record nothing")
    p.add_argument("--now", help='act as if it were this local time, e.g. "2017-10-05 09:00"')
    p = add("meetings", cmd_meetings, "List the meetings with how many are expected, unknown and declined.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--pending", action="store_true", help="list the meeting changes that wait for a yes")
    what.add_argument("--apply", nargs="?", const="", metavar="ID",
                      help="tell participants now about the pending change (of meeting ID; all without ID)")


def tell_organisers_applied(outbox: Outbox, config: Config, title: str, count: int) -> None:
    """She had the preview: she hears that the operator sent it, so she does not answer it still."""
    for organiser in config.organisers:
        outbox.queue(kind=MailKind.ORGANISER_REPLY, template="meeting_change_applied", to_address=organiser.email,
                     to_name=organiser.name, lang=organiser.language, counts_for_limit=False,
                     auto_submitted="auto-generated", context={"meeting": title, "count": count})
