"""Fixtures for the briefing tests: the circle's config and its participants as export records.

Test modules ask for fixtures; they do not import from here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mailbot.app import App, open_app
from mailbot.config import Config, parse_config
from mailbot.people.records import ParticipantRecord
from mailbot.store.models import Answer, Attendance, Note, Participant
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


REGISTERED = datetime(2026, 11, 1, 9, 0)


@pytest.fixture
def circle_app(tmp_path: Path) -> Callable[[int], App]:
    """``circle_app(smtp_port)``: an app on a SQLite file holding the circle, as the poll would leave it."""

    def make(smtp_port: int) -> App:
        return seeded(open_app(parse_config(circle_config(tmp_path, smtp_port), tmp_path / "config.yaml")))

    return make


def seeded(app: App) -> App:
    """The circle's participants, answers and declines, and one question by mail naming meeting 1."""
    with app.db.session() as session:
        for p in CIRCLE:
            row = Participant(email=p["email"], name=p["name"], organisation="", language="nl", status=p["status"],
                              registered_at=REGISTERED, updated_at=REGISTERED)
            row.answers = [Answer(question_id=q, value=v, created_at=REGISTERED, current=True)
                           for q, v in p["answers"].items()]
            session.add(row)
            session.flush()
            session.add_all(Attendance(participant_id=row.id, meeting_id=m, status=s, updated_at=REGISTERED)
                            for m, s in p["attendance"].items())
            if p["i"] == 3:
                session.add(Note(participant_id=row.id, source="question", flagged=True, created_at=REGISTERED,
                                 text="Is er bij de eerste bijeenkomst ook een rondleiding door Energy Valley?"))
    return app
