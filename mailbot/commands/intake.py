"""The intake commands: poll, run, status, messages, export, check-config."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mailbot.app import App
from mailbot.commands import EXIT_AUTH, EXIT_FAILURE, EXIT_OK, AddCommand, print_json, table
from mailbot.core.errors import AuthError, TransportError
from mailbot.exports.csv_file import CSV_DIALECTS, DEFAULT_DIALECT


def cmd_poll(app: App, args: argparse.Namespace) -> int:
    from mailbot.app import prepare_threads_for_sending
    from mailbot.engine.health import Health
    from mailbot.meetings.change_review import review_now
    from mailbot.store.db import utcnow

    app.require_servers()
    prepare_threads_for_sending()
    health = Health(app.db)
    review_now(app.db, app.config, app.templates, utcnow())  # a changed meeting: a preview, sent with the replies
    try:
        report = app.runner.poll()
    except TransportError as e:  # AuthError included: main() prints it and exits 3 (1 for the rest)
        health.poll_failed(e)
        raise
    health.poll_finished(report.drain)
    if args.verbose:
        print_json(report.as_dict())
    if report.drain.error:
        print(f"mailbot: outbox not fully sent: {report.drain.error}", file=sys.stderr)
        if report.drain.auth_failed:
            return EXIT_AUTH
    return EXIT_OK


def cmd_run(app: App, args: argparse.Namespace) -> int:
    from mailbot.service import Service

    app.require_servers()
    return Service(app).run()


def cmd_status(app: App, args: argparse.Namespace) -> int:
    from mailbot.engine.reports import status
    from mailbot.store.models import KeyValue

    version = app.db.schema_version()
    if not version.up_to_date:  # the counts below read today's tables: say what to do instead
        if args.format == "json":
            print_json({"schema": {"revision": version.current, "head": version.head, "up_to_date": False}})
        else:
            print(f"schema:        {version.describe()}")
        return EXIT_FAILURE
    with app.db.read_session() as session:
        data = status(session)
        row = session.get(KeyValue, "last_error")
        data["last_error"] = row.value if row is not None else None
    data["schema"] = {"revision": version.current, "head": version.head, "up_to_date": True}
    db = app.db
    data["database"] = {"backend": db.engine.dialect.name, "schema": db.schema_name,
                        "statement_timeout": db.statement_timeout, "lock_timeout": db.lock_timeout}
    if args.format == "json":
        print_json(data)
        return EXIT_OK
    last = data["last_poll"] or {}
    print(f"schema:        {version.describe()}")
    print(f"database:      {db.engine.dialect.name}" + (f", schema {db.schema_name}" if db.schema_name else "")
          + f"; a statement may run {db.statement_timeout} s (database.statement_timeout), a lock wait last "
            f"{db.lock_timeout} s (database.lock_timeout)")
    print(f"last poll:     {last.get('at', 'never')}" + (f"  (error: {last['error']})" if last.get("error") else ""))
    error = data["last_error"] or {}
    if error:
        when = (f"failing since {error.get('since')}, {error.get('attempts', 1)} attempt(s)" if error.get("ongoing")
                else f"resolved at {error.get('resolved_at', '?')}")
        print(f"last error:    {error.get('at')} {error.get('what', '')}: {error.get('error')}  ({when})")
    print(f"messages:      {data['messages']['total']}  "
          + ", ".join(f"{k} {v}" for k, v in sorted(data["messages"]["by_kind"].items())))
    print("participants:  " + ", ".join(f"{k} {v}" for k, v in data["participants"].items()))
    print("outbox:        " + ", ".join(f"{k} {v}" for k, v in data["outbox"].items()))
    print(f"quarantined:   {data['quarantined']}")
    print(f"needs a human: {data['needs_human']}")
    return EXIT_OK


def cmd_messages(app: App, args: argparse.Namespace) -> int:
    from mailbot.engine.reports import messages

    with app.db.read_session() as session:
        rows = messages(session)
    if args.format == "json":
        print_json({"messages": rows})
    else:
        shown = [{**r, "auth": r["authenticity"], "findings": ",".join(r["findings"])} for r in rows]
        print(table(shown, ["received_at", "from", "subject", "auth", "findings", "state", "reason"],
                    {"subject": 32, "reason": 50, "from": 32, "findings": 24}))
    return EXIT_OK


def cmd_export(app: App, args: argparse.Namespace) -> int:
    from mailbot.exports.files import matches_csv, participant_json, participants_csv, participants_xlsx
    from mailbot.matching.collect import circle_matches
    from mailbot.people.records import participant_records

    with app.db.read_session() as session:
        records = participant_records(session, app.config.questionnaire, args.status)
        matches = circle_matches(session, app.config.questionnaire) if args.format == "xlsx" or args.matches \
            else None
    lang = args.lang or app.config.digest.language
    if args.format == "json":
        people = [participant_json(r, app.config) for r in records]
        data = json.dumps({"participants": people}, ensure_ascii=False, indent=2).encode() + b"\n"
    elif args.format == "xlsx":
        data = participants_xlsx(records, app.config, lang, ids=args.ids, matches=matches)
    elif matches is not None:
        data = matches_csv(matches, app.config, lang, dialect=args.dialect)
    else:
        data = participants_csv(records, app.config, lang, dialect=args.dialect, ids=args.ids)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def cmd_check_config(app: App, args: argparse.Namespace) -> int:
    app.require_servers()
    print(f"configuration: ok ({app.config.path})")
    worst = EXIT_OK
    for label, connect in (("IMAP", app.open_mailbox), ("SMTP", app.open_sender)):
        try:
            connect().close()
            print(f"{label}: ok")
        except AuthError as e:
            print(f"{label}: {e}")
            worst = max(worst, EXIT_AUTH)
        except TransportError as e:
            print(f"{label}: {e}")
            worst = max(worst, EXIT_FAILURE)
    return worst


def register(add: AddCommand) -> None:
    p = add("poll", cmd_poll, "Handle everything waiting in the mailbox once, send the replies, exit.")
    p.add_argument("--verbose", "-v", action="store_true", help="print what the cycle did as JSON")
    add("run", cmd_run, "Run as a service: poll every poll_interval seconds until SIGTERM.")
    p = add("status", cmd_status, "Show the last poll, counts per kind and status, the outbox and quarantine.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("messages", cmd_messages, "List every stored incoming message and what was decided.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("export", cmd_export, "Export participants and their answers.")
    p.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    p.add_argument("--dialect", choices=sorted(CSV_DIALECTS), default=DEFAULT_DIALECT,
                   help="with --format csv: excel-nl (';', what Dutch Excel opens; the default), "
                        "excel (','), rfc4180 (',', no byte order mark)")
    p.add_argument("--ids", action="store_true",
                   help="with csv or xlsx: add columns for tools (status_id, <question>_id, ...) with the raw ids")
    p.add_argument("--lang", choices=["nl", "en"], help="language of csv and xlsx (default: digest.language)")
    p.add_argument("--matches", action="store_true",
                   help="with csv: who can help whom instead of the participants (xlsx has them on a sheet of its own)")
    p.add_argument("--status", help="only participants with this status")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    add("check-config", cmd_check_config, "Validate the configuration and try to log in to IMAP and SMTP.")
