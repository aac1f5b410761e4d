"""What a database failure is: the cause in a word, from the server's SQLSTATE or its words; the
timeouts as configured, each a key of its own that an error names."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from mailbot.core.errors import ConfigError, StorageError
from mailbot.store.db import Database, open_database
from mailbot.store.trouble import LOCKED, OUT_OF_CONNECTIONS, TOO_SLOW, UNAVAILABLE, cause_of, storage_error
from tests.database import database_url
from tests.fakes import config_dict


class PgError(Exception):
    def __init__(self, words: str, sqlstate: str | None) -> None:
        super().__init__(words)
        self.sqlstate = sqlstate


def wrapped(orig: Exception) -> OperationalError:
    return OperationalError("SELECT 1", {}, orig)


@pytest.mark.parametrize(("orig", "cause"), [
    (PgError("canceling statement due to lock timeout", "55P03"), LOCKED),
    (PgError("canceling statement due to statement timeout", "57014"), TOO_SLOW),
    (PgError("terminating connection due to administrator command", "57P01"), UNAVAILABLE),
    (PgError('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused', None),
     UNAVAILABLE),
    (PgError("connection failed: FATAL: sorry, too many clients already", None), OUT_OF_CONNECTIONS),
    (PgError("FATAL: remaining connection slots are reserved for roles with the SUPERUSER attribute", "53300"),
     OUT_OF_CONNECTIONS),
    (sqlite3.OperationalError("database is locked"), LOCKED),
    (sqlite3.OperationalError("interrupted"), TOO_SLOW),
    (sqlite3.OperationalError("database or disk is full"), ""),
    (PgError('duplicate key value violates unique constraint "messages_pkey"', "23505"), ""),
])
def test_the_cause_is_read_from_the_servers_code_or_words(orig: Exception, cause: str) -> None:
    assert cause_of(wrapped(orig)) == cause
    error = storage_error(wrapped(orig), "cannot store incoming mail")
    assert error.cause == cause and str(error).startswith("cannot store incoming mail: ")
    assert "SELECT 1" not in str(error), "no SQL in what the operator reads"


@pytest.mark.parametrize(("database", "key", "words"), [
    ({"statement_timeout": 0}, "database.statement_timeout", "at least 1"),
    ({"lock_timeout": "soon"}, "database.lock_timeout", "expected an integer"),
    ({"lock_timeout": 600, "statement_timeout": 60}, "database.lock_timeout", "longer than database.statement"),
    ({"lock_timout": 5}, "database.lock_timout", "unknown"),
])
def test_a_wrong_timeout_is_refused_naming_its_key(tmp_path: Path, database: dict[str, Any], key: str,
                                                   words: str) -> None:
    from mailbot.config.load import parse_config

    raw = config_dict(tmp_path)
    raw["database"] = {**raw["database"], **database}
    with pytest.raises(ConfigError) as refused:
        parse_config(raw, tmp_path / "config.yaml")
    assert refused.value.key == key and words in str(refused.value), str(refused.value)


def test_the_timeouts_default_to_five_minutes_and_thirty_seconds_and_reach_the_database(tmp_path: Path) -> None:
    from mailbot.config.load import parse_config

    config = parse_config(config_dict(tmp_path), tmp_path / "config.yaml")
    assert (config.database_timeouts.statement, config.database_timeouts.lock) == (300, 30)
    db = open_database(database_url(tmp_path), statement_timeout=7, lock_timeout=3)
    with db.engine.connect() as conn:
        if db.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 3000
        else:
            assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "7s"
            assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "3s"


def test_a_sqlite_statement_past_its_time_is_interrupted(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'slow.db'}", statement_timeout=1, lock_timeout=1)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    started = time.monotonic()
    with pytest.raises(OperationalError) as stopped, db.engine.connect() as conn:
        conn.exec_driver_sql(endless)
    assert cause_of(stopped.value) == TOO_SLOW and time.monotonic() - started < 30


def test_a_long_wait_for_the_poll_lock_is_said_once_with_its_holder(tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    url = database_url(tmp_path)
    holder, waiter = open_database(url, lock_timeout=1), Database(url, lock_timeout=1)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with holder.exclusive("poll"):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    caplog.set_level(logging.INFO, "mailbot.store.db")
    with pytest.raises(StorageError, match="the poll lock of this circle is held by"):
        with waiter.exclusive("poll", wait=False):
            pass
    threading.Timer(2.0, release.set).start()
    with waiter.exclusive("poll"):
        pass
    thread.join()
    said = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert len(said) == 2, said
    assert said[0][0] == "WARNING" and "waiting for the poll lock of this circle, held by pid" in said[0][1]
    assert "(database.lock_timeout)" in said[0][1]
    assert said[1][0] == "INFO" and said[1][1].startswith("got the poll lock after")
