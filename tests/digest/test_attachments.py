"""deelnemers.csv and deelnemers.xlsx: every participant with their answers, readable back."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from openpyxl import load_workbook

from mailbot.app import App
from mailbot.digest.send import digest_attachments


def seed_people(c) -> None:  # type: ignore[no-untyped-def]
    c.person("a@x.example", "Anna", answers={"themes": ["governance", "roles"], "all_meetings": True,
                                             "questions": "Twee regels\nantwoord"})
    c.person("b@x.example", "=HYPERLINK(\"http://evil.example\",\"klik\")", "questionnaire_sent")
    c.person("c@x.example", "Cor\x07 Bel", "withdrawn", answers={"phase": "mature"})


def test_csv_has_a_header_and_one_row_per_participant(app: App, seed: Callable[..., None]) -> None:
    seed(seed_people)
    with app.db.read_session() as session:
        csv_file, _ = digest_attachments(session, app.config)
    assert csv_file.filename == "deelnemers.csv" and (csv_file.maintype, csv_file.subtype) == ("text", "csv")
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4
    header = rows[0]
    assert header[:2] == ["email", "name"] and "themes" in header and "questions" in header
    anna = dict(zip(header, rows[1], strict=True))
    assert anna["themes"] == "governance; roles" and anna["questions"] == "Twee regels\nantwoord"


def test_xlsx_is_one_sheet_with_a_frozen_header_and_text_that_stays_text(app: App, seed: Callable[..., None]) -> None:
    seed(seed_people)
    with app.db.read_session() as session:
        _, xlsx = digest_attachments(session, app.config)
    assert xlsx.filename == "deelnemers.xlsx"
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(rows) == 4
    header = rows[0]
    assert [c.font.b for c in sheet[1]] == [True] * len(header)
    by_email = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_email["a@x.example"]["all_meetings"] == "ja"
    assert by_email["a@x.example"]["themes"] == "governance; roles"
    evil = sheet.cell(row=3, column=2)
    assert evil.value.startswith("=HYPERLINK") and evil.data_type == "s"  # shown, never run
    assert by_email["c@x.example"]["name"] == "Cor Bel"  # a control character Excel refuses is dropped
