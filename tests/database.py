"""The test database: a SQLite file in the test's folder, or a fresh schema on the server that
``MAILBOT_TEST_DATABASE_URL`` names (``postgresql+psycopg://postgres@127.0.0.1:55432/postgres``;
``scripts/pg-cluster start`` makes such a server, ``.ci/run`` runs the suite against it).

Every test gets a database of its own: on a server, a new schema reached through the URL's
``search_path``, so that the same URL works in a ``mailbot`` process that the test starts.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "MAILBOT_TEST_DATABASE_URL"
PREFIX = "mailbot_test_"


def server_url() -> str | None:
    """The database server the suite runs against; None for SQLite."""
    return os.environ.get(ENV) or None


def on_sqlite() -> bool:
    return server_url() is None


sqlite_only = pytest.mark.skipif(server_url() is not None, reason="looks inside the SQLite file (or its ledger)")


def schema_name(label: str = "") -> str:
    """A new schema name of this test session's (its process id in it: the session drops only its own)."""
    return f"{PREFIX}{os.getpid()}_{label}{uuid.uuid4().hex[:10]}"


def new_schema(base: str, name: str | None = None) -> str:
    """Create an empty schema on the server; its name."""
    name = name or schema_name()
    engine = create_engine(base)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    finally:
        engine.dispose()
    return name


def url_with_schema(base: str, name: str) -> str:
    return make_url(base).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
        hide_password=False)


def database_url(folder: Path, filename: str = "mailbot.db") -> str:
    """A URL for a new, empty database of this test's own."""
    base = server_url()
    if base is None:
        return f"sqlite:///{folder / filename}"
    return url_with_schema(base, new_schema(base))


def drop_test_schemas() -> None:
    base = server_url()
    if base is None:
        return
    engine = create_engine(base)
    try:
        with engine.begin() as conn:
            names = conn.execute(text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :p"),
                                 {"p": f"{PREFIX}{os.getpid()}\\_%"}).scalars().all()
            for name in names:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    finally:
        engine.dispose()
