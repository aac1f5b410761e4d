"""The token cache shared by every connection, and the registry that hands it out."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from mailbot.auth.source import TokenSource
from mailbot.config.model import OAuth2Config

log = logging.getLogger(__name__)
EARLY = 300.0  # refresh this many seconds before expiry (less for short-lived tokens)


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


class TokenRegistry:
    """One ``Tokens`` per distinct ``oauth2`` setting: IMAP, SMTP and every thread share a token.

    The composition root (``mailbot.app``) makes one and hands it to the transports.
    """

    def __init__(self) -> None:
        self._tokens: dict[OAuth2Config, Tokens] = {}
        self._lock = threading.Lock()

    def tokens_for(self, config: OAuth2Config, timeout: float = 30.0) -> Tokens:
        with self._lock:
            if config not in self._tokens:
                self._tokens[config] = Tokens(make_source(config, timeout), default_lifetime=config.token_lifetime)
            return self._tokens[config]


def make_source(config: OAuth2Config, timeout: float) -> TokenSource:
    if config.provider == "microsoft":
        from mailbot.auth.microsoft import EntraClientCredentials

        return EntraClientCredentials(config, timeout)
    if config.provider == "google":
        from mailbot.auth.google import GoogleRefreshToken

        return GoogleRefreshToken(config, timeout)
    from mailbot.auth.command import TokenCommand

    return TokenCommand(config, timeout)
