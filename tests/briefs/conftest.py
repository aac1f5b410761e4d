"""Fixtures for the briefing tests: the circle's config and its participants as export records.

Test modules ask for fixtures; they do not import from here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mailbot.config import Config, parse_config
from mailbot.exports.records import ParticipantRecord
from tests.briefs.circle import CIRCLE, meetings

ORGANISERS = [{"name": "Ingrid Smit", "email": "ingrid@organisatie.example", "language": "nl"},
              {"name": "Tom Baker", "email": "tom@organisatie.example", "language": "en"}]


def circle_config(tmp_path: Path, smtp_port: int = 2525, **extra: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": ORGANISERS,
        "imap": {"host": "127.0.0.1", "security": "none"},
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none"},
        "database": {"url": f"sqlite:///{tmp_path / 'mailbot.db'}"},
        "meetings": meetings(),
    }
    raw.update(extra)
    return raw


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return parse_config(circle_config(tmp_path), tmp_path / "config.yaml")


@pytest.fixture
def records() -> list[ParticipantRecord]:
    at = datetime(2026, 11, 1, 9, 0)
    return [ParticipantRecord(id=p["i"] + 1, email=p["email"], name=p["name"], guessed_organisation="Regio",
                              language="nl", status=p["status"], registered_at=at + timedelta(minutes=p["i"]),
                              answers=p["answers"], attendance=p["attendance"]) for p in CIRCLE]
