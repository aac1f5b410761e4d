"""The token cache shared by every connection, and the registry that hands it out."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from mailbot.config import OAuth2Config

log = logging.getLogger(__name__)
EARLY = 300.0  # refresh this many seconds before expiry (less for short-lived tokens)


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    expires_in: float | None  # seconds from when it was issued; None: the source did not say


class TokenSource(Protocol):
    def fetch(self) -> Token:
        """Ask the identity provider for a fresh token."""

    def forget(self) -> None:
        """Drop any token the source keeps itself, so the next ``fetch`` asks anew."""


class Tokens:
    """A source's current token, fetched again shortly before it expires or after it was rejected."""

    def __init__(self, source: TokenSource, default_lifetime: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.default_lifetime = default_lifetime
        self.clock = clock
        self._lock = threading.Lock()
        self._value: str | None = None
        self._refresh_at = 0.0

    def get(self) -> str:
        with self._lock:
            if self._value is None or self.clock() >= self._refresh_at:
                asked = self.clock()
                token = self.source.fetch()
                lifetime = token.expires_in if token.expires_in is not None else self.default_lifetime
                self._value = token.value
                self._refresh_at = asked + lifetime - min(EARLY, lifetime * 0.1)
                log.debug("new access token from %s, valid for %d s", type(self.source).__name__, lifetime)
            return self._value

    def rejected(self, value: str) -> None:
        """The server refused ``value``: the next ``get`` fetches a new one (unless another thread already did)."""
        with self._lock:
            if self._value == value:
                self._value = None
                self.source.forget()


_registry: dict[OAuth2Config, Tokens] = {}
_registry_lock = threading.Lock()


def tokens_for(config: OAuth2Config, timeout: float = 30.0) -> Tokens:
    with _registry_lock:
        if config not in _registry:
            _registry[config] = Tokens(make_source(config, timeout), default_lifetime=config.token_lifetime)
        return _registry[config]


def make_source(config: OAuth2Config, timeout: float) -> TokenSource:
    if config.provider == "microsoft":
        from mailbot.auth.microsoft import EntraClientCredentials

        return EntraClientCredentials(config, timeout)
    if config.provider == "google":
        from mailbot.auth.google import GoogleRefreshToken

        return GoogleRefreshToken(config, timeout)
    from mailbot.auth.command import TokenCommand

    return TokenCommand(config, timeout)
