"""Retention with a frozen clock: raw mail after raw_mail_days, everything after the last meeting."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from mailbot.app import open_app
from mailbot.engine.reports import participants, status
from mailbot.privacy.retention import (
    anonymise_after_last_meeting,
    last_meeting_end,
    purge_raw_mail,
    retention_job,
)
from mailbot.store.db import Database
from mailbot.store.models import Answer, IncomingMessage, Note, OutboxMail, Participant
from tests.privacy.conftest import NOW, make_config, store_person
from tests.privacy.test_forget import all_text

MEETINGS = [{"id": "m1", "title": "Start", "start": "2025-04-01 13:00", "end": "2025-04-01 17:00",
             "location": "Utrecht"},
            {"id": "m2", "title": "Slot", "start": "2025-06-10 13:00", "end": "2025-06-10 17:00",
             "location": "Utrecht"}]


def raw_kept(db: Database) -> dict[int, bool]:
    with db.read_session() as s:
        return {m.uid: m.raw is not None for m in s.scalars(select(IncomingMessage))}


def test_raw_mail_goes_after_the_configured_days_and_nothing_else(tmp_path: Path, db: Database) -> None:
    store_person(db, now=NOW)  # its message arrived ten days before NOW
    store_person(db, "bert@provincie.example", now=NOW + timedelta(days=30), uid=2, name="Bert Jansen")
    with db.session() as s:
        assert purge_raw_mail(s, NOW + timedelta(days=79), days=90) == 0
    with db.session() as s:
        assert purge_raw_mail(s, NOW + timedelta(days=81), days=90) == 1
    assert raw_kept(db) == {1: False, 2: True}
    with db.read_session() as s:
        message = s.scalar(select(IncomingMessage).where(IncomingMessage.uid == 1))
        assert message is not None and message.sender == "anna@gemeente.example", "the parsed record stays"
    with db.session() as s:
        assert purge_raw_mail(s, NOW + timedelta(days=81), days=90) == 0, "idempotent"


def test_last_meeting_end_is_utc(tmp_path: Path) -> None:
    config = make_config(tmp_path, meetings=MEETINGS)
    assert last_meeting_end(config) == datetime(2025, 6, 10, 15, 0)  # 17:00 in Amsterdam summer time
    assert last_meeting_end(make_config(tmp_path)) is None


def test_everyone_is_anonymised_a_period_after_the_last_meeting(tmp_path: Path, db: Database) -> None:
    config = make_config(tmp_path, meetings=MEETINGS, retention={"after_last_meeting_days": 365})
    store_person(db)
    store_person(db, "bert@provincie.example", uid=2, name="Bert Jansen", organisation="Provincie Zuid")
    due = datetime(2026, 6, 10, 15, 0)
    with db.session() as s:
        assert anonymise_after_last_meeting(s, config, due) == 0, "not a moment before"
    with db.session() as s:
        assert anonymise_after_last_meeting(s, config, due + timedelta(minutes=1)) == 2
    dump = all_text(db)
    for personal in ("anna@gemeente.example", "Anna de Vries", "Gemeente Voorbeeld", "bert@provincie.example",
                     "Bert Jansen", "Provincie Zuid", "06-1234567", "dinsdag"):
        assert personal not in dump, personal
    with db.read_session() as s:
        people = participants(s, config.questionnaire)
        assert len(people) == 2 and {p["status"] for p in people} == {"answered"}
        assert {p["answers"]["org_type"] for p in people} == {"decentral"}, "choices stay for the aggregate"
        assert {a.value for a in s.scalars(select(Answer).where(Answer.question_id == "organisation"))} == {""}
        assert {n.text for n in s.scalars(select(Note))} == {""}
        assert all(m.raw is None and m.body_text == "" for m in s.scalars(select(OutboxMail))
                   if m.state != "pending")
        assert status(s)["messages"]["total"] == 2
    with db.session() as s:
        assert anonymise_after_last_meeting(s, config, due + timedelta(days=1)) == 0, "idempotent"
        assert s.scalar(select(Participant.id).where(Participant.email.like("%@gemeente.example"))) is None


def test_the_job_runs_everything_once_and_a_dry_run_changes_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path, meetings=MEETINGS)
    app = open_app(config)
    store_person(app.db)
    late = datetime(2026, 7, 1, 3, 30)
    dry = retention_job(app.db, app.config, now=late, dry_run=True)
    assert dry.raw_mail_purged == 1 and dry.anonymised == 1
    assert raw_kept(app.db) == {1: True}
    with app.db.read_session() as s:
        assert s.scalar(select(Participant.email)) == "anna@gemeente.example"
    done = retention_job(app.db, app.config, now=late)
    assert done.as_dict() == dry.as_dict()
    assert raw_kept(app.db) == {1: False}
    assert retention_job(app.db, app.config, now=late).anonymised == 0
    app.db.engine.dispose()
