"""Writing the small runtime state (``state`` rows) so that two processes at once never collide.

A read-then-insert (``session.merge``) lets two processes that start together both find a key missing and
both insert it, and on PostgreSQL the second fails on the primary key. The database settles it instead, in
one statement: an insert that does nothing, or updates, when the key is there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mailbot.store.models import KeyValue


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(KeyValue)
    if dialect == "sqlite":
        return sqlite.insert(KeyValue)
    return None


def put_state(session: Session, key: str, value: Any) -> None:
    """Set ``key`` to ``value``, whether or not another process made the row a moment ago."""
    insert = _insert(session)
    if insert is None:  # another SQLAlchemy database: its own upsert is unknown here, merge is the best we have
        session.merge(KeyValue(key=key, value=value))
        return
    statement = insert.values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=[KeyValue.key], set_={"value": value}))


def add_state(session: Session, key: str, value: Any) -> Any:
    """Set ``key`` to ``value`` unless it has one; the value it holds afterwards (its own, or ``value``)."""
    insert = _insert(session)
    if insert is None:
        if session.get(KeyValue, key) is None:
            session.add(KeyValue(key=key, value=value))
            session.flush()
    else:
        session.execute(insert.values(key=key, value=value).on_conflict_do_nothing(index_elements=[KeyValue.key]))
    row = session.get(KeyValue, key, populate_existing=True)
    return row.value if row is not None else value
