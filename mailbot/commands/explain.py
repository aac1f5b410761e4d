"""The explain command: what mailbot understands of raw mail files, without storing or sending anything."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path
from typing import Any

from mailbot.app import App
from mailbot.commands import EXIT_OK, AddCommand, print_json

# (key, label) in the order a reader wants them; empty values are left out of the text report
_FIELDS = (
    ("sender", "sender"), ("subject", "subject"), ("language", "language"),
    ("kind", "kind"), ("rule", "rule"), ("would_do", "would do"),
    ("participant_status", "participant"), ("replies_to", "replies to"),
    ("quote_header", "quote header"), ("new_text", "new text"), ("sign_off", "sign-off"),
    ("signature", "signature (dropped)"), ("disclaimer", "disclaimer (dropped)"), ("notes", "notes"),
)  # fmt: skip


def cmd_explain(app: App, args: argparse.Namespace) -> int:
    from mailbot.engine.explain import explain_file

    with app.db.read_session() as session:
        reports = [explain_file(Path(name), app.config, session) for name in args.files]
    if args.format == "json":
        print_json(reports)
    else:
        print("\n\n".join(_as_text(report) for report in reports))
    return EXIT_OK


def _as_text(report: dict[str, Any]) -> str:
    lines = [f"== {report['file']}"]
    if "error" in report:
        return "\n".join([*lines, f"error: {report['error']}"])
    for key, label in _FIELDS:
        value = report.get(key)
        if not value:
            continue
        if isinstance(value, list):
            value = "; ".join(map(str, value))
        text = str(value)
        if "\n" in text:
            lines.append(f"{label}:")
            lines.append(textwrap.indent(text, "  | ", lambda _: True))
        else:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


def register(add: AddCommand) -> None:
    p = add("explain", cmd_explain, "Show what mailbot reads in raw mail files and what it would do (nothing is "
                                    "stored or sent).")
    p.add_argument("files", nargs="+", metavar="FILE.eml", help="raw messages (RFC 5322), e.g. saved .eml files")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: a list with one object per file (key 'error' for a file that cannot be read)")
