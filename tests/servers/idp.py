"""An identity provider on loopback: tokens for Microsoft Entra ID, Google and Dovecot's introspection.

``IdentityProvider`` plays three parts from one table of tokens: the token endpoint of
Microsoft Entra ID (client credentials, over HTTPS because msal insists), Google's token
endpoint (refresh token, HTTPS) and the introspection endpoint that Dovecot's ``oauth2``
passdb asks whether a bearer token is good (plain HTTP on loopback).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.servers.tls import Certificates

TENANT = "contoso-tenant"


@dataclass
class Grant:
    user: str
    expires_at: float
    revoked: bool = False


@dataclass
class IdentityProvider:
    """Issues, checks and revokes bearer tokens; records every token request it was sent."""

    certs: Certificates
    client_id: str = "mailbot-client"
    client_secret: str = "s3cret-client-value"
    expires_in: int = 3600
    tokens: dict[str, Grant] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token -> user
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    mailbox_user: str = "bot1@example.org"  # whom a client-credentials token is for

    def issue(self, user: str, expires_in: float | None = None) -> str:
        token = "at-" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = Grant(user, time.time() + (self.expires_in if expires_in is None else expires_in))
        return token

    def revoke(self, token: str) -> None:
        with self.lock:
            self.tokens[token].revoked = True

    def active(self, token: str) -> str | None:
        with self.lock:
            grant = self.tokens.get(token)
            if grant is None or grant.revoked or grant.expires_at <= time.time():
                return None
            return grant.user

    def token_requests(self, path_end: str) -> list[dict[str, str]]:
        with self.lock:
            return [form for path, form in self.requests if path.endswith(path_end)]

    # ------------------------------------------------------------ serving

    def start(self) -> IdentityProvider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path.endswith("/v2.0/.well-known/openid-configuration"):
                    base = f"https://127.0.0.1:{provider.https_port}/{TENANT}"
                    self._json(200, {"token_endpoint": f"{base}/oauth2/v2.0/token",
                                     "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                                     "issuer": f"{base}/v2.0"})
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
                with provider.lock:
                    provider.requests.append((self.path, form))
                if self.path == "/introspect":
                    user = provider.active(form.get("token", ""))
                    self._json(200, {"active": True, "username": user} if user else {"active": False})
                elif self.path.endswith("/oauth2/v2.0/token"):
                    self._microsoft(form)
                elif self.path == "/google/token":
                    self._google(form)
                else:
                    self._json(404, {"error": "not_found"})

            def _microsoft(self, form: dict[str, str]) -> None:
                if form.get("client_id") != provider.client_id or form.get("client_secret") != provider.client_secret:
                    self._json(401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client "
                                                                                     "secret provided."})
                    return
                token = provider.issue(provider.mailbox_user)
                self._json(200, {"token_type": "Bearer", "expires_in": provider.expires_in, "access_token": token})

            def _google(self, form: dict[str, str]) -> None:
                with provider.lock:
                    user = provider.refresh_tokens.get(form.get("refresh_token", ""))
                if form.get("client_id") != provider.client_id or user is None:
                    self._json(400, {"error": "invalid_grant", "error_description": "Token has been expired or "
                                                                                    "revoked."})
                    return
                token = provider.issue(user)
                self._json(200, {"access_token": token, "expires_in": provider.expires_in, "token_type": "Bearer",
                                 "scope": form.get("scope", "")})

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._https = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._https.socket = self.certs.server_context().wrap_socket(self._https.socket, server_side=True)
        self.http_port = self._http.server_address[1]
        self.https_port = self._https.server_address[1]
        for server in (self._http, self._https):
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        for server in (self._http, self._https):
            server.shutdown()
            server.server_close()

    @property
    def authority(self) -> str:
        return f"https://127.0.0.1:{self.https_port}/{TENANT}"

    @property
    def google_token_uri(self) -> str:
        return f"https://127.0.0.1:{self.https_port}/google/token"
