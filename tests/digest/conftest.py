"""Fixtures for the digest tests: an app on a SQLite file, the SMTP sink, and a way to seed a circle.

Test modules ask for fixtures; they do not import from here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.app import App, open_app
from mailbot.config import parse_config
from mailbot.demo.servers import SmtpSink
from mailbot.digest.send import DigestResult, preview_digest, queue_digest
from mailbot.store.db import utcnow
from mailbot.store.models import Answer, IncomingMessage, Note, Participant
from mailbot.wording.templates import Rendered
from tests.database import database_url

ORGANISERS = [{"name": "Ingrid Smit", "email": "ingrid@organisatie.example", "language": "nl"},
              {"name": "Tom Baker", "email": "tom@organisatie.example", "language": "en"}]


def config_dict(tmp_path: Path, smtp_port: int, **extra: Any) -> dict[str, Any]:
    start = (utcnow() + timedelta(days=10)).strftime("%Y-%m-%d")
    raw: dict[str, Any] = {
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": ORGANISERS,
        "imap": {"host": "127.0.0.1", "security": "none"},
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none"},
        "database": {"url": database_url(tmp_path)},
        "meetings": [{"id": "m1", "title": "Bijeenkomst 1: Cluster governance", "start": f"{start} 13:00",
                      "end": f"{start} 17:00", "location": "Energy Valley", "address": "Stationsplein 1, Groningen"}],
    }
    raw.update(extra)
    return raw


@pytest.fixture
def make_app(tmp_path: Path, smtp: SmtpSink) -> Callable[..., App]:
    def make(**extra: Any) -> App:
        return open_app(parse_config(config_dict(tmp_path, smtp.port, **extra), tmp_path / "config.yaml"))

    return make


@pytest.fixture
def config_file(tmp_path: Path, smtp: SmtpSink) -> Path:
    """The same configuration as ``app``, as a file for the ``mailbot`` command."""
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config_dict(tmp_path, smtp.port), allow_unicode=True))
    path.chmod(0o600)
    return path


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app()


class Circle:
    """Writes participants, answers and messages the way the poll would leave them."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self._uid = 0

    def person(self, email: str, name: str, status: str = "answered", answers: dict[str, Any] | None = None,
               *, organisation: str = "", at: datetime | None = None) -> Participant:
        at = at or self.now
        p = Participant(email=email, name=name, organisation=organisation, language="nl", status=status,
                        registered_at=at, questionnaire_sent_at=at, updated_at=at)
        for question_id, value in (answers or {}).items():
            p.answers.append(Answer(question_id=question_id, value=value, created_at=at, current=True))
        self.session.add(p)
        self.session.flush()
        return p

    def message(self, *, state: str, kind: str, sender: str = "iemand@example.net", sender_name: str = "Iemand",
                subject: str = "Een vraag", excerpt: str = "Tekst", reason: str = "",
                participant: Participant | None = None, at: datetime | None = None) -> IncomingMessage:
        self._uid = max(self._uid, self.session.scalar(select(func.max(IncomingMessage.uid))) or 0) + 1
        at = at or self.now
        m = IncomingMessage(folder="INBOX", uidvalidity=1, uid=self._uid, message_id=f"<m{self._uid}@example.net>",
                            raw_hash=f"h{self._uid}", received_at=at, sent_date=at, sender=sender,
                            sender_name=sender_name, subject=subject, excerpt=excerpt, kind=kind, state=state,
                            reason=reason, participant=participant)
        self.session.add(m)
        self.session.flush()
        return m

    def note(self, participant: Participant, text: str, *, source: str = "question", flagged: bool = True,
             message: IncomingMessage | None = None, at: datetime | None = None) -> Note:
        note = Note(participant=participant, message=message, source=source, text=text, flagged=flagged,
                    created_at=at or self.now)
        self.session.add(note)
        self.session.flush()
        return note


@pytest.fixture
def seed(app: App) -> Callable[[Callable[[Circle], None]], None]:
    """``seed(lambda c: c.person(...))``: run the writer in one committed transaction."""
    def run(write: Callable[[Circle], None], now: datetime | None = None) -> None:
        with app.db.session() as session:
            write(Circle(session, now or utcnow()))

    return run


def send_digest(app: App, **kwargs: Any) -> DigestResult:
    """Queue the digest as the command does, and send it."""
    result = queue_digest(app.db, app.config, app.templates, **kwargs)
    if result.queued:
        app.drain()
    return result


def preview(app: App, lang: str | None = None) -> Rendered:
    return preview_digest(app.db, app.config, app.templates, lang=lang)
