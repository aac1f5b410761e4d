"""`mailbot explain`: what mailbot reads in raw mail files, with nothing stored or sent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from mailbot.cli import main
from mailbot.store.db import open_database, utcnow
from mailbot.store.models import IncomingMessage, OutboxMail, Participant
from tests import FIXTURES
from tests.database import database_url

MAIL = FIXTURES / "mail"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A configuration on a SQLite file in tmp_path; no mail server is running (explain needs none)."""
    config = {
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": [{"name": "Ingrid Smit", "email": "ingrid@organisatie.example", "language": "nl"}],
        "imap": {"host": "127.0.0.1", "port": 1, "security": "none"},
        "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},
        "database": {"url": database_url(tmp_path)},
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    path.chmod(0o600)
    return path


def explain(config_file: Path, capsys: pytest.CaptureFixture[str], *files: Path) -> list[dict[str, Any]]:
    assert main(["--config", str(config_file), "explain", *map(str, files), "--format", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert isinstance(reports, list)
    return reports


def test_json_report_per_file_with_an_error_entry_for_bad_files(
    config_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(b"\x00\x01 no headers at all")
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    reports = explain(config_file, capsys, MAIL / "decline_meeting_nl.eml", garbage, empty,
                      tmp_path / "missing.eml", MAIL / "withdrawal_en.eml")
    assert [("error" in r) for r in reports] == [False, True, True, True, False]
    decline, *bad, withdrawal = reports
    assert decline["sender"] == "l.dekker@example.nl" and decline["language"] == "nl"
    assert decline["new_text"].startswith("Hallo,\n\nIk kan helaas niet bij de bijeenkomst")
    assert decline["sign_off"] == "Groet,\nLotte"
    assert decline["quote_header"].startswith("Op di 8 okt 2024 om 09:00 schreef Leerkring Utrecht")
    assert "afmelden" not in decline["new_text"] and "afmelden" in decline["quoted"]
    assert decline["kind"] and decline["rule"] and decline["would_do"]
    assert all(r["file"] and r["error"] for r in bad)
    assert withdrawal["kind"] == "withdrawal" and [f["kind"] for f in withdrawal["findings"]] == ["withdrawal"]


def test_facts_come_from_the_database_and_nothing_is_written(
    config_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = open_database(yaml.safe_load(config_file.read_text())["database"]["url"])
    with db.session() as session:
        session.add(Participant(email="tom.baker@example.com", name="Tom Baker", status="questionnaire_sent",
                                language="en", registered_at=utcnow(), updated_at=utcnow()))
    (report,) = explain(config_file, capsys, MAIL / "withdrawal_en.eml")
    assert report["participant_status"] == "questionnaire_sent"
    assert report["kind"] == "withdrawal" and "take the sender off" in report["would_do"]
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(IncomingMessage)) == 0
        assert session.scalar(select(func.count()).select_from(OutboxMail)) == 0
        assert session.scalar(select(Participant.status)) == "questionnaire_sent"


def test_text_report(config_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(b"nothing here")
    assert main(["--config", str(config_file), "explain", str(MAIL / "decline_meeting_nl.eml"), str(garbage)]) == 0
    out = capsys.readouterr().out
    assert "sender: l.dekker@example.nl" in out and "new text:\n  | Hallo," in out
    assert "kind: " in out and "would do: " in out
    assert f"== {garbage}\nerror: malformed mail" in out
