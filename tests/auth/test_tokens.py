"""The token cache and the token sources, without servers."""

from __future__ import annotations

import pytest

from mailbot.auth import Token, TokenRegistry, Tokens
from mailbot.config import OAuth2Config
from mailbot.core.errors import AuthError, TransportError


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
    registry = TokenRegistry()
    config = OAuth2Config(provider="command", token_command="echo x")
    assert registry.tokens_for(config) is registry.tokens_for(OAuth2Config(provider="command", token_command="echo x"))
    assert registry.tokens_for(config) is not registry.tokens_for(OAuth2Config(provider="command",
                                                                              token_command="echo y"))
    assert TokenRegistry().tokens_for(config) is not registry.tokens_for(config), "nothing shared between processes"


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
