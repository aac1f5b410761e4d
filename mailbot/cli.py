"""The ``mailbot`` command: parse arguments, call the app, print. No logic lives here.

Sub-commands live in ``mailbot.commands``, one module per area.
Exit codes: 0 fine, 1 a run-time failure (server unreachable, database trouble),
2 a configuration error, 3 a mail server refused our credentials.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from mailbot import __version__, commands
from mailbot.commands import EXIT_AUTH, EXIT_CONFIG, EXIT_FAILURE, CommandFn
from mailbot.core.errors import AuthError, ConfigError, MailbotError

# these work on a database of any schema revision: they report it, or change it
WITHOUT_SCHEMA_CHECK = frozenset({"status", "upgrade", "backup", "check-config"})


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

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"mailbot.commands.{info.name}").register(add)
    p = add("demo", None, "Run the whole loop against built-in mail servers with sample mail (no config needed).")
    p.add_argument("--database", help="keep the demo's database in this file (default: a temporary one)")
    p.add_argument("--output", help="folder for the replies as .eml files (default: a temporary folder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mailbot.app import load_app
    from mailbot.core.logs import setup_logging

    setup_logging(args.log_level)
    try:
        if args.command == "demo":
            try:
                from mailbot.demo.run import run_demo
            except ImportError as e:
                print(f"mailbot demo needs its built-in mail servers ({e.name}): pip install 'mailbot[demo]'",
                      file=sys.stderr)
                return EXIT_FAILURE
            return run_demo(database=args.database, outdir=args.output)
        app = load_app(args.config, check_schema=args.command not in WITHOUT_SCHEMA_CHECK)
        return int(args.fn(app, args))
    except ConfigError as e:
        print(f"mailbot: configuration error: {e}", file=sys.stderr)
        return EXIT_CONFIG
    except AuthError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_AUTH
    except MailbotError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_FAILURE
    except SQLAlchemyError as e:  # the database went away, or a lock wait timed out: one line, no traceback
        from mailbot.store.trouble import cause_of, reason

        print(f"mailbot: database {cause_of(e) or 'error'}: {reason(e)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
