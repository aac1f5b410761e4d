"""Servers for the mailbox tests, all on loopback: a test CA, an identity provider, Dovecot with TLS and
XOAUTH2, and an SMTP server that wants TLS and a login.

``IdentityProvider`` plays three parts from one table of tokens: the token endpoint of
Microsoft Entra ID (client credentials, over HTTPS because msal insists), Google's token
endpoint (refresh token, HTTPS) and the introspection endpoint that Dovecot's ``oauth2``
passdb asks whether a bearer token is good (plain HTTP on loopback).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import AuthResult, LoginPassword

from mailbot.devservers import SmtpSink, _Controller, _Handler, free_port, wait_for_port
from tests.mailservers import Mailbox

PASSWORD = Mailbox.password
TENANT = "contoso-tenant"


# ---------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Certificates:
    ca: Path  # what clients trust (tls_ca_file)
    cert: Path  # the servers' certificate, signed by the CA, for localhost, 127.0.0.1 and 127.0.0.2
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_certificates(folder: Path) -> Certificates:
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl("req", "-x509", *ec, "-days", "3650", "-subj", "/CN=mailbot test CA", "-keyout", "ca.key",
            "-out", "ca.pem")
    openssl("req", *ec, "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "server.csr")
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\n"
                                    "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "3650", "-extfile", "san.ext", "-out", "cert.pem")
    for name in ("ca.pem", "cert.pem", "key.pem"):
        os.chmod(folder / name, 0o644)
    return Certificates(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")


# ---------------------------------------------------------------- identity provider


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


# ---------------------------------------------------------------- Dovecot

DOVECOT_CONF = """\
instance_name = mailbot-mailbox-{port}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1, 127.0.0.2, 127.0.0.3
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
ssl_dh = </usr/share/dovecot/dh.pem
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
mail_fsync = never
mail_location = mdbox:{d}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
  mechanisms = plain login
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}
}}
protocol imap {{
  mail_max_userip_connections = 200
{imap_extra}
}}
# no growing delays after failed logins: the tests fail on purpose, and all come from 127.0.0.1
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

OAUTH2_CONF = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{port}/introspect
username_attribute = username
active_attribute = active
active_value = true
"""


class Dovecot:
    """A private Dovecot: STARTTLS on ``port``, implicit TLS on ``imaps_port``, passwords and XOAUTH2.

    ``without_idle`` leaves IDLE out of the capabilities it announces.
    """

    MAX_USERS = 300

    def __init__(self, exe: str, certs: Certificates, idp: IdentityProvider, without_idle: bool = False) -> None:
        self.exe = exe
        self.port = free_port()
        self.imaps_port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="mailbot-mailbox-"))
        os.chmod(self.dir, 0o755)
        (self.dir / "mail").mkdir()
        shutil.chown(self.dir / "mail", "dovecot", "dovecot")
        (self.dir / "passwd").write_text("".join(f"bot{i}@example.org:{{PLAIN}}{PASSWORD}\n"
                                                 for i in range(1, self.MAX_USERS + 1)))
        (self.dir / "oauth2.conf.ext").write_text(OAUTH2_CONF.format(port=idp.http_port))
        imap_extra = ("  imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE "
                      "SPECIAL-USE" if without_idle else "")
        (self.dir / "dovecot.conf").write_text(DOVECOT_CONF.format(
            d=self.dir, port=self.port, imaps_port=self.imaps_port, cert=certs.cert, key=certs.key,
            imap_extra=imap_extra))
        self.proc: subprocess.Popen[bytes] | None = None
        self._next_user = 0

    def start(self) -> Dovecot:
        self.proc = subprocess.Popen([self.exe, "-F", "-c", str(self.dir / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)
        wait_for_port(self.imaps_port)
        return self

    def stop(self) -> None:
        """Stop the server and end every session, as a restart of the machine or the service would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        # an imap process serving a logged-in client outlives the master: end this instance's own
        for pid in self._session_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def _session_pids(self) -> list[int]:
        prefix = f"dovecot-mailbot-mailbox-{self.port}/".encode()
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if (entry / "cmdline").read_bytes().startswith(prefix):
                        pids.append(int(entry.name))
        return pids

    def mailbox(self) -> Mailbox:
        """A fresh user's mailbox, reachable in plain text from 127.0.0.1 (which Dovecot counts as secure)."""
        self._next_user += 1
        if self._next_user > self.MAX_USERS:
            raise RuntimeError("more test mailboxes than this Dovecot was prepared for")
        return Mailbox("dovecot", self.port, f"bot{self._next_user}@example.org")

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- SMTP with TLS and a login


class _AuthHandler(_Handler):
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
        self._controller = _Controller(_AuthHandler(self), hostname="127.0.0.1", port=self.port,
                                       authenticator=password_check, auth_required=True, **tls)
        self._controller.start()
        self.port = int(self._controller.port)
        return self

