"""XOAUTH2 against servers that check the token: Dovecot's oauth2 passdb asks our identity provider.

The Microsoft and Google flows run for real up to their token request, which goes to the
loopback identity provider instead of the internet; Dovecot then checks the token they got.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from mailbot.auth import TokenRegistry
from mailbot.config import load_imap, load_smtp
from mailbot.core.errors import AuthError
from mailbot.transports.imap import ImapMailbox
from mailbot.transports.smtp import SmtpSender
from tests.servers.bot import Bot, interest_mail
from tests.servers.dovecot import Dovecot, MailboxUser
from tests.servers.idp import IdentityProvider
from tests.servers.smtp import SecureSmtpSink
from tests.servers.tls import Certificates

pytestmark = pytest.mark.integration

TOKEN_SCRIPT = """\
import sys
from pathlib import Path
folder = Path(sys.argv[1])
tokens = (folder / "tokens").read_text().split()
count = int((folder / "count").read_text()) if (folder / "count").exists() else 0
(folder / "count").write_text(str(count + 1))
print(tokens[min(count, len(tokens) - 1)])
"""


class TokenFiles:
    """A token_command that prints the given tokens one per run (the last one from then on) and counts its runs."""

    def __init__(self, folder: Path, *tokens: str) -> None:
        self.folder = folder
        folder.mkdir(exist_ok=True)
        (folder / "tokens").write_text("\n".join(tokens))
        (folder / "script.py").write_text(TOKEN_SCRIPT)
        self.command = f"{sys.executable} {folder / 'script.py'} {folder}"

    @property
    def runs(self) -> int:
        path = self.folder / "count"
        return int(path.read_text()) if path.exists() else 0


def imap(server: Dovecot, user: str, oauth2: dict[str, Any], registry: TokenRegistry | None = None) -> ImapMailbox:
    config = load_imap({"host": "127.0.0.1", "port": server.port, "security": "none", "username": user,
                        "auth": "oauth2", "oauth2": oauth2, "timeout": 5})
    assert config.oauth2 is not None
    return ImapMailbox(config, (registry or TokenRegistry()).tokens_for(config.oauth2, config.timeout))


def smtp(sink: SecureSmtpSink, certs: Certificates, user: str, oauth2: dict[str, Any],
         registry: TokenRegistry | None = None) -> SmtpSender:
    config = load_smtp({"host": "127.0.0.1", "port": sink.port, "security": sink.security,
                        "tls_ca_file": str(certs.ca), "username": user, "auth": "oauth2", "oauth2": oauth2,
                        "timeout": 5})
    assert config.oauth2 is not None
    return SmtpSender(config, (registry or TokenRegistry()).tokens_for(config.oauth2, config.timeout))


def test_a_valid_token_signs_in_to_imap_and_smtp(tmp_path: Path, secure_dovecot: Dovecot, box: MailboxUser,
                                                 idp: IdentityProvider, starttls_smtp: SecureSmtpSink,
                                                 certs: Certificates) -> None:
    token = idp.issue(box.user)
    command = TokenFiles(tmp_path / "cmd", token)
    settings = {"provider": "command", "token_command": command.command}
    registry = TokenRegistry()  # one per process, as mailbot.app makes it
    with imap(secure_dovecot, box.user, settings, registry) as mailbox:
        assert mailbox.select("INBOX") > 0
    assert {"token": token} in [{"token": f.get("token")} for f in idp.token_requests("/introspect")]
    with smtp(starttls_smtp, certs, box.user, settings, registry) as connection:
        assert connection.send(box.user, "p@org.example", b"Subject: x\r\n\r\nx\r\n") is None
    assert starttls_smtp.xoauth2_attempts == [token]
    assert command.runs == 1, "IMAP and SMTP share one cached token"


def test_an_expired_token_is_refreshed_once(tmp_path: Path, secure_dovecot: Dovecot, box: MailboxUser,
                                            idp: IdentityProvider) -> None:
    expired, fresh = idp.issue(box.user, expires_in=-1), idp.issue(box.user)
    command = TokenFiles(tmp_path / "cmd", expired, fresh)
    with imap(secure_dovecot, box.user, {"provider": "command", "token_command": command.command}) as mailbox:
        mailbox.select("INBOX")
    assert command.runs == 2


def test_a_revoked_token_is_refreshed_once_then_reported(tmp_path: Path, secure_dovecot: Dovecot,
                                                         box: MailboxUser, idp: IdentityProvider,
                                                         starttls_smtp: SecureSmtpSink, certs: Certificates) -> None:
    revoked = idp.issue(box.user)
    idp.revoke(revoked)
    command = TokenFiles(tmp_path / "cmd", revoked)
    settings = {"provider": "command", "token_command": command.command}
    with pytest.raises(AuthError, match=r"access token refused for bot\d+@example.org \(command\)"):
        imap(secure_dovecot, box.user, settings).connect()
    assert command.runs == 2, "one refresh, no more"
    with pytest.raises(AuthError, match="SMTP .*access token refused"):
        smtp(starttls_smtp, certs, box.user, settings).connect()
    assert starttls_smtp.xoauth2_attempts == [revoked, revoked]


def test_a_failing_token_command_is_an_auth_error(secure_dovecot: Dovecot, box: MailboxUser) -> None:
    settings = {"provider": "command", "token_command": "echo 'vault: permission denied' >&2; exit 4"}
    with pytest.raises(AuthError, match="token_command exited with 4: vault: permission denied"):
        imap(secure_dovecot, box.user, settings).connect()


def test_microsoft_client_credentials(secure_dovecot: Dovecot, box: MailboxUser, idp: IdentityProvider,
                                      trust_test_ca: None) -> None:
    idp.mailbox_user = box.user
    settings = {"provider": "microsoft", "tenant_id": "contoso-tenant", "client_id": idp.client_id,
                "client_secret": idp.client_secret, "authority": idp.authority}
    before = len(idp.token_requests("/oauth2/v2.0/token"))
    registry = TokenRegistry()
    with imap(secure_dovecot, box.user, settings, registry) as mailbox:
        mailbox.select("INBOX")
    with imap(secure_dovecot, box.user, settings, registry) as mailbox:
        mailbox.select("INBOX")
    requests = idp.token_requests("/oauth2/v2.0/token")[before:]
    assert len(requests) == 1, "the token is cached between connections"
    assert requests[0]["grant_type"] == "client_credentials"
    assert requests[0]["client_id"] == idp.client_id and requests[0]["client_secret"] == idp.client_secret
    assert requests[0]["scope"] == "https://outlook.office365.com/.default"


def test_microsoft_wrong_secret(secure_dovecot: Dovecot, box: MailboxUser, idp: IdentityProvider,
                                trust_test_ca: None) -> None:
    settings = {"provider": "microsoft", "tenant_id": "contoso-tenant", "client_id": idp.client_id,
                "client_secret": "not-the-secret", "authority": idp.authority}
    with pytest.raises(AuthError, match="Microsoft sign-in refused for client mailbot-client: invalid_client"):
        imap(secure_dovecot, box.user, settings).connect()


def test_google_refresh_token(secure_dovecot: Dovecot, box: MailboxUser, idp: IdentityProvider,
                              trust_test_ca: None) -> None:
    idp.refresh_tokens["1//refresh-" + box.user] = box.user
    settings = {"provider": "google", "client_id": idp.client_id, "client_secret": idp.client_secret,
                "refresh_token": "1//refresh-" + box.user, "token_uri": idp.google_token_uri}
    with imap(secure_dovecot, box.user, settings) as mailbox:
        mailbox.select("INBOX")
    request = idp.token_requests("/google/token")[-1]
    assert request["grant_type"] == "refresh_token" and request["refresh_token"] == "1//refresh-" + box.user
    assert request["client_id"] == idp.client_id and request["client_secret"] == idp.client_secret
    assert request["scope"] == "https://mail.google.com/"


def test_google_revoked_refresh_token(secure_dovecot: Dovecot, box: MailboxUser, idp: IdentityProvider,
                                      trust_test_ca: None) -> None:
    settings = {"provider": "google", "client_id": idp.client_id, "client_secret": idp.client_secret,
                "refresh_token": "1//revoked", "token_uri": idp.google_token_uri}
    with pytest.raises(AuthError, match="Google sign-in refused.*invalid_grant"):
        imap(secure_dovecot, box.user, settings).connect()


def test_poll_exits_3_and_status_shows_the_error(tmp_path: Path, secure_dovecot: Dovecot, box: MailboxUser,
                                                 idp: IdentityProvider, starttls_smtp: SecureSmtpSink) -> None:
    revoked = idp.issue(box.user)
    idp.revoke(revoked)
    command = TokenFiles(tmp_path / "cmd", revoked)
    bot = Bot(tmp_path, box, starttls_smtp,
              imap={"auth": "oauth2", "password": "", "oauth2": {"provider": "command",
                                                                 "token_command": command.command}})
    box.append([interest_mail(1, "anna@org.example")])
    done = bot.run("poll")
    assert done.returncode == 3, done.stderr
    assert "access token refused" in done.stderr
    status = bot.run("status")
    assert "last error:" in status.stdout and "access token refused" in status.stdout
    assert "failing since" in status.stdout
    assert bot.json("status", "--format", "json")["last_error"]["kind"] == "auth"


def test_poll_exits_3_when_smtp_refuses_the_login(tmp_path: Path, box: MailboxUser, starttls_smtp: SecureSmtpSink,
                                                  certs: Certificates) -> None:
    bot = Bot(tmp_path, box, starttls_smtp,
              smtp={"security": "starttls", "tls_ca_file": str(certs.ca), "username": "leerkring@example.org",
                    "password": "wrong"})
    box.append([interest_mail(1, "anna@org.example")])
    done = bot.run("poll")
    assert done.returncode == 3, done.stderr
    assert "SMTP" in done.stderr and "login refused" in done.stderr
    assert bot.json("status", "--format", "json")["outbox"]["pending"] == 1, "the reply waits in the outbox"
