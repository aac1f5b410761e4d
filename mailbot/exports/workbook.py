"""A Table as an Excel workbook: the participants on the first sheet, the counts per option on the second,
who can help whom on the third (when the caller has the matches).

The header row is frozen and filterable and the columns are as wide as their
content (within reason). Everything a participant wrote is a text cell, never a
formula: a name like ``=HYPERLINK(...)`` stays a name; text that *starts* like a
formula also gets Excel's own quote prefix (the invisible ``'``), so editing the
cell later cannot turn it into one either.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mailbot.answers.inventory import distribution
from mailbot.answers.questionnaire import CHOICE_TYPES, Questionnaire
from mailbot.exports.bars import percent
from mailbot.exports.inert import starts_formula
from mailbot.exports.table import Cell, Table
from mailbot.exports.wording import HEADERS, MATCHES_SHEET, PARTICIPANTS_SHEET, THEMES_SHEET, words
from mailbot.people.records import ParticipantRecord

MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
MAX_HEADER_WIDTH = 30  # a long question as header wraps instead of widening its column
DATE_FORMAT = "yyyy-mm-dd hh:mm"
_BOLD = Font(bold=True)
_HEADER = Alignment(wrap_text=True, vertical="top")
_BODY = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(table: Table, themes: Table, lang: str, matches: Table | None = None) -> bytes:
    lang = words(lang)
    book = Workbook(write_only=True)
    _sheet(book, PARTICIPANTS_SHEET[lang], table)
    _sheet(book, THEMES_SHEET[lang], themes)
    if matches is not None:
        _sheet(book, MATCHES_SHEET[lang], matches)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def themes_table(records: Sequence[ParticipantRecord], questionnaire: Questionnaire, lang: str) -> Table:
    """How many chose each option of every choice question; withdrawn participants are not counted."""
    lang = words(lang)
    h = HEADERS[lang]
    counted = [r for r in records if r.status != "withdrawn"]
    rows: list[tuple[Cell, ...]] = []
    for question in questionnaire.questions:
        if question.type not in CHOICE_TYPES:
            continue
        d = distribution(question, counted, lang)
        rows += [(question.text(lang), o.label, o.count, percent(o.count, d.answered), d.answered)
                 for o in d.options]
    return Table(header=(h["question"], h["option"], h["count"], h["percent"], h["answered"]), rows=tuple(rows))


def _sheet(book: Workbook, title: str, table: Table) -> None:
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(table.header, start=1):
        longest = max([min(len(header), MAX_HEADER_WIDTH)] + [_width(row[index - 1]) for row in table.rows[:1000]])
        width = max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(table.header)))}{len(table.rows) + 1}"
    sheet.append([_cell(sheet, header, _BOLD, _HEADER) for header in table.header])
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])


def _width(value: Cell) -> int:
    if isinstance(value, datetime):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value if value is not None else "").splitlines()), default=0)


def _cell(sheet: Any, value: Cell, font: Font | None = None, alignment: Alignment = _BODY) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=..." a formula
        if starts_formula(value):
            cell.quotePrefix = True
        if "\n" in value or len(value) > MAX_COLUMN_WIDTH:
            cell.alignment = alignment
    elif isinstance(value, datetime):
        cell.number_format = DATE_FORMAT
    if font is not None:
        cell.font = font
        cell.alignment = alignment
    return cell
