"""Microsoft 365: an app registration in Entra ID signs in with its own secret (client-credentials flow).

The app needs the ``IMAP.AccessAsApp`` / ``SMTP.SendAsApp`` permissions and an
Exchange service principal with access to the mailbox; the scope is
``https://outlook.office365.com/.default``.
"""

from __future__ import annotations

from typing import Any

import msal  # type: ignore[import-untyped]
import requests

from mailbot.auth.source import Token
from mailbot.config import OAuth2Config
from mailbot.core.errors import AuthError, TransportError

_PROVIDER_TROUBLE = {"temporarily_unavailable", "server_error"}


class EntraClientCredentials:
    def __init__(self, config: OAuth2Config, timeout: float) -> None:
        self.config = config
        self.timeout = timeout
        self._app: Any = None

    def _application(self) -> Any:
        if self._app is None:
            c = self.config
            known = c.authority.startswith("https://login.microsoftonline.com/")
            try:
                self._app = msal.ConfidentialClientApplication(
                    c.client_id, client_credential=c.client_secret, authority=c.authority, timeout=self.timeout,
                    instance_discovery=None if known else False, token_cache=msal.TokenCache())
            except requests.RequestException as e:
                raise TransportError(f"Microsoft sign-in: cannot reach {c.authority}: {_short(e)}") from None
            except ValueError as e:  # msal: the authority (tenant) does not exist
                raise AuthError(f"Microsoft sign-in: {_short(e)}") from None
        return self._app

    def fetch(self) -> Token:
        app = self._application()
        try:
            result = app.acquire_token_for_client(scopes=[self.config.scope])
        except requests.RequestException as e:
            raise TransportError(f"Microsoft sign-in: cannot reach the token endpoint: {_short(e)}") from None
        if "access_token" in result:
            expires_in = result.get("expires_in")
            return Token(str(result["access_token"]), float(expires_in) if expires_in is not None else None)
        error = str(result.get("error", "unknown_error"))
        detail = str(result.get("error_description", "")).splitlines()[0:1]
        message = f"Microsoft sign-in refused for client {self.config.client_id}: {error}" + (
            f" ({detail[0][:200]})" if detail else "")
        raise (TransportError if error in _PROVIDER_TROUBLE else AuthError)(message)

    def forget(self) -> None:
        if self._app is not None:
            cache = self._app.token_cache
            for item in list(cache.search(msal.TokenCache.CredentialType.ACCESS_TOKEN)):
                cache.remove_at(item)


def _short(error: BaseException) -> str:
    return (str(error) or type(error).__name__).splitlines()[0][:300]
