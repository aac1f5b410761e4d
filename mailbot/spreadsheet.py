"""Participants and their answers as an Excel workbook: the same columns as the CSV export, one sheet.

The header row is frozen and filterable. Everything a participant wrote is stored
as text, never as a formula: a name like ``=HYPERLINK(...)`` stays a name.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mailbot.answers.questionnaire import Questionnaire
from mailbot.reports import participant_columns

SHEET_TITLE = "deelnemers"
MAX_COLUMN_WIDTH = 60


def _value(value: Any) -> str | int:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return str(ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value)))


def participants_xlsx(records: Sequence[dict[str, Any]], questionnaire: Questionnaire) -> bytes:
    """``records`` as ``reports.participants`` returns them -> the bytes of an .xlsx file."""
    base, question_ids = participant_columns(questionnaire)
    header = [*base, *question_ids]
    rows = [[_value(r.get(k)) for k in base] + [_value(r["answers"].get(q)) for q in question_ids] for r in records]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        longest = max([len(name)] + [len(str(row[index - 1])) for row in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_COLUMN_WIDTH, longest + 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    bold = Font(bold=True)
    sheet.append([_header_cell(sheet, name, bold) for name in header])
    for row in rows:
        sheet.append([_text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header_cell(sheet: Any, name: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=name)
    cell.font = font
    return cell


def _text_cell(sheet: Any, text: str) -> WriteOnlyCell | str:
    if not text.startswith("="):
        return text  # openpyxl stores plain strings as text; only a leading "=" would become a formula
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell
