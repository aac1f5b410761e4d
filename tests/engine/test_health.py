"""Server health: backoff, one log line per change, ``last_error`` for status and the digest."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mailbot.core.errors import AuthError, TransportError
from mailbot.engine import health as health_module
from mailbot.engine.health import AUTH_BACKOFF, MAX_BACKOFF, ServerHealth, backoff
from mailbot.store.db import Database
from mailbot.store.models import KeyValue
from tests.database import database_url


def test_backoff_doubles_from_one_second_to_five_minutes_with_jitter() -> None:
    delays = [backoff(n, auth=False) for n in range(1, 14)]
    assert 1.0 <= delays[0] <= 1.2 and 1.6 <= delays[1] <= 2.4 and 6.4 <= delays[3] <= 9.6
    assert all(1.0 <= d <= MAX_BACKOFF for d in delays) and delays[-1] >= 0.8 * MAX_BACKOFF
    assert len({round(backoff(5, auth=False), 6) for _ in range(20)}) > 1, "jitter spreads reconnects"
    assert AUTH_BACKOFF[0] <= backoff(1, auth=True) and backoff(20, auth=True) <= AUTH_BACKOFF[1]


def test_an_outage_is_logged_once_and_recorded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = Database(database_url(tmp_path))
    db.create_schema()
    health = ServerHealth(db, "IMAP")
    caplog.set_level(logging.DEBUG, "mailbot.engine.health")
    for _ in range(5):
        health.failed(TransportError("IMAP 127.0.0.1:1: cannot connect: refused"))
    assert health.wait_time() > 0
    health.succeeded()
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert len(messages) == 2
    assert messages[0].startswith("IMAP unavailable: IMAP 127.0.0.1:1: cannot connect")
    assert messages[1] == "IMAP works again after 5 failed attempt(s)"
    with db.session() as session:
        value = session.get(KeyValue, "last_error").value  # type: ignore[union-attr]
    assert value["ongoing"] is False and value["attempts"] == 5 and value["kind"] == "connection"
    assert "resolved_at" in value


def test_a_failure_written_late_never_outlives_the_success_after_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """One thread notes a failure and is held up writing it (a busy database); another thread's login succeeds
    meanwhile. The record must end resolved, not ongoing for good."""
    db = Database(database_url(tmp_path))
    db.create_schema()
    health = ServerHealth(db, "IMAP")
    writing = threading.Event()
    real_record = health_module.record_error

    def slow_record(db: Database, what: str, error: BaseException | None, *args: Any, **kw: Any) -> None:
        if error is not None:
            writing.set()
            time.sleep(0.5)  # the failure's write waits on the database
        real_record(db, what, error, *args, **kw)

    monkeypatch.setattr(health_module, "record_error", slow_record)
    failing = threading.Thread(target=health.failed, args=(TransportError("IMAP 127.0.0.1:1: refused"),))
    failing.start()
    assert writing.wait(5)
    health.succeeded()  # the other thread logs in again while the failure is being written
    failing.join(5)
    with db.session() as session:
        value = session.get(KeyValue, "last_error").value  # type: ignore[union-attr]
    assert value["ongoing"] is False and not health.failing


def test_refused_credentials_are_logged_again_and_wait_longer(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    db = Database(database_url(tmp_path))
    db.create_schema()
    health = ServerHealth(db, "IMAP")
    caplog.set_level(logging.INFO, "mailbot.engine.health")
    health.failed(TransportError("unreachable"))
    delay = health.failed(AuthError("IMAP x: login refused for bot"))
    assert delay >= AUTH_BACKOFF[0]
    assert [r.levelname for r in caplog.records] == ["ERROR", "ERROR"]
    assert "Fix the credentials" in caplog.records[1].getMessage()
    with db.session() as session:
        value = session.get(KeyValue, "last_error").value  # type: ignore[union-attr]
    assert value["kind"] == "auth" and value["ongoing"] is True


def test_an_old_connection_does_not_end_a_login_failure(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A changed password: polls on the IDLE connection (logged in before) still work, fresh logins fail.
    The state stays "failing" until a fresh login works: no flapping, one line each way, in plain words."""
    from mailbot.engine.health import Health
    from mailbot.outbox.sender import DrainReport

    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    db.create_schema()
    health = Health(db)
    caplog.set_level(logging.INFO, "mailbot.engine.health")
    for _ in range(20):
        health.poll_failed(AuthError("IMAP 127.0.0.1:143: login refused: b'[AUTHENTICATIONFAILED] Authentication "
                                     "failed.'"))
        health.poll_finished(DrainReport(), fresh_login=False)  # the IDLE connection's poll
    assert health.imap.failing
    health.poll_finished(DrainReport(), fresh_login=True)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert "b'" not in messages[0] and "[AUTHENTICATIONFAILED] Authentication failed." in messages[0]
    assert messages[1] == "IMAP works again after 20 failed attempt(s)"
    with db.session() as session:
        value = session.get(KeyValue, "last_error").value  # type: ignore[union-attr]
    assert "b'" not in value["error"]


def test_a_problem_of_over_an_hour_is_told_once(tmp_path: Path) -> None:
    from datetime import timedelta

    from mailbot.engine.health import Health
    from mailbot.store.db import utcnow

    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    db.create_schema()
    health = Health(db)
    health.smtp.failed(TransportError("SMTP 127.0.0.1:25: cannot connect: refused"))
    assert health.overdue(utcnow() + timedelta(minutes=59)) == []
    later = utcnow() + timedelta(minutes=61)
    assert [s.what for s in health.overdue(later)] == ["SMTP"]
    assert health.overdue(later + timedelta(hours=5)) == [], "once per outage"
    health.smtp.succeeded()
    health.smtp.failed(TransportError("refused again"))
    assert [s.what for s in health.overdue(utcnow() + timedelta(hours=2))] == ["SMTP"], "a new outage is news"


def test_the_backoff_starts_anew_when_the_outage_changes_its_nature(tmp_path: Path) -> None:
    """A database that was restarting and now refuses for too many clients has changed: the next try comes
    soon, not after the minute the restart's backoff had grown to. The outage's count of attempts goes on."""
    from mailbot.core.errors import StorageError

    db = Database(database_url(tmp_path))
    db.create_schema()
    health = ServerHealth(db, "database")
    grown = [health.failed(StorageError("connection refused", cause="unavailable")) for _ in range(6)][-1]
    assert grown >= 16
    changed = health.failed(StorageError("too many clients", cause="out of connections"))
    assert changed <= 1.2 and health.failures == 7
    assert health.failed(StorageError("too many clients", cause="out of connections")) >= 1.6
