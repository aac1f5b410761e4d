"""The token cache and the backoff, without servers."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mailbot.auth import Token, Tokens, tokens_for
from mailbot.config import OAuth2Config
from mailbot.errors import AuthError, TransportError
from mailbot.scheduler import AUTH_BACKOFF, MAX_BACKOFF, Health, backoff
from mailbot.store.db import Database
from mailbot.store.models import KeyValue


class Source:
    def __init__(self, lifetime: float | None = 3600) -> None:
        self.lifetime = lifetime
        self.fetched = 0
        self.forgotten = 0

    def fetch(self) -> Token:
        self.fetched += 1
        return Token(f"token-{self.fetched}", self.lifetime)

    def forget(self) -> None:
        self.forgotten += 1


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_token_is_kept_until_shortly_before_it_expires() -> None:
    clock, source = Clock(), Source(3600)
    tokens = Tokens(source, clock=clock)
    assert tokens.get() == "token-1"
    clock.now += 3600 - 301
    assert tokens.get() == "token-1"
    clock.now += 2  # within five minutes of expiry
    assert tokens.get() == "token-2"


def test_a_short_lived_token_is_refreshed_at_nine_tenths_of_its_life() -> None:
    clock, source = Clock(), Source(100)
    tokens = Tokens(source, clock=clock)
    tokens.get()
    clock.now += 89
    assert tokens.get() == "token-1"
    clock.now += 2
    assert tokens.get() == "token-2"


def test_without_an_expiry_the_default_lifetime_applies() -> None:
    clock, source = Clock(), Source(None)
    tokens = Tokens(source, default_lifetime=60, clock=clock)
    tokens.get()
    clock.now += 55
    assert tokens.get() == "token-2"


def test_a_rejected_token_is_replaced_once() -> None:
    source = Source()
    tokens = Tokens(source, clock=Clock())
    first = tokens.get()
    tokens.rejected(first)
    second = tokens.get()
    assert second != first and source.forgotten == 1
    tokens.rejected(first)  # a second thread reporting the same old token changes nothing
    assert tokens.get() == second and source.fetched == 2


def test_imap_and_smtp_share_one_cache() -> None:
    config = OAuth2Config(provider="command", token_command="echo x")
    assert tokens_for(config) is tokens_for(OAuth2Config(provider="command", token_command="echo x"))
    assert tokens_for(config) is not tokens_for(OAuth2Config(provider="command", token_command="echo y"))


def test_token_command_output() -> None:
    from mailbot.auth.command import TokenCommand

    def run(command: str) -> Token:
        return TokenCommand(OAuth2Config(provider="command", token_command=command), timeout=5).fetch()

    assert run("echo abc.def") == Token("abc.def", None)
    assert run("""echo '{"access_token": "xyz", "expires_in": 3599}'""") == Token("xyz", 3599.0)
    with pytest.raises(AuthError, match="printed no token"):
        run("true")
    with pytest.raises(TransportError, match="did not finish within 1 s"):
        TokenCommand(OAuth2Config(provider="command", token_command="sleep 5"), timeout=1).fetch()


def test_backoff_doubles_from_one_second_to_five_minutes_with_jitter() -> None:
    delays = [backoff(n, auth=False) for n in range(1, 14)]
    assert 1.0 <= delays[0] <= 1.2 and 1.6 <= delays[1] <= 2.4 and 6.4 <= delays[3] <= 9.6
    assert all(1.0 <= d <= MAX_BACKOFF for d in delays) and delays[-1] >= 0.8 * MAX_BACKOFF
    assert len({round(backoff(5, auth=False), 6) for _ in range(20)}) > 1, "jitter spreads reconnects"
    assert AUTH_BACKOFF[0] <= backoff(1, auth=True) and backoff(20, auth=True) <= AUTH_BACKOFF[1]


def test_an_outage_is_logged_once_and_recorded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    db.create_schema()
    health = Health(db, "IMAP")
    caplog.set_level(logging.DEBUG, "mailbot.scheduler")
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


def test_refused_credentials_are_logged_again_and_wait_longer(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    db.create_schema()
    health = Health(db, "IMAP")
    caplog.set_level(logging.INFO, "mailbot.scheduler")
    health.failed(TransportError("unreachable"))
    delay = health.failed(AuthError("IMAP x: login refused for bot"))
    assert delay >= AUTH_BACKOFF[0]
    assert [r.levelname for r in caplog.records] == ["ERROR", "ERROR"]
    assert "Fix the credentials" in caplog.records[1].getMessage()
    with db.session() as session:
        value = session.get(KeyValue, "last_error").value  # type: ignore[union-attr]
    assert value["kind"] == "auth" and value["ongoing"] is True
