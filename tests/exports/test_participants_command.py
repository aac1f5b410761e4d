"""``mailbot participants``: TSV when piped, readable columns in an 80-column terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from mailbot.app import App
from mailbot.exports.terminal import as_columns, participant_rows
from mailbot.people.records import participant_records

LONG = "Mr. Maximiliaan Alexander van Oldenbarnevelt-Tot Bergh"


def mailbot(config_file: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("mailbot")), "--config", str(config_file), *args]


def test_piped_it_is_tsv_with_a_header_and_one_line_per_participant(circle: App, config_file: Path) -> None:
    out = subprocess.run(mailbot(config_file, "participants"), capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].split("\t") == ["name", "email", "organisation", "status", "required", "registered"]
    assert len(lines) == 13 and all(line.count("\t") == 5 for line in lines)
    anna = dict(zip(lines[0].split("\t"), lines[1].split("\t"), strict=True))
    assert anna["organisation"] == "Gemeente Enschede" and anna["required"] == "5/5"


def test_in_an_80_column_terminal_every_name_keeps_its_line(circle: App, config_file: Path) -> None:
    with circle.db.session() as s:
        from mailbot.store.db import utcnow
        from mailbot.store.models import Participant

        s.add(Participant(email="max@provincie-zuid-holland.example", name=LONG, status="answered",
                          organisation="Provincie Zuid-Holland, directie Economie en Innovatie",
                          registered_at=utcnow(), updated_at=utcnow()))
    screen = run_in_terminal(mailbot(config_file, "participants"), columns=80)
    lines = screen.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    for name in ("Dr. Anna de Vries", "Bram Bakker", LONG):
        assert any(name in line for line in lines), name
    assert any("Provincie Zuid-Holland," in line for line in lines)  # wrapped between words, not cut


def test_narrow_terminals_drop_columns_before_names_break(circle: App) -> None:
    with circle.db.read_session() as session:
        records = participant_records(session, circle.config.questionnaire)
    rows = participant_rows(records, circle.config.questionnaire, circle.config.timezone)
    longest = max(len(row["name"]) for row in rows)
    for width in (40, 60, 80, 120):
        text = as_columns(rows, width)
        assert all(row["name"] in text for row in rows)
        assert all(len(line) <= max(width, longest) for line in text.splitlines()), width


def run_in_terminal(argv: list[str], columns: int) -> str:
    """Run ``argv`` with a pseudo-terminal as its stdout (``isatty`` true), ``columns`` wide."""
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS=str(columns), LINES="50")
    proc = subprocess.Popen(argv, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.wait(30) == 0, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks).decode().replace("\r\n", "\n")
