"""Helpers for the privacy tests: a configuration, a SQLite file database, a person with everything stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailbot.config import Config, parse_config
from mailbot.outbox.queue import Outbox
from mailbot.store.db import Database, open_database
from mailbot.store.models import (
    Answer,
    Attendance,
    IncomingMessage,
    MeetingNotice,
    Note,
    OutboxMail,
    Participant,
    ReminderSent,
)
from mailbot.wording.templates import Templates
from tests.database import database_url

BOT = "leerkring@example.org"
ORGANISER = "organiser@example.org"
NOW = datetime(2025, 3, 1, 12, 0)  # naive UTC, as stored


def make_config(tmp_path: Path, **extra: Any) -> Config:
    raw: dict[str, Any] = {
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": BOT, "language": "nl"},
        "organisers": [{"name": "Organiser", "email": ORGANISER}],
        "imap": {"host": "127.0.0.1", "port": 1143, "security": "none", "username": "bot", "password": "imap-pw"},
        "smtp": {"host": "127.0.0.1", "port": 1025, "security": "none", "username": "", "password": ""},
        "database": {"url": database_url(tmp_path)},
        **extra,
    }
    return parse_config(raw, tmp_path / "config.yaml")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def db(config: Config) -> Iterator[Database]:
    database = open_database(config.database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def templates() -> Templates:
    return Templates()


def outbox(session: Any, config: Config, templates: Templates, now: datetime = NOW) -> Outbox:
    return Outbox(session, config, templates, now)


def mail_bytes(sender: str, subject: str, body: str, name: str = "Anna de Vries", message_id: str = "",
               in_reply_to: str = "") -> bytes:
    m = EmailMessage()
    m["From"] = f"{name} <{sender}>"
    m["To"] = BOT
    m["Subject"] = subject
    m["Date"] = "Sat, 01 Mar 2025 13:00:00 +0100"
    m["Message-ID"] = message_id or f"<{abs(hash((sender, subject, body)))}@{sender.split('@')[1]}>"
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content(body)
    return m.as_bytes()


@dataclass
class Stored:
    participant_id: int
    email: str


def store_person(db: Database, email: str = "anna@gemeente.example", now: datetime = NOW, uid: int = 1,
                 name: str = "Anna de Vries", organisation: str = "Gemeente Voorbeeld") -> Stored:
    """A participant with one of everything: answers (with history), notes, attendance, reminders, mail."""
    with db.session() as s:
        p = Participant(email=email, name=name, organisation=organisation, language="nl",
                        status="answered", registered_at=now - timedelta(days=10), updated_at=now)
        s.add(p)
        raw = mail_bytes(email, "Aanmelding leerkring", f"Graag meld ik mij aan. {name}, 06-1234567{uid}", name=name)
        m = IncomingMessage(folder="INBOX", uidvalidity=1, uid=uid, message_id=f"<m{uid}@gemeente.example>",
                            raw_hash=f"h{uid}", size=len(raw), raw=raw, sender=email, sender_name=name,
                            subject="Aanmelding leerkring", received_at=now - timedelta(days=10), kind="question",
                            rule="question", state="needs_human", reason="question: handed to the organiser",
                            excerpt=f"Graag meld ik mij aan. {name}, 06-1234567{uid}", marked=True,
                            digested=False, participant=p)
        s.add(m)
        s.flush()
        p.answers.append(Answer(question_id="organisation", value=organisation, message=m,
                                created_at=now - timedelta(days=9), current=False))
        p.answers.append(Answer(question_id="organisation", value=f"Provincie {uid}", message=m,
                                created_at=now - timedelta(days=8), current=True))
        p.answers.append(Answer(question_id="org_type", value="decentral", message=m,
                                created_at=now - timedelta(days=8), current=True))
        p.notes.append(Note(message=m, source="remark", text=f"Ik werk op dinsdag-{uid} niet.", flagged=True,
                            created_at=now - timedelta(days=8)))
        s.add(Attendance(participant_id=p.id, meeting_id="m1", status="declined", updated_at=now))
        s.add(ReminderSent(participant_id=p.id, meeting_id="m1", offset_key="7d", due_at=now, created_at=now))
        s.add(MeetingNotice(participant_id=p.id, meeting_id="m1", sequence=1, kind="update", created_at=now))
        s.add(OutboxMail(created_at=now - timedelta(days=10), kind="questionnaire", recipient=email,
                         message_id=f"<q{uid}@example.org>", subject="Re: Aanmelding leerkring",
                         raw=b"To: " + email.encode() + b"\r\n\r\nBeste Anna", body_text=f"Beste {name},",
                         state="sent", next_attempt_at=now, sent_at=now - timedelta(days=10), participant=p,
                         cause=m, attempts=1))
        s.add(OutboxMail(created_at=now, kind="reminder", recipient=email, message_id=f"<r{uid}@example.org>",
                         subject="Herinnering", raw=b"To: " + email.encode(), body_text=f"Beste {name},",
                         state="pending", next_attempt_at=now, participant=p, attempts=0))
        s.add(OutboxMail(created_at=now - timedelta(days=1), kind="digest", recipient=ORGANISER,
                         message_id=f"<d{uid}@example.org>", subject="Digest",
                         raw=b"...", body_text=f"Nieuw: {name} <{email}>", state="sent",
                         next_attempt_at=now, attempts=1, counts_for_limit=False))
        s.flush()
        return Stored(p.id, email)
