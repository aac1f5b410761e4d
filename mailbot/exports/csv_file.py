"""A Table as CSV bytes, in the dialect the reader's spreadsheet opens without an import wizard.

``excel-nl`` (the default) is what Dutch Excel opens with a double click: ``;`` between
cells (its list separator, since the comma is the decimal sign), UTF-8 with a byte order
mark (else accents turn into mojibake) and CRLF line ends. ``excel`` is the same with
commas, for English Excel; ``rfc4180`` is plain RFC 4180 (commas, CRLF, no BOM) for tools.
Every cell is made inert (``inert.inert``) whatever the dialect: the file may be opened
with any separator.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from mailbot.exports.inert import inert
from mailbot.exports.table import Cell, Table


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    bom: bool


CSV_DIALECTS = {
    "excel-nl": CsvDialect(delimiter=";", bom=True),
    "excel": CsvDialect(delimiter=",", bom=True),
    "rfc4180": CsvDialect(delimiter=",", bom=False),
}
DEFAULT_DIALECT = "excel-nl"
LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M"  # Excel in any locale reads this as a date and time


def csv_bytes(table: Table, dialect: str = DEFAULT_DIALECT) -> bytes:
    chosen = CSV_DIALECTS[dialect]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=chosen.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([inert(h) for h in table.header])
    writer.writerows([inert(_text(cell)) for cell in row] for row in table.rows)
    return (("\ufeff" if chosen.bom else "") + out.getvalue()).encode("utf-8")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime(LOCAL_TIME_FORMAT)
    return str(cell)
