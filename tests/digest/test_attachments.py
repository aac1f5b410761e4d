"""deelnemers.csv and deelnemers.xlsx: every participant as the organiser reads them, in her language."""

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


def test_csv_is_dutch_excel_with_labels_and_one_row_per_participant(app: App, seed: Callable[..., None]) -> None:
    seed(seed_people)
    with app.db.read_session() as session:
        csv_file, _ = digest_attachments(session, app.config)
    assert csv_file.filename == "deelnemers.csv" and (csv_file.maintype, csv_file.subtype) == ("text", "csv")
    assert csv_file.content.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_file.content
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 4
    header = rows[0]
    assert header[:3] == ["Naam", "E-mailadres", "Organisatie"]
    anna = dict(zip(header, rows[1], strict=True))
    assert anna["Welke thema's zijn voor u het belangrijkst?"] == \
        "Cluster governance; Rolverdeling triple helix in de levensfasen van een cluster"
    assert anna["Kunt u bij alle vier de bijeenkomsten zijn?"] == "ja"
    assert anna["Welke concrete vragen wilt u in de leerkring bespreken?"] == "Twee regels\nantwoord"
    assert dict(zip(header, rows[2], strict=True))["Naam"].startswith("'=HYPERLINK")


def test_xlsx_has_participants_and_themes_with_text_that_stays_text(app: App, seed: Callable[..., None]) -> None:
    seed(seed_people)
    with app.db.read_session() as session:
        _, xlsx = digest_attachments(session, app.config, "en")
    assert xlsx.filename == "participants.xlsx"
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Participants", "Themes", "Who can help whom"]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(rows) == 4
    header = rows[0]
    assert [c.font.b for c in sheet[1]] == [True] * len(header)
    by_email = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_email["a@x.example"]["Can you attend all four meetings?"] == "yes"
    evil = sheet.cell(row=3, column=1)
    assert evil.value.startswith("=HYPERLINK") and evil.data_type == "s"  # shown, never run
    assert by_email["c@x.example"]["Name"] == "Cor Bel"  # a control character Excel refuses is dropped
