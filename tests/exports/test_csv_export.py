"""The CSV as Dutch Excel opens it: ';', BOM, CRLF, labels in her language, one organisation, nothing runs."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

from mailbot.app import App
from mailbot.exports.files import participants_csv
from mailbot.people.records import participant_records

DANGER = ("=", "+", "-", "@", "\t", "\r")


def export(app: App, lang: str = "nl", **options: object) -> bytes:
    with app.db.read_session() as session:
        records = participant_records(session, app.config.questionnaire)
    return participants_csv(records, app.config, lang, **options)  # type: ignore[arg-type]


def rows_of(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    return list(reader)


def test_the_default_is_what_dutch_excel_opens(circle: App) -> None:
    data = export(circle)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") >= 13 and "\n" not in text.replace("\r\n", "").replace("\nEn wie", "")
    header = text.split("\r\n", 1)[0]
    assert header.count(";") > header.count(",")


def test_one_organisation_the_answer_or_a_marked_guess(circle: App) -> None:
    rows = rows_of(export(circle))
    assert [h for h in rows[0] if h.lower().startswith("organisatie")] == ["Organisatie"]
    by_email = {r["E-mailadres"]: r for r in rows}
    assert by_email["anna@gemeente.example"]["Organisatie"] == "Gemeente Enschede"
    assert by_email["bram@tudelft.example"]["Organisatie"] == "Tudelft (vermoedelijk)"
    assert "Bij welke organisatie werkt u?" not in rows[0]


def test_labels_words_and_local_times_in_the_organisers_language(circle: App) -> None:
    anna = next(r for r in rows_of(export(circle)) if r["E-mailadres"] == "anna@gemeente.example")
    assert anna["Wat voor organisatie is dat?"] == "Provincie, gemeente of regio"
    assert anna["Welke thema's zijn voor u het belangrijkst?"] == \
        "Cluster governance; Faciliteren en stimuleren van groei (beleidsinstrumenten)"
    assert anna["Kunt u bij alle vier de bijeenkomsten zijn?"] == "ja"
    assert anna["Status"] == "ingevuld" and anna["Taal"] == "Nederlands"
    assert anna["Aangemeld op"] == "2027-01-15 09:30"  # 08:30 UTC in Amsterdam
    assert anna["Opmerkingen en vragen"] == "Ik neem een collega mee."
    assert anna["Notities organisatie"] == "Spreker in maart?"
    assert anna["Aanwezigheid – Bijeenkomst 1: Governance"] == "verwacht"
    english = rows_of(export(circle, "en"))
    bram = next(r for r in english if r["Email address"] == "bram@tudelft.example")
    assert bram["Can you attend all four meetings?"] == "no" and bram["Organisation"] == "Tudelft (guessed)"
    assert bram["Attendance – Meeting 1: Governance"] == "not attending"
    assert bram["Attendance – Bijeenkomst 2: Financieren"] == "not sure"  # a maybe


def test_ids_for_machines_only_when_asked(circle: App) -> None:
    assert not any(h.endswith("_id") for h in rows_of(export(circle))[0])
    anna = next(r for r in rows_of(export(circle, ids=True)) if r["E-mailadres"] == "anna@gemeente.example")
    assert anna["themes_id"] == "governance;facilitation" and anna["org_type_id"] == "decentral"
    assert anna["all_meetings_id"] == "true" and anna["status_id"] == "answered"
    assert anna["m1_attendance_id"] == "expected" and anna["m2_attendance_id"] == "expected"


def test_other_dialects(circle: App) -> None:
    excel = export(circle, dialect="excel")
    assert excel.startswith(b"\xef\xbb\xbf") and rows_of(excel, ",")[0]["Naam"] == "Dr. Anna de Vries"
    plain = export(circle, dialect="rfc4180")
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" in plain
    assert rows_of(plain, ",")[0]["Organisatie"] == "Gemeente Enschede"


def test_no_cell_starts_a_formula_whatever_the_separator(circle: App) -> None:
    text = export(circle).decode("utf-8-sig")
    for delimiter in (";", ",", "\t"):
        cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row]
        assert not [c for c in cells if c.startswith(DANGER)], delimiter
    assert "Twente;'=1+1" in text and "Regio Zwolle,'=2+5" in text


def test_libreoffice_reads_text_not_formulas(circle: App, tmp_path: Path, soffice: str) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "deelnemers.csv"
    source.write_bytes(export(circle))
    # CSV filter options: separator 59 (';'), text delimiter 34 ('"'), charset 76 (UTF-8), from line 1
    converted = libreoffice_convert(soffice, source, "xlsx:Calc MS Excel 2007 XML", "59,34,76,1", tmp_path)
    sheet = load_workbook(converted).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [str(c.value) for c in cells]
    assert "Twente;'=1+1" in values and "'=HYPERLINK(\"http://evil.test\",\"klik hier\")" in values
    assert "2" not in values and "7" not in values  # nothing was evaluated (=1+1, =2+5)
    for delimiter in ("44", "9"):  # the same file read as if ',' or tab were the separator
        misread = libreoffice_convert(soffice, source, "xlsx:Calc MS Excel 2007 XML", f"{delimiter},34,76,1",
                                      tmp_path / delimiter)
        book = load_workbook(misread).worksheets[0]
        assert not [c.coordinate for row in book.iter_rows() for c in row if c.data_type == "f"], delimiter


def libreoffice_convert(soffice: str, source: Path, target: str, options: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    profile = out / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--infilter=CSV:" + options,
                    "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return out / (source.stem + ".xlsx")
