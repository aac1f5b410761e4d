"""TLS: certificates verified by default, a private CA by ``tls_ca_file``, no verification only when asked."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mailbot.config import load_imap, load_smtp
from mailbot.core.errors import AuthError, TransportError
from mailbot.demo.servers import SmtpSink
from mailbot.transports.imap import ImapMailbox
from mailbot.transports.smtp import SmtpSender
from tests.servers.bot import Bot, interest_mail
from tests.servers.dovecot import PASSWORD, Dovecot, MailboxUser
from tests.servers.smtp import SecureSmtpSink
from tests.servers.tls import Certificates

pytestmark = pytest.mark.integration


def imap(server: Dovecot, user: str, **settings: object) -> ImapMailbox:
    return ImapMailbox(load_imap({"host": "127.0.0.1", "port": server.port, "security": "starttls", "username": user,
                          "password": PASSWORD, "timeout": 5, **settings}))


def smtp(sink: SecureSmtpSink, **settings: object) -> SmtpSender:
    return SmtpSender(load_smtp({"host": "127.0.0.1", "port": sink.port, "security": sink.security,
                                 "username": "leerkring@example.org", "password": PASSWORD, "timeout": 5,
                                 **settings}))


def test_starttls_and_implicit_tls_with_a_private_ca(secure_dovecot: Dovecot, box: MailboxUser,
                                                     certs: Certificates) -> None:
    with imap(secure_dovecot, box.user, tls_ca_file=str(certs.ca)) as mailbox:
        assert mailbox.select("INBOX") > 0
    with imap(secure_dovecot, box.user, tls_ca_file=str(certs.ca), security="ssl",
              port=secure_dovecot.imaps_port) as mailbox:
        assert mailbox.select("INBOX") > 0


def test_an_unknown_ca_is_refused(secure_dovecot: Dovecot, box: MailboxUser) -> None:
    for settings in ({}, {"security": "ssl", "port": secure_dovecot.imaps_port}):
        with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
            imap(secure_dovecot, box.user, **settings).connect()


def test_the_name_must_match_the_certificate(secure_dovecot: Dovecot, box: MailboxUser, certs: Certificates,
                                             tmp_path: Path) -> None:
    """The certificate names localhost, 127.0.0.1 and 127.0.0.2; 127.0.0.3 is somebody else."""
    with pytest.raises(TransportError, match="match|mismatch"):
        imap(secure_dovecot, box.user, host="127.0.0.3", tls_ca_file=str(certs.ca)).connect()


def test_no_verification_only_when_asked_and_with_a_warning(tmp_path: Path, secure_dovecot: Dovecot,
                                                            box: MailboxUser, smtp: SmtpSink,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    with imap(secure_dovecot, box.user, tls_verify=False, host="127.0.0.2") as mailbox:
        mailbox.select("INBOX")
    caplog.set_level(logging.WARNING, "mailbot.app")
    Bot(tmp_path, box, smtp, imap={"tls_verify": False}).app()
    warnings = [r for r in caplog.records if "NOT verified" in r.getMessage()]
    assert len(warnings) == 1, "once, when mailbot starts"
    assert "imap" in warnings[0].getMessage() and "127.0.0.1" in warnings[0].getMessage()


def test_plaintext_login_is_refused_where_tls_is_required(secure_dovecot: Dovecot, box: MailboxUser,
                                                           certs: Certificates) -> None:
    """Dovecot counts 127.0.0.1 as secure; from 127.0.0.2 it wants TLS first, and says so."""
    with pytest.raises(AuthError, match="refuses to log in without TLS.*starttls or ssl"):
        imap(secure_dovecot, box.user, host="127.0.0.2", security="none").connect()
    with imap(secure_dovecot, box.user, host="127.0.0.2", tls_ca_file=str(certs.ca)) as mailbox:
        mailbox.select("INBOX")  # after STARTTLS the same server lets us in


def test_smtp_starttls_and_implicit_tls_with_a_private_ca(starttls_smtp: SecureSmtpSink, ssl_smtp: SecureSmtpSink,
                                                          certs: Certificates) -> None:
    for sink in (starttls_smtp, ssl_smtp):
        with smtp(sink, tls_ca_file=str(certs.ca)) as connection:
            refused = connection.send("leerkring@example.org", "p@org.example",
                                      b"Subject: hi\r\n\r\nhello\r\n")
        assert refused is None
        assert [d.recipients for d in sink.deliveries] == [("p@org.example",)]
    with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
        smtp(ssl_smtp).connect()


def test_smtp_without_tls_gets_no_login(starttls_smtp: SecureSmtpSink) -> None:
    with pytest.raises(AuthError, match="offers no login.*starttls or ssl"):
        smtp(starttls_smtp, security="none").connect()


def test_smtp_wrong_password_is_an_auth_error(ssl_smtp: SecureSmtpSink, certs: Certificates) -> None:
    with pytest.raises(AuthError, match="login refused"):
        smtp(ssl_smtp, tls_ca_file=str(certs.ca), password="wrong").connect()


def test_the_bot_end_to_end_over_tls(tmp_path: Path, secure_dovecot: Dovecot, box: MailboxUser,
                                     ssl_smtp: SecureSmtpSink, certs: Certificates) -> None:
    bot = Bot(tmp_path, box, ssl_smtp,
              imap={"security": "starttls", "host": "localhost", "tls_ca_file": str(certs.ca)},
              smtp={"security": "ssl", "host": "localhost", "tls_ca_file": str(certs.ca),
                    "username": "leerkring@example.org", "password": PASSWORD})
    box.append([interest_mail(1, "anna@org.example")])
    report = bot.poll()
    assert report.fetched == 1 and report.drain.sent == 1
    assert len(ssl_smtp.to("anna@org.example")) == 1
