"""Migrations: a fresh database is made at head, a v1 database is upgraded with its data, and the
models never drift from the newest revision (a forgotten migration fails here)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, inspect, select, text

from mailbot.cli import main
from mailbot.core.domain import Kind
from mailbot.store import schema
from mailbot.store.db import Database, open_database
from mailbot.store.models import Answer, IncomingMessage, Note, OutboxMail, Participant
from mailbot.store.schema import SchemaMismatch
from mailbot.store.upgrade import upgrade
from tests.database import database_url
from tests.fakes import FakeBot, config_dict
from tests.mails import mail
from tests.store import v1_models as v1

WHEN = datetime(2026, 11, 2, 9, 30)


def build_v1(url: str) -> None:
    """A database as v1 left it: its schema, no alembic_version, a participant halfway through."""
    engine = create_engine(url)
    v1.Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(v1.FolderState), [{"folder": "INBOX", "uidvalidity": 7, "last_uid": 3,
                                                          "first_pass_until": 0}])
        conn.execute(insert(v1.Participant), [{
            "email": "anna@org.example", "name": "Anna", "organisation": "Org", "language": "nl",
            "status": "questionnaire_sent", "registered_at": WHEN, "questionnaire_sent_at": WHEN,
            "updated_at": WHEN}])
        conn.execute(insert(v1.IncomingMessage), [{
            "folder": "INBOX", "uidvalidity": 7, "uid": 3, "message_id": "<a1@org.example>",
            "raw_hash": "0" * 64, "size": 10, "raw": b"raw", "sender": "anna@org.example", "sender_name": "Anna",
            "subject": "Aanmelding", "received_at": WHEN, "kind": "interest", "rule": "interest",
            "state": "handled", "reason": "", "excerpt": "", "participant_id": 1, "marked": True,
            "digested": False}])
        conn.execute(insert(v1.Answer), [{"participant_id": 1, "question_id": "motivation",
                                                     "value": "Leren", "message_id": 1, "created_at": WHEN,
                                                     "current": True}])
        conn.execute(insert(v1.Note), [{"participant_id": 1, "message_id": 1, "source": "remark",
                                                   "text": "Tot dan", "flagged": True, "created_at": WHEN}])
        conn.execute(insert(v1.OutboxMail), [{
            "created_at": WHEN, "kind": "questionnaire", "recipient": "anna@org.example",
            "message_id": "<q1@example.org>", "subject": "Vragenlijst", "raw": b"raw", "body_text": "",
            "state": "sent", "attempts": 1, "next_attempt_at": WHEN, "sent_at": WHEN, "last_error": "",
            "counts_for_limit": True, "participant_id": 1}])
    engine.dispose()


def test_the_revisions_read_at_start_are_alembics() -> None:
    """Start-up reads the revision files itself (no Alembic import): it must agree with Alembic."""
    from alembic.script import ScriptDirectory

    alembic = ScriptDirectory.from_config(schema.alembic_config())
    assert schema.head() == alembic.get_current_head()
    assert list(schema.revisions()) == [r.revision for r in reversed(list(alembic.walk_revisions()))]


def test_a_fresh_database_is_made_at_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(database_url(tmp_path))
    version = db.schema_version()
    assert version.current == schema.head() and version.versioned and version.up_to_date
    with db.engine.connect() as conn:
        assert schema.differences(conn) == []


def test_the_revisions_from_nothing_give_exactly_the_models(tmp_path: Path) -> None:
    """Models == head: change models.py without a revision and this fails (see migrations/README.md)."""
    db = Database(database_url(tmp_path))
    with db.engine.begin() as conn:
        schema.upgrade(conn)
    with db.engine.connect() as conn:
        assert schema.version_of(conn).up_to_date
        assert schema.differences(conn) == []


def test_a_v1_database_is_refused_then_upgraded_with_its_data_and_takes_mail(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    build_v1(url)
    with pytest.raises(SchemaMismatch, match=r"revision 0001, this mailbot needs .*run `mailbot upgrade`"):
        FakeBot.make(tmp_path, database={"url": url})

    db = Database(url)
    done = upgrade(db, tmp_path)
    assert done.before.current == schema.V1 and not done.before.versioned and done.changed
    assert done.backup is not None and done.backup.path.exists(), "backed up first, on every backend"
    assert done.backup.rows["participants"] == 1 and done.backup.rows["messages"] == 1
    with db.engine.connect() as conn:
        assert schema.version_of(conn).up_to_date
        assert schema.differences(conn) == []
    again = upgrade(db, tmp_path)
    assert not again.changed and again.backup is None, "a second upgrade has nothing to do"

    bot = FakeBot.make(tmp_path, database={"url": url})
    with bot.app.db.read_session() as session:
        anna = session.scalars(select(Participant)).one()
        assert (anna.email, anna.status) == ("anna@org.example", "questionnaire_sent")
        assert session.scalar(select(func.count()).select_from(Answer)) == 1
        assert session.scalars(select(Note)).one().participant_id == 1
        old = session.scalars(select(IncomingMessage)).one()
        assert (old.authenticity, old.findings, old.truncated) == ("unknown", None, False)
        assert session.scalars(select(OutboxMail)).one().after_id is None

    report = bot.receive(mail("piet@org.example", "Graag meld ik mij aan.\n\nPiet"))
    assert report.sent == 1 and [s.recipient for s in bot.smtp.sent] == ["piet@org.example"]
    with bot.app.db.read_session() as session:
        kinds = session.scalars(select(IncomingMessage.kind).order_by(IncomingMessage.id)).all()
    assert kinds == ["interest", Kind.INTEREST]


def test_a_database_older_than_v1_gets_its_missing_column(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    build_v1(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE folder_state DROP COLUMN first_pass_until"))
    engine.dispose()
    upgrade(Database(url), tmp_path)
    columns = {c["name"] for c in inspect(create_engine(url)).get_columns("folder_state")}
    assert "first_pass_until" in columns


def test_a_newer_database_is_refused_with_what_to_do(tmp_path: Path) -> None:
    db = open_database(database_url(tmp_path))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaMismatch, match="newer than this mailbot knows"):
        schema.require_current(db.schema_version())
    with pytest.raises(SchemaMismatch, match="newer"):
        upgrade(db, tmp_path)


def test_commands_refuse_an_old_database_and_upgrade_and_status_say_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    url = database_url(tmp_path)
    build_v1(url)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config_dict(tmp_path, database={"url": url})))
    path.chmod(0o600)
    assert main(["--config", str(path), "poll"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mailbot upgrade" in err, "one line that says what to do"
    assert main(["--config", str(path), "status"]) == 1
    assert "older than this mailbot's" in capsys.readouterr().out
    assert main(["--config", str(path), "upgrade", "--backup-dir", str(tmp_path)]) == 0
    assert f"upgraded from 0001 to {schema.head()}" in capsys.readouterr().out
    assert main(["--config", str(path), "status"]) == 0
    assert f"{schema.head()}, up to date" in capsys.readouterr().out


def test_a_database_at_0004_gains_meeting_edits_and_keeps_its_rows(tmp_path: Path) -> None:
    """The revision before the organiser's meeting edits (issue 26): upgraded with its data, and then her
    meeting changes by mail have somewhere to live."""
    from alembic import command

    url = database_url(tmp_path)
    build_v1(url)
    db = Database(url)
    with db.engine.begin() as conn:
        command.stamp(schema.alembic_config(conn), schema.V1)  # v1 predates Alembic, as in the field
        command.upgrade(schema.alembic_config(conn), "0004")
    with db.engine.connect() as conn:
        assert schema.version_of(conn).current == "0004"
        assert "meeting_edits" not in inspect(conn).get_table_names()
    before = upgrade(db, tmp_path).before
    assert before.current == "0004"
    with db.engine.connect() as conn:
        assert schema.version_of(conn).up_to_date and schema.differences(conn) == []
        assert conn.execute(text("SELECT count(*) FROM participants")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM meeting_edits")).scalar() == 0
