"""Alembic's entry point: runs the migrations on the connection that ``mailbot.store.schema`` hands it."""

from __future__ import annotations

from alembic import context

from mailbot.store.models import Base
from mailbot.store.schema import compare_type

target_metadata = Base.metadata
connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite alters a table by copying it: batch mode does that for us
    compare_type=compare_type,
)
with context.begin_transaction():
    context.run_migrations()
