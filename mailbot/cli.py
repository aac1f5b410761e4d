"""The ``mailbot`` command: parse arguments, call the app, print. No logic lives here.

Exit codes: 0 fine, 1 a run-time failure (server unreachable, database trouble),
2 a configuration error, 3 a mail server refused our credentials.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mailbot import __version__
from mailbot.app import App, load_app, setup_logging
from mailbot.errors import AuthError, ConfigError, MailbotError, StorageError, TransportError

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG, EXIT_AUTH = 0, 1, 2, 3


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None) -> str:
    widths = widths or {}
    cells = [[str(r.get(c) if r.get(c) is not None else "")[: widths.get(c, 40)] for c in columns] for r in rows]
    size = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(size[i]) for i, c in enumerate(columns)),
             "  ".join("-" * size[i] for i in range(len(columns)))]
    lines += ["  ".join(v.ljust(size[i]) for i, v in enumerate(row)) for row in cells]
    return "\n".join(lines)


# ---------------------------------------------------------------- commands


def cmd_poll(app: App, args: argparse.Namespace) -> int:
    report = app.runner.poll()
    if args.verbose:
        _print_json(report.as_dict())
    if report.drain.error:
        print(f"mailbot: outbox not fully sent: {report.drain.error}", file=sys.stderr)
    return EXIT_OK


def cmd_run(app: App, args: argparse.Namespace) -> int:
    from mailbot.scheduler import run_service

    return run_service(app)


def cmd_status(app: App, args: argparse.Namespace) -> int:
    from mailbot.reports import status

    with app.db.session() as session:
        data = status(session)
    if args.format == "json":
        _print_json(data)
        return EXIT_OK
    last = data["last_poll"] or {}
    print(f"last poll:     {last.get('at', 'never')}" + (f"  (error: {last['error']})" if last.get("error") else ""))
    print(f"messages:      {data['messages']['total']}  "
          + ", ".join(f"{k} {v}" for k, v in sorted(data["messages"]["by_kind"].items())))
    print("participants:  " + ", ".join(f"{k} {v}" for k, v in data["participants"].items()))
    print("outbox:        " + ", ".join(f"{k} {v}" for k, v in data["outbox"].items()))
    print(f"quarantined:   {data['quarantined']}")
    print(f"needs a human: {data['needs_human']}")
    return EXIT_OK


def cmd_messages(app: App, args: argparse.Namespace) -> int:
    from mailbot.reports import messages

    with app.db.session() as session:
        rows = messages(session)
    if args.format == "json":
        _print_json({"messages": rows})
    else:
        print(_table(rows, ["received_at", "from", "subject", "kind", "state", "reason"],
                     {"subject": 36, "reason": 50, "from": 32}))
    return EXIT_OK


def cmd_export(app: App, args: argparse.Namespace) -> int:
    from mailbot.reports import participants, participants_csv

    with app.db.session() as session:
        records = participants(session, app.config.questionnaire, args.status)
    if args.format == "json":
        data = json.dumps({"participants": records}, ensure_ascii=False, indent=2).encode() + b"\n"
    else:
        data = participants_csv(records, app.config.questionnaire)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def cmd_check_config(app: App, args: argparse.Namespace) -> int:
    from mailbot.transports.imap import Mailbox
    from mailbot.transports.smtp import SmtpConnection

    print(f"configuration: ok ({app.config.path})")
    worst = EXIT_OK
    for label, connection in (("IMAP", Mailbox(app.config.imap)), ("SMTP", SmtpConnection(app.config.smtp))):
        try:
            connection.connect()
            connection.close()
            print(f"{label}: ok")
        except AuthError as e:
            print(f"{label}: {e}")
            worst = max(worst, EXIT_AUTH)
        except TransportError as e:
            print(f"{label}: {e}")
            worst = max(worst, EXIT_FAILURE)
    return worst


def cmd_demo(args: argparse.Namespace) -> int:
    from mailbot.demo import run_demo

    return run_demo(database=args.database, outdir=args.output)


# ---------------------------------------------------------------- wiring

CommandFn = Callable[[App, argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mailbot", description="An email intake bot for learning circles.")
    parser.add_argument("--config", "-c", help="configuration file (default: $MAILBOT_CONFIG or ./config.yaml)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    parser.add_argument("--version", action="version", version=f"mailbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: CommandFn | None, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(fn=fn)
        return p

    p = add("poll", cmd_poll, "Handle everything waiting in the mailbox once, send the replies, exit.")
    p.add_argument("--verbose", "-v", action="store_true", help="print what the cycle did as JSON")
    add("run", cmd_run, "Run as a service: poll every poll_interval seconds until SIGTERM.")
    p = add("status", cmd_status, "Show the last poll, counts per kind and status, the outbox and quarantine.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("messages", cmd_messages, "List every stored incoming message and what was decided.")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("export", cmd_export, "Export participants and their answers.")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--status", help="only participants with this status")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    add("check-config", cmd_check_config, "Validate the configuration and try to log in to IMAP and SMTP.")
    p = add("demo", None, "Run the whole loop against built-in mail servers with sample mail (no config needed).")
    p.add_argument("--database", help="keep the demo's database in this file (default: a temporary one)")
    p.add_argument("--output", help="folder for the replies as .eml files (default: a temporary folder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.log_level)
    try:
        if args.command == "demo":
            return cmd_demo(args)
        app = load_app(args.config)
        return int(args.fn(app, args))
    except ConfigError as e:
        print(f"mailbot: configuration error: {e}", file=sys.stderr)
        return EXIT_CONFIG
    except AuthError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_AUTH
    except (TransportError, StorageError) as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_FAILURE
    except MailbotError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
