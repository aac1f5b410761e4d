"""SMTP servers for the tests: the demo's sink (``mailbot.demo.servers.SmtpSink``) and one that wants TLS
and a login (password or XOAUTH2 against the test identity provider)."""

from __future__ import annotations

import base64
import json
from typing import Any

from aiosmtpd.smtp import AuthResult, LoginPassword

from mailbot.demo.servers import SinkHandler, SmtpController, SmtpSink
from tests.servers.dovecot import PASSWORD
from tests.servers.idp import IdentityProvider
from tests.servers.tls import Certificates

__all__ = ["SecureSmtpSink", "SmtpSink"]


class _AuthHandler(SinkHandler):
    def __init__(self, sink: SecureSmtpSink) -> None:
        super().__init__(sink)
        self.secure = sink

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:  # noqa: N802
        blob = args[1] if len(args) > 1 else ""
        try:
            fields = dict(part.split("=", 1) for part in base64.b64decode(blob).decode().split("\x01") if part)
        except ValueError:
            return AuthResult(success=False, handled=False)
        token = fields.get("auth", "").removeprefix("Bearer ")
        user = self.secure.idp.active(token) if self.secure.idp is not None else None
        self.secure.xoauth2_attempts.append(token)
        if user is None or user != fields.get("user"):
            await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=user)


class SecureSmtpSink(SmtpSink):
    """An SMTP sink that takes mail only after TLS (``starttls`` or ``ssl``) and a login."""

    def __init__(self, certs: Certificates, security: str, idp: IdentityProvider | None = None) -> None:
        super().__init__()
        self.certs = certs
        self.security = security
        self.idp = idp
        self.xoauth2_attempts: list[str] = []

    def start(self) -> SecureSmtpSink:
        def password_check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and data.password == PASSWORD.encode()
            return AuthResult(success=ok, handled=False)

        context = self.certs.server_context()
        tls: dict[str, Any] = ({"tls_context": context, "require_starttls": True} if self.security == "starttls"
                               else {"ssl_context": context, "auth_require_tls": False})
        self._controller = SmtpController(_AuthHandler(self), hostname="127.0.0.1", port=self.port,
                                       authenticator=password_check, auth_required=True, **tls)
        self._controller.start()
        self.port = int(self._controller.port)
        return self
