"""Fixtures for the export tests: a configured app on a SQLite file with a small, hostile circle.

Test modules ask for fixtures; they do not import from here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from mailbot.app import App, open_app
from mailbot.config import parse_config
from mailbot.store.models import Answer, Attendance, Note, Participant
from tests.database import database_url

REGISTERED = datetime(2027, 1, 15, 8, 30)  # naive UTC: 09:30 in Amsterdam
# What participants could type, as the acceptance check and OWASP's examples do
HOSTILE = ['=HYPERLINK("http://evil.test","klik hier")', "Twente;=1+1", "+31 6 12345678", "@SUM(A1:A9)",
           "-2+3 is wat we zoeken", "\t=cmd|' /C calc'!A0", "Regio Zwolle,=2+5", 'Noord "=1+2";=1+2',
           "a, -1", "\r=1"]


def config_dict(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "timezone": "Europe/Amsterdam",
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": [{"name": "Ingrid Smit", "email": "ingrid@organisatie.example"}],
        "imap": {"host": "127.0.0.1", "security": "none"},
        "smtp": {"host": "127.0.0.1", "security": "none"},
        "database": {"url": database_url(tmp_path)},
        "meetings": [
            {"id": "m1", "title": {"nl": "Bijeenkomst 1: Governance", "en": "Meeting 1: Governance"},
             "start": "2027-02-11 13:00", "end": "2027-02-11 17:00", "location": "Energy Valley"},
            {"id": "m2", "title": "Bijeenkomst 2: Financieren", "start": "2027-03-11 13:00",
             "end": "2027-03-11 17:00", "location": "Food Valley"},
        ],
    }
    raw.update(extra)
    return raw


@pytest.fixture
def app(tmp_path: Path) -> App:
    return open_app(parse_config(config_dict(tmp_path), tmp_path / "config.yaml"))


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config_dict(tmp_path), allow_unicode=True))
    path.chmod(0o600)
    return path


def _person(email: str, name: str, guess: str, status: str, answers: dict[str, Any]) -> Participant:
    p = Participant(email=email, name=name, organisation=guess, language="nl", status=status,
                    registered_at=REGISTERED, questionnaire_sent_at=REGISTERED, updated_at=REGISTERED)
    for question_id, value in answers.items():
        p.answers.append(Answer(question_id=question_id, value=value, created_at=REGISTERED, current=True))
    return p


@pytest.fixture
def circle(app: App) -> App:
    """Anna answered everything; Bram only the choices (his organisation is the domain guess);
    one participant per hostile text, in the organisation and the questions."""
    with app.db.session() as s:
        anna = _person("anna@gemeente.example", "Dr. Anna de Vries", "Gemeente", "answered", {
            "organisation": "Gemeente Enschede", "org_type": "decentral", "themes": ["governance", "facilitation"],
            "questions": "Hoe houden we bedrijven betrokken?\nEn wie betaalt?", "all_meetings": True,
            "phase": "growing"})
        anna.notes.append(Note(source="remark", text="Ik neem een collega mee.", created_at=REGISTERED))
        anna.notes.append(Note(source="organiser", text="Spreker in maart?", created_at=REGISTERED))
        bram = _person("bram@tudelft.example", "Bram Bakker", "Tudelft", "partially_answered", {
            "org_type": "knowledge", "themes": ["roles"], "all_meetings": False})
        s.add_all([anna, bram])
        for i, text in enumerate(HOSTILE):
            s.add(_person(f"p{i}@x.example", text, "", "answered",
                          {"organisation": text, "questions": text, "org_type": "company"}))
        s.flush()
        s.add_all([Attendance(participant_id=anna.id, meeting_id="m1", status="accepted", updated_at=REGISTERED),
                   Attendance(participant_id=bram.id, meeting_id="m1", status="declined", updated_at=REGISTERED),
                   Attendance(participant_id=bram.id, meeting_id="m2", status="tentative", updated_at=REGISTERED)])
    return app
