"""Google Workspace and Gmail: a refresh token (obtained once, with consent) buys access tokens.

The scope is ``https://mail.google.com/``, the only one Gmail accepts for IMAP and SMTP.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.auth import exceptions
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials

from mailbot.auth.source import Token
from mailbot.config import OAuth2Config
from mailbot.core.errors import AuthError, TransportError


class _TimedRequest(Request):
    """google-auth's HTTP transport with our timeout instead of its two minutes."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def __call__(self, url: str, method: str = "GET", body: Any = None, headers: Any = None,
                 timeout: Any = None, **kwargs: Any) -> Any:
        return super().__call__(  # type: ignore[no-untyped-call]
            url, method=method, body=body, headers=headers, timeout=self.timeout, **kwargs)


class GoogleRefreshToken:
    def __init__(self, config: OAuth2Config, timeout: float) -> None:
        self.config = config
        self.timeout = timeout

    def fetch(self) -> Token:
        c = self.config
        credentials = Credentials(  # type: ignore[no-untyped-call]
            token=None, refresh_token=c.refresh_token, client_id=c.client_id,
                                  client_secret=c.client_secret, token_uri=c.token_uri, scopes=[c.scope])
        try:
            credentials.refresh(_TimedRequest(self.timeout))  # type: ignore[no-untyped-call]
        except exceptions.RefreshError as e:
            message = f"Google sign-in refused for client {c.client_id}: {_short(e)}"
            raise (TransportError if getattr(e, "retryable", False) else AuthError)(message) from None
        except exceptions.TransportError as e:
            raise TransportError(f"Google sign-in: cannot reach {c.token_uri}: {_short(e)}") from None
        expires_in = None
        if credentials.expiry is not None:
            expires_in = (credentials.expiry.replace(tzinfo=UTC) - datetime.now(UTC)).total_seconds()
        return Token(str(credentials.token), expires_in)

    def forget(self) -> None:
        pass  # every fetch starts from the refresh token


def _short(error: BaseException) -> str:
    return (str(error) or type(error).__name__).splitlines()[0][:300]
