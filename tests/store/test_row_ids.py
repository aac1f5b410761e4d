"""Row ids given before a flush on SQLite are the ids SQLite would give, and a table's rows go in one INSERT."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import event, inspect, select
from sqlalchemy.engine import Engine

from mailbot.store.db import Database
from mailbot.store.models import Note, OutboxMail, Participant
from mailbot.store.row_ids import _rowid, number_new_rows

NOW = datetime(2027, 1, 10, 9, 0)


def _person(n: int, **given: object) -> Participant:
    return Participant(email=f"p{n}@example.org", name=f"P {n}", status="interested", registered_at=NOW,
                       updated_at=NOW, **given)


def _ids(db: Database) -> list[tuple[str, int]]:
    """Three flushes: people with notes, a gap left by a deleted row, an id set by hand; then who got which id."""
    with db.session() as session:
        people = [_person(n) for n in range(5)]
        session.add_all(people)
        session.add_all(Note(participant=p, source="remark", text=f"note {i}", created_at=NOW)
                        for i, p in enumerate(reversed(people)))
        session.flush()
        session.delete(people[-1])
        session.flush()
        session.add_all([_person(10), _person(11)])
        session.flush()
        session.add_all([_person(20), _person(21, id=100), _person(22)])
    with db.session() as session:
        return [(p.email, p.id) for p in session.scalars(select(Participant).order_by(Participant.id))] + \
            [(n.text, n.id) for n in session.scalars(select(Note).order_by(Note.id))]


def _database(path: Path, numbered: bool) -> Database:
    db = Database(f"sqlite:///{path}")
    db.create_schema()
    if not numbered:
        event.remove(db.sessions, "before_flush", number_new_rows)
    return db


def test_the_ids_are_those_sqlite_gives(tmp_path: Path) -> None:
    assert _ids(_database(tmp_path / "a.db", True)) == _ids(_database(tmp_path / "b.db", False))


def test_a_tables_new_rows_go_in_one_statement(tmp_path: Path) -> None:
    db = _database(tmp_path / "a.db", True)
    inserts: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("INSERT INTO participants"):
            inserts.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        with db.session() as session:
            session.add_all(_person(n) for n in range(50))
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert len(inserts) == 1


def test_the_outbox_refers_to_itself_and_is_left_to_sqlite() -> None:
    assert _rowid(inspect(OutboxMail)) is None
    assert _rowid(inspect(Participant)) is not None
