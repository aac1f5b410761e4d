"""Row ids given just before a flush on SQLite, so that the ORM writes a table's new rows in one statement.

SQLite cannot tell in which order ``INSERT ... RETURNING`` hands back the ids it chose, so SQLAlchemy writes
one statement per row when it has to learn them (every outbox row, stored mail and participant of a
batch). SQLite itself gives a new row the highest id of its table plus one (our tables have no
AUTOINCREMENT), and our writing transactions hold the write lock from their start (``BEGIN IMMEDIATE``):
counting on from the table's highest id, in the order the rows were added (the order the ORM writes them in),
gives each row the id SQLite would have given it. Left to SQLite: a table with a row whose id was set by hand,
and a table that refers to itself, or to one that refers back (the outbox: there the ORM writes rows in the
order of their references, not as added, and SQLite numbers them in that order).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Column, Integer, Table, func, inspect, select
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.state import InstanceState


def number_new_rows(session: Session, _flush_context: Any, _instances: Any) -> None:
    """A ``before_flush`` listener for sessions that write to SQLite."""
    waiting: dict[Column[Any], list[InstanceState[Any]]] = {}
    by_hand: set[Column[Any]] = set()
    for obj in session.new:
        state: InstanceState[Any] = inspect(obj)
        column = _rowid(state.mapper)
        if column is None:
            continue
        if getattr(obj, state.mapper.get_property_by_column(column).key) is not None:
            by_hand.add(column)
        waiting.setdefault(column, []).append(state)
    for column, states in waiting.items():
        if column in by_hand:
            continue
        top = session.execute(select(func.max(column))).scalar() or 0
        key = states[0].mapper.get_property_by_column(column).key
        for state in sorted(states, key=lambda s: s.insert_order or 0):  # as added, as the ORM writes them
            top += 1
            setattr(state.obj(), key, top)


def _rowid(mapper: Mapper[Any]) -> Column[Any] | None:
    """The table's one integer primary key (SQLite's rowid), unless the mapper shares its table."""
    if mapper.inherits is not None or len(mapper.primary_key) != 1:
        return None
    column = mapper.primary_key[0]
    if not isinstance(column, Column) or not isinstance(column.type, Integer) or column.autoincrement is False:
        return None
    if not isinstance(column.table, Table) or _in_a_cycle(column.table):
        return None
    return column


@cache  # tables are made once, when the models are imported
def _in_a_cycle(table: Table) -> bool:
    """The table refers to itself, directly or through others."""
    seen: set[Table] = set()
    todo = [fk.column.table for fk in table.foreign_keys]
    while todo:
        other = todo.pop()
        if other is table:
            return True
        if other in seen or not isinstance(other, Table):
            continue
        seen.add(other)
        todo.extend(fk.column.table for fk in other.foreign_keys)
    return False
