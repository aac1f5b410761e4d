"""The participants for ``mailbot participants``: aligned columns for a terminal, TSV for a pipe. Pure.

In a terminal every name stays on one line. The widest layout that fits is used
(``LAYOUTS``): the organisation wraps between words in its column, or, when there is
no room for that column, goes on an indented line of its own under the name; then
the least needed columns go. Piped, it is plain TSV, one line per participant, for
``cut``, ``sort`` or a spreadsheet.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from mailbot.answers.questionnaire import Questionnaire
from mailbot.exports.table import local_time
from mailbot.exports.wording import GUESS_MARK
from mailbot.people.organisation import organisation_of, organisation_question
from mailbot.people.records import ParticipantRecord

COLUMNS = ("name", "email", "organisation", "status", "required", "registered")
LAYOUTS = (  # most informative first; without an organisation column it gets a line of its own
    COLUMNS,
    ("name", "email", "organisation", "status", "required"),
    ("name", "email", "organisation", "status"),
    ("name", "email", "status", "required", "registered"),
    ("name", "email", "status", "required"),
    ("name", "email", "status"),
    ("name", "email"),
    ("name", "status"),
    ("name",),
)
WRAPPED = "organisation"
MIN_WRAP_WIDTH = 12
GAP = "  "
INDENT = "    "

Row = dict[str, str]


def participant_rows(records: Sequence[ParticipantRecord], questionnaire: Questionnaire, tz: ZoneInfo) -> list[Row]:
    """One row of short texts per participant; ``required`` is answered/required questions."""
    question = organisation_question(questionnaire)
    required = questionnaire.required_ids
    rows = []
    for r in records:
        org = organisation_of(r.answers, r.guessed_organisation, question)
        registered = local_time(r.registered_at, tz)
        rows.append({
            "name": r.name or "-", "email": r.email,
            "organisation": f"{org.name} {GUESS_MARK['en']}" if org.guessed else org.name,
            "status": r.status + (" (answers proposed)" if r.proposed else ""),
            "required": f"{sum(1 for q in required if q in r.answers)}/{len(required)}",
            "registered": f"{registered:%Y-%m-%d}",
        })
    return rows


def as_tsv(rows: Sequence[Row]) -> str:
    """Header and one line per participant; tabs and line breaks inside a value become spaces."""
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(" ".join(row[c].split()) for c in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def as_columns(rows: Sequence[Row], width: int) -> str:
    """Aligned columns within ``width`` characters (a name longer than that still keeps its line)."""
    columns, widths = _fit(rows, width)
    lines = [GAP.join(c.ljust(widths[c]) for c in columns).rstrip(),
             GAP.join("-" * widths[c] for c in columns)]
    for row in rows:
        wrapped = _wrap(row[WRAPPED], widths[WRAPPED]) if WRAPPED in columns else []
        first = [wrapped[0] if c == WRAPPED and wrapped else row[c] for c in columns]
        lines.append(GAP.join(value.ljust(widths[c]) for c, value in zip(columns, first, strict=True)).rstrip())
        for more in wrapped[1:]:
            lines.append(GAP.join((more if c == WRAPPED else "").ljust(widths[c]) for c in columns).rstrip())
        if WRAPPED not in columns and row[WRAPPED]:
            lines += [INDENT + line for line in _wrap(row[WRAPPED], width - len(INDENT))]
    return "\n".join(lines) + "\n"


def _fit(rows: Sequence[Row], width: int) -> tuple[tuple[str, ...], dict[str, int]]:
    widths = {c: max([len(c)] + [len(" ".join(row[c].split())) for row in rows]) for c in COLUMNS}
    for columns in LAYOUTS:
        used = sum(widths[c] for c in columns if c != WRAPPED) + len(GAP) * (len(columns) - 1)
        room = width - used
        if WRAPPED not in columns and room >= 0:
            return columns, widths
        if WRAPPED in columns and room >= min(MIN_WRAP_WIDTH, widths[WRAPPED]):
            return columns, {**widths, WRAPPED: min(widths[WRAPPED], room)}
    return LAYOUTS[-1], widths  # the name alone: it keeps its line however long


def _wrap(text: str, width: int) -> list[str]:
    # a word longer than the column is the only thing ever cut
    return textwrap.wrap(text, width=max(1, width), break_on_hyphens=False) or [""]
