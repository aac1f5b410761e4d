"""Pending meeting changes in the database (``mailbot.meetings.change_review``), without servers: preview, yes, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mailbot.config import Config, parse_config
from mailbot.core.domain import ActionState
from mailbot.meetings.change_review import apply_change, pending, review_changes
from mailbot.meetings.reminders import RemindReport, queue_due_reminders
from mailbot.outbox.queue import Outbox
from mailbot.store.db import Database, open_database
from mailbot.store.models import Action, Attendance, OutboxMail, Participant, ReminderSent
from mailbot.wording.templates import Templates

NOW = datetime(2027, 2, 1, 9, 0)  # naive UTC, as stored


def meeting(start: str, end: str, location: str = "Energy Valley", mid: str = "m1") -> dict[str, str]:
    return {"id": mid, "title": "Bijeenkomst 1", "start": start, "end": end, "location": location}


def config_with(tmp_path: Path, *meetings: dict[str, str]) -> Config:
    return parse_config({
        "programme": {"name": "Leerkring", "address": "leerkring@example.org"},
        "organisers": [{"name": "Marloes", "email": "organiser@example.org"},
                       {"name": "Kees", "email": "kees@example.org", "language": "en"}],
        "imap": {"host": "127.0.0.1", "security": "none"}, "smtp": {"host": "127.0.0.1", "security": "none"},
        "database": {"url": f"sqlite:///{tmp_path / 'mailbot.db'}"}, "meetings": list(meetings),
        "reminders": {"before": ["7d", "1d"], "send_window": "00:00-23:59"},
    }, tmp_path / "config.yaml")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'mailbot.db'}")
    with database.session() as s:
        for i, email in enumerate(["anna@org.example", "bart@org.example"]):
            s.add(Participant(email=email, name=email.split("@")[0].title(), language="nl", status="answered",
                              registered_at=NOW - timedelta(days=30), updated_at=NOW,
                              questionnaire_sent_at=NOW - timedelta(days=30 - i)))
    yield database
    database.engine.dispose()


def step(db: Database, config: Config, now: datetime, what: Any) -> list[OutboxMail]:
    with db.session() as s:
        outbox = Outbox(s, config, Templates(), now)
        what(s, config, outbox, now)
        return list(outbox.queued)


def test_a_move_is_previewed_to_each_organiser_then_sent_once(tmp_path: Path, db: Database) -> None:
    before = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00"))
    step(db, before, NOW, review_changes)  # remembered as participants know it
    moved = config_with(tmp_path, meeting("2027-02-18 13:00", "2027-02-18 17:00"))
    previews = step(db, moved, NOW, review_changes)
    assert sorted(m.recipient for m in previews) == ["kees@example.org", "organiser@example.org"]
    nl = next(m for m in previews if m.recipient == "organiser@example.org")
    assert "2 deelnemers" in nl.body_text and "datum: 11 februari -> donderdag 18 februari" in nl.body_text
    assert "nieuwe datum: donderdag 18 februari (was 11 februari)" in nl.body_text  # the participant mail
    assert step(db, moved, NOW, review_changes) == [], "one preview per version"
    with db.read_session() as s:
        (waiting,) = pending(s, moved, Outbox(s, moved, Templates(), NOW), NOW)
    assert (waiting.meeting_id, waiting.kind, waiting.recipients) == ("m1", "update", 2)
    sent = step(db, moved, NOW, lambda s, c, o, n: apply_change(s, c, o, n, "m1"))
    assert sorted(m.recipient for m in sent) == ["anna@org.example", "bart@org.example"]
    assert step(db, moved, NOW, lambda s, c, o, n: apply_change(s, c, o, n, "m1")) == [], "nothing left to send"
    with db.read_session() as s:
        assert {a.state for a in s.scalars(select(Action))} == {ActionState.DONE}


def test_a_yes_to_an_older_version_sends_nothing(tmp_path: Path, db: Database) -> None:
    step(db, config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00")), NOW, review_changes)
    first = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00", "Food Valley"))
    step(db, first, NOW, review_changes)
    with db.read_session() as s:
        target = s.scalars(select(Action)).first().payload["target"]  # type: ignore[union-attr]
    second = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00", "Health Valley"))
    assert len(step(db, second, NOW, review_changes)) == 2, "a new preview for the new version"
    assert step(db, second, NOW, lambda s, c, o, n: apply_change(s, c, o, n, "m1", target)) == []


def test_the_new_date_gets_its_own_reminders_and_a_decline_is_asked_again(tmp_path: Path, db: Database) -> None:
    before = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00"))
    step(db, before, NOW, review_changes)
    seven_days_before = datetime(2027, 2, 4, 12, 5)
    sent = step(db, before, seven_days_before,
                lambda s, c, o, n: queue_due_reminders(s, c, o, n.replace(tzinfo=UTC), RemindReport()))
    assert len(sent) == 2
    with db.session() as s:
        bart = s.scalars(select(Participant).where(Participant.email == "bart@org.example")).one()
        s.add(Attendance(participant_id=bart.id, meeting_id="m1", status="declined", updated_at=NOW))
    moved = config_with(tmp_path, meeting("2027-02-18 13:00", "2027-02-18 17:00"))
    step(db, moved, seven_days_before, review_changes)
    held = RemindReport()
    step(db, moved, datetime(2027, 2, 11, 12, 5),
         lambda s, c, o, n: queue_due_reminders(s, c, o, n.replace(tzinfo=UTC), held))
    assert held.reminders == [] and held.held == ["m1"], "no reminders while the move waits for a yes"
    updates = step(db, moved, seven_days_before, lambda s, c, o, n: apply_change(s, c, o, n, "m1"))
    texts = {m.recipient: m.body_text for m in updates}
    assert "Kunt u op de nieuwe datum wel?" in texts["bart@org.example"]
    assert "Kunt u op de nieuwe datum wel?" not in texts["anna@org.example"]
    report = RemindReport()
    step(db, moved, datetime(2027, 2, 11, 12, 5),
         lambda s, c, o, n: queue_due_reminders(s, c, o, n.replace(tzinfo=UTC), report))
    assert report.reminders == [("anna@org.example", "m1", "7d")], "the 7d reminder again, for the new date"
    with db.read_session() as s:
        keys = sorted(r.offset_key for r in s.scalars(select(ReminderSent)))
    assert keys == ["7d", "7d@202702111200", "7d@202702111200"]


def test_after_her_no_the_same_version_is_not_previewed_again(tmp_path: Path, db: Database) -> None:
    step(db, config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00")), NOW, review_changes)
    edited = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00", "Food Valley"))
    step(db, edited, NOW, review_changes)
    with db.session() as s:
        for action in s.scalars(select(Action)):
            action.state = ActionState.DECLINED  # both organisers said NEE
    assert step(db, edited, NOW + timedelta(minutes=1), review_changes) == []
    again = config_with(tmp_path, meeting("2027-02-11 13:00", "2027-02-11 17:00", "Health Valley"))
    assert len(step(db, again, NOW + timedelta(minutes=2), review_changes)) == 2, "a new edit is news again"
