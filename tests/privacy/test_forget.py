"""forget_person on a SQLite file: everything about one person goes, a hash stays, the rest keeps working."""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from mailbot.config import Config
from mailbot.engine.reports import messages, participants, status
from mailbot.outbox.queue import address_hash
from mailbot.privacy.export import person_export
from mailbot.privacy.forget import blank_delivered_to_suppressed, forget_person, is_suppressed
from mailbot.store.db import Database
from mailbot.store.models import (
    Answer,
    Attendance,
    Event,
    IncomingMessage,
    MeetingNotice,
    Note,
    OutboxMail,
    Participant,
    ReminderSent,
    Suppression,
)
from mailbot.wording.templates import Templates
from tests.privacy.conftest import NOW, ORGANISER, outbox, store_person


def count(db: Database, table: type) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def all_text(db: Database) -> str:
    """Every stored value of every table, as one string: personal data must not be anywhere in it."""
    with db.engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        dump: list[str] = []
        for table in tables:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                dump.extend(v.decode(errors="replace") if isinstance(v, bytes) else str(v) for v in row)
    return "\n".join(dump)


def test_forget_removes_the_person_everywhere_and_keeps_a_hash(db: Database, config: Config) -> None:
    anna = store_person(db)
    store_person(db, "bert@provincie.example", uid=2, name="Bert Jansen", organisation="Provincie Zuid")
    with db.session() as s:
        report = forget_person(s, "Anna@Gemeente.example ", NOW, reason="test")

    assert report.was_participant and report.participant_id == anna.participant_id
    removed = (report.answers, report.notes, report.attendance, report.reminders, report.meeting_notices)
    assert removed == (3, 1, 1, 1, 1)
    assert report.messages == 1 and report.outbox_blanked == 1 and report.outbox_cancelled == 1
    assert report.mentions == 1 and report.newly_suppressed
    dump = all_text(db)
    for personal in ("anna@gemeente.example", "Anna de Vries", "Gemeente Voorbeeld", "Provincie 1",
                     "06-12345671", "dinsdag-1", "<m1@gemeente.example>"):
        assert personal not in dump, personal
    assert "bert@provincie.example" in dump, "the other participant is untouched"
    with db.read_session() as s:
        assert s.get(Suppression, address_hash("anna@gemeente.example")) is not None
        assert is_suppressed(s, "ANNA@gemeente.example")
        assert s.scalar(select(func.count()).select_from(Answer).where(
            Answer.participant_id == anna.participant_id)) == 0
        for table in (Note, Attendance, ReminderSent, MeetingNotice):
            assert s.scalar(select(func.count()).select_from(table).where(
                table.participant_id == anna.participant_id)) == 0  # type: ignore[attr-defined]
        erased = s.scalar(select(IncomingMessage).where(IncomingMessage.uid == 1))
        assert erased is not None and erased.raw is None and erased.kind == "question"
        assert erased.state == "handled" and erased.digested, "nothing left for the organiser to act on"
        pending = s.scalar(select(OutboxMail).where(OutboxMail.message_id == "<r1@example.org>"))
        assert pending is not None and pending.state == "cancelled" and pending.raw is None
        assert pending.recipient == address_hash("anna@gemeente.example")
        digest = s.scalar(select(OutboxMail).where(OutboxMail.message_id == "<d1@example.org>"))
        assert digest is not None and digest.recipient == ORGANISER and digest.body_text == ""
        event = s.scalar(select(Event).where(Event.what == "forget"))
        assert event is not None and event.detail.startswith("test: a participant; answers 3")
        assert "@" not in event.detail and "#" not in event.detail


def test_the_rest_keeps_working_after_forgetting(db: Database, config: Config) -> None:
    store_person(db)
    store_person(db, "bert@provincie.example", uid=2, name="Bert Jansen", organisation="Provincie Zuid")
    with db.session() as s:
        forget_person(s, "anna@gemeente.example", NOW, reason="test")
    with db.read_session() as s:
        assert [p["email"] for p in participants(s, config.questionnaire)] == ["bert@provincie.example"]
        assert len(messages(s)) == 2
        data = status(s)
        assert data["messages"]["total"] == 2 and data["needs_human"] == 1
        assert person_export(s, "bert@provincie.example", config.questionnaire, NOW) is not None
        gone = person_export(s, "anna@gemeente.example", config.questionnaire, NOW)
        assert gone is not None and gone["participant"] is None and not gone["messages"] and not gone["outbox"]
        assert gone["suppressed_since"] is not None


def test_forgetting_twice_or_a_stranger_is_safe(db: Database) -> None:
    store_person(db)
    with db.session() as s:
        forget_person(s, "anna@gemeente.example", NOW, reason="test")
    with db.session() as s:
        again = forget_person(s, "anna@gemeente.example", NOW, reason="test")
        stranger = forget_person(s, "nobody@elsewhere.example", NOW, reason="test")
    assert not again.was_participant and not again.newly_suppressed and again.messages == 0
    assert not stranger.was_participant and stranger.newly_suppressed
    assert count(db, Suppression) == 2 and count(db, Participant) == 0


def test_suppressed_address_gets_no_questionnaire_and_no_question_ack(
        db: Database, config: Config, templates: Templates) -> None:
    with db.session() as s:
        forget_person(s, "anna@gemeente.example", NOW, reason="test")
    with db.session() as s:
        box = outbox(s, config, templates)
        assert box.suppressed("Anna@gemeente.example")
        box.prefetch(["anna@gemeente.example", "bert@provincie.example"])
        assert box.suppressed("anna@gemeente.example") and not box.suppressed("bert@provincie.example")


def test_mail_sent_after_forgetting_is_blanked_later(db: Database, config: Config, templates: Templates) -> None:
    with db.session() as s:
        forget_person(s, "anna@gemeente.example", NOW, reason="test")
        done = outbox(s, config, templates).queue(kind="forget_done", template="forget_done",
                                                  to_address="anna@gemeente.example", to_name="", lang="nl",
                                                  context={}, counts_for_limit=False)
    with db.session() as s:
        assert blank_delivered_to_suppressed(s) == 0, "a pending mail must go out first"
        s.get(OutboxMail, done.id).state = "sent"  # type: ignore[union-attr]
    with db.session() as s:
        assert blank_delivered_to_suppressed(s) == 1
    with db.read_session() as s:
        row = s.get(OutboxMail, done.id)
        assert row is not None and row.raw is None and row.body_text == "" and "@" not in row.recipient
    assert "anna@gemeente.example" not in all_text(db)
