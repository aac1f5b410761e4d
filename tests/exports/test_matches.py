"""Who can help whom as the organiser opens it: a sheet of the XLSX (read back with openpyxl) and a CSV
(``mailbot export --format csv --matches``), one row per match with the reasons, and the unmatched too."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from mailbot.app import App
from mailbot.store.models import Introduction
from tests.matching.circle import seed

HOSTILE = '=HYPERLINK("http://evil.test","klik")'


def seeded(app: App) -> dict[str, int]:
    with app.db.session() as session:
        ids = seed(session)
        session.add(Introduction(first_id=ids["Anna"], second_id=ids["Bram"], topic="MKB",
                                 created_at=datetime(2027, 2, 1)))
    return ids


def mailbot(config_file: Path, *args: str) -> bytes:
    command = [str(Path(sys.executable).with_name("mailbot")), "--config", str(config_file), "export", *args]
    return subprocess.run(command, capture_output=True, check=True).stdout


def test_the_workbook_has_a_sheet_of_matches_with_their_reasons(app: App, config_file: Path) -> None:
    seeded(app)
    book = load_workbook(io.BytesIO(mailbot(config_file, "--format", "xlsx")))
    assert book.sheetnames == ["Deelnemers", "Thema's", "Wie kan wie helpen"]
    sheet = book["Wie kan wie helpen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Vraag van", "Organisatie", "E-mailadres", "Kan geholpen worden door", "Organisatie (helper)",
                       "E-mailadres (helper)", "Onderwerp", "Score", "Waarom", "Voorgesteld",
                       "Wil niet voorgesteld worden")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:K{len(rows)}"
    by_pair = {(r[0], r[3]): r for r in rows[1:]}
    bram = by_pair[("Anna de Vries", "Bram Jansen")]
    assert bram[6] == "MKB, financiering, subsidie; thema: Financieren en investeren"
    assert str(bram[8]).splitlines()[0] == "gedeelde termen: MKB (1,4), financiering (1,2), subsidie (1,2)"
    assert (bram[9], bram[10]) == ("ja", None)
    assert by_pair[("Anna de Vries", "Ingrid Kok")][9:] == ("nee", "Ingrid Kok")
    assert by_pair[("Jan Peters", None)][6] == "(nog niemand gevonden)"
    assert [r[0] for r in rows[1:]] == ["Anna de Vries", "Anna de Vries", "Bram Jansen", "Carla Smit",
                                        "Frank de Wit", "Gemma Mulder", "Hans Visser", "Jan Peters", "Lotte Bos"]


def test_the_csv_of_matches_opens_in_excel_and_runs_nothing(app: App, config_file: Path) -> None:
    ids = seeded(app)
    with app.db.session() as session:
        from mailbot.store.models import Participant

        anna = session.get(Participant, ids["Anna"])
        assert anna is not None
        anna.name = HOSTILE
    data = mailbot(config_file, "--format", "csv", "--matches", "--lang", "en")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert {(r["Question of"], r["Can be helped by"]) for r in rows} >= {
        ("'" + HOSTILE, "Bram Jansen"), ("Bram Jansen", "Gemma Mulder"), ("Hans Visser", "Lotte Bos")}
    assert next(r for r in rows if r["Can be helped by"] == "Lotte Bos")["Why"].startswith(
        "shared terms: hydrogen (2.1), companies (2.1)")
    assert next(r for r in rows if r["Question of"] == "Carla Smit")["Topic"] == "(no one found yet)"
