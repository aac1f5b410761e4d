"""Safe start and locks: many processes on an empty database, a poll lock no session timeout can break,
and lock keys and data that belong to one circle."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from mailbot.core.errors import ConfigError
from mailbot.store import schema
from mailbot.store.db import Database, open_database
from tests.database import database_url, new_schema, server_url, url_with_schema

# as `mailbot poll` starts: make the schema, then claim the circle the data belongs to
STARTER = ("import sys; from mailbot.store.db import open_database; "
           "open_database(sys.argv[1]).claim_circle('clusters@example.org')")


def test_processes_starting_together_on_an_empty_database_all_start(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    starters = [subprocess.Popen([sys.executable, "-c", STARTER, url], stderr=subprocess.PIPE, text=True)
                for _ in range(6)]
    results = [(p.wait(120), p.stderr.read() if p.stderr else "") for p in starters]
    assert [code for code, _ in results] == [0] * 6, results
    assert not any("Traceback" in err for _, err in results), results
    db = Database(url)
    assert db.schema_version().up_to_date
    db.claim_circle("clusters@example.org")  # claimed once, by one of them


def test_a_circle_refuses_another_circles_data(tmp_path: Path) -> None:
    db = open_database(database_url(tmp_path))
    db.claim_circle("clusters@example.org")
    db.claim_circle("Clusters@example.org")  # the same circle, written differently
    with pytest.raises(ConfigError, match=r"database\.(schema|url).*circle of clusters@example\.org"):
        db.claim_circle("wonen@example.org")


def test_processes_claiming_the_circle_at_once_all_start(tmp_path: Path) -> None:
    """Found on PostgreSQL: two polls both found the circle unclaimed, and the second insert failed."""
    for attempt in range(8):
        (tmp_path / str(attempt)).mkdir()
        url = database_url(tmp_path / str(attempt))
        open_database(url)
        claimers = [Database(url) for _ in range(4)]
        ready = threading.Barrier(len(claimers))
        failures: list[BaseException] = []

        threads = [threading.Thread(target=_claim, args=(db, ready, failures)) for db in claimers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert failures == [], f"attempt {attempt}: {failures}"
        with pytest.raises(ConfigError):  # and the claim holds: another circle is still refused
            claimers[0].claim_circle("wonen@example.org")


def _claim(db: Database, ready: threading.Barrier, failures: list[BaseException]) -> None:
    ready.wait()
    try:
        db.claim_circle("clusters@example.org")
    except BaseException as e:  # noqa: BLE001 - any failure is the finding
        failures.append(e)


def hold(db: Database, name: str, seconds: float, held: threading.Event) -> None:
    with db.exclusive(name):
        held.set()
        time.sleep(seconds)


@pytest.mark.skipif(server_url() is None, reason="PostgreSQL's advisory locks (SQLite's is a file lock)")
def test_the_poll_lock_outlives_an_idle_in_transaction_timeout() -> None:
    base = server_url()
    assert base is not None
    name = new_schema(base)
    # what managed PostgreSQL services set: a session idle in a transaction is ended after this long
    strict = url_with_schema(base, name).replace("search_path%3D", "idle_in_transaction_session_timeout%3D300"
                                                                    "+-csearch_path%3D")
    open_database(url_with_schema(base, name))  # the schema first: on a loaded machine its making may pause 0.3 s
    db = Database(strict)
    with db.engine.connect() as conn:
        assert conn.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "300ms"
    held = threading.Event()
    holder = threading.Thread(target=hold, args=(db, "poll", 1.5, held))
    holder.start()
    assert held.wait(10)
    time.sleep(1.0)  # longer than the timeout: a lock held in a transaction would be gone by now
    other = Database(strict)
    with other.engine.connect() as conn:
        taken = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": other.lock_key("poll")}).scalar()
        assert taken is False, "the first poller still holds the lock"
    holder.join()
    with other.engine.connect() as conn:
        assert conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": other.lock_key("poll")}).scalar()


def test_lock_keys_are_per_circle(tmp_path: Path) -> None:
    first, second = Database(database_url(tmp_path, "one.db")), Database(database_url(tmp_path, "two.db"))
    for db in (first, second):
        db.create_schema()
    held = threading.Event()
    holder = threading.Thread(target=hold, args=(first, "poll", 1.0, held))
    holder.start()
    assert held.wait(10)
    started = time.monotonic()
    with second.exclusive("poll"):
        waited = time.monotonic() - started
    holder.join()
    assert waited < 0.5, "another circle's poll does not wait for this one's"
    if first.is_postgresql:
        assert first.lock_key("poll") != second.lock_key("poll")


def test_the_schema_version_is_read_without_alembic_chatter(tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    db = open_database(database_url(tmp_path))
    assert db.schema_version().current == schema.head()
    assert not [r for r in caplog.records if r.name.startswith("alembic")]
