"""The test database: a SQLite file in the test's folder, or a schema on the server that
``MAILBOT_TEST_DATABASE_URL`` names (``postgresql+psycopg://postgres@127.0.0.1:55432/postgres``;
``scripts/pg-cluster start`` makes such a server, ``.ci/run`` runs the suite against it).

A database is named by its folder and file name, as a SQLite file is: on a server, the schema's name is
made from them, so that asking twice for the same folder gives the same database (a test that writes a
configuration twice, or a ``mailbot`` process that the test starts, finds the data of the first). The
schema is reached through the URL's ``search_path``, so the same URL works in a child process.

Clean-up: each test session drops the schemas it made when it ends, one transaction per schema (one
transaction for all runs out of the server's lock slots); at its start it drops those of sessions that
died without cleaning up (their process is gone).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
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
postgres_only = pytest.mark.skipif(server_url() is None, reason=f"needs a PostgreSQL server ({ENV})")


def schema_name(label: str = "") -> str:
    """A schema name of this test session's, the same for the same label (the session drops only its own)."""
    digest = hashlib.blake2b(label.encode(), digest_size=6).hexdigest() if label else os.urandom(6).hex()
    return f"{PREFIX}{os.getpid()}_{digest}"


def new_schema(base: str, name: str | None = None) -> str:
    """Make sure the schema exists on the server (empty when new); its name."""
    name = name or schema_name()
    engine = create_engine(base)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{name}"'))
    finally:
        engine.dispose()
    return name


def url_with_schema(base: str, name: str) -> str:
    return make_url(base).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
        hide_password=False)


def database_url(folder: Path, filename: str = "mailbot.db") -> str:
    """The URL of this test's database named ``filename`` in ``folder``: the same on every call."""
    base = server_url()
    if base is None:
        return f"sqlite:///{folder / filename}"
    return url_with_schema(base, new_schema(base, schema_name(str(Path(folder).resolve() / filename))))


def drop_test_schemas(stale: bool = False) -> int:
    """Drop this session's schemas (``stale``: those of sessions whose process is gone); how many went."""
    base = server_url()
    if base is None:
        return 0
    engine = create_engine(base)
    dropped = 0
    try:
        with engine.connect() as conn:
            names = conn.execute(text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :p"),
                                 {"p": f"{PREFIX}%"}).scalars().all()
        for name in names:
            pid = name[len(PREFIX):].partition("_")[0]
            if not pid.isdigit() or (int(pid) != os.getpid() if not stale else _alive(int(pid))):
                continue
            with contextlib.suppress(Exception), engine.begin() as conn:  # one schema, one transaction
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
                dropped += 1
    finally:
        engine.dispose()
    return dropped


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
