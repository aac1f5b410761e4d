"""The XLSX as the organiser opens it: two sheets, frozen and filterable, text that never runs."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from mailbot.app import App
from mailbot.exports.files import participants_xlsx
from mailbot.people.records import participant_records


def workbook(app: App, lang: str = "nl"):  # type: ignore[no-untyped-def]
    with app.db.read_session() as session:
        records = participant_records(session, app.config.questionnaire)
    return load_workbook(io.BytesIO(participants_xlsx(records, app.config, lang)))


def test_participants_sheet_is_frozen_filterable_and_fits(circle: App) -> None:
    book = workbook(circle)
    assert book.sheetnames == ["Deelnemers", "Thema's"]
    sheet = book.worksheets[0]
    last_column = sheet.cell(1, sheet.max_column).column_letter
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{last_column}13"
    widths = {sheet.cell(1, i).value: sheet.column_dimensions[sheet.cell(1, i).column_letter].width
              for i in range(1, sheet.max_column + 1)}
    assert 8 <= widths["Naam"] <= 60 and widths["E-mailadres"] >= len("bram@tudelft.example")
    registered = sheet.cell(2, 5)
    assert registered.value == datetime(2027, 1, 15, 9, 30) and registered.number_format == "yyyy-mm-dd hh:mm"


def test_no_formula_anywhere_and_hostile_text_is_text(circle: App) -> None:
    book = workbook(circle)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {c.value: c for c in book.worksheets[0]["A"]}
    evil = names['=HYPERLINK("http://evil.test","klik hier")']
    assert evil.data_type == "s" and evil.quotePrefix  # Excel's own "this is text" mark: editing keeps it text
    assert names["+31 6 12345678"].data_type == "s" and names["Twente;=1+1"].data_type == "s"


def test_themes_sheet_counts_each_option_of_every_choice_question(circle: App) -> None:
    sheet = workbook(circle, "en")["Themes"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("Question", "Answer", "Count", "Percentage (%)", "Answered by")
    themes = {r[1]: r[2] for r in rows if r[0] == "Which themes matter most to you?"}
    assert themes["Cluster governance"] == 1
    assert themes["Roles of the triple helix partners in a cluster's life phases"] == 1
    kinds = {r[1]: (r[2], r[3], r[4]) for r in rows if r[0] == "What type of organisation is that?"}
    assert kinds["Company"] == (10, 83, 12) and kinds["Central government"] == (0, 0, 12)
