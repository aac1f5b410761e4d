"""The mail server we send through: the only module that talks SMTP (through smtplib).

``SmtpSender`` is the ``MailSender`` seam of ``mailbot.transports``: one message,
one recipient, one answer. What the answer means for the outbox (and what a lost
connection means) is ``mailbot.outbox.sender``'s business.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import socket
import ssl
from typing import Any

from mailbot.auth import Tokens
from mailbot.config.model import SmtpConfig
from mailbot.core.errors import AuthError, TransportError
from mailbot.transports import Refused
from mailbot.transports._net import describe, keep_alive, sign_in_with_token, tls_context

log = logging.getLogger(__name__)
NETWORK_ERRORS = (smtplib.SMTPException, OSError, ssl.SSLError, socket.timeout)
_LONE_LF = re.compile(rb"(?<!\r)\n")
_LEADING_DOT = re.compile(rb"(?m)^\.")


class SmtpSender:
    """One authenticated SMTP connection; ``tokens`` serve XOAUTH2 when ``config.auth`` is oauth2."""

    def __init__(self, config: SmtpConfig, tokens: Tokens | None = None) -> None:
        self.config = config
        self.tokens = tokens
        self.smtp: smtplib.SMTP | None = None

    def connect(self) -> None:
        c = self.config
        try:
            if c.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=tls_context(c))
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            if smtp.sock is not None:
                keep_alive(smtp.sock)
            smtp.ehlo()
            if c.security == "starttls":
                smtp.starttls(context=tls_context(c))
                smtp.ehlo()
        except NETWORK_ERRORS as e:
            raise TransportError(f"SMTP {c.host}:{c.port}: cannot connect: {describe(e)}") from None
        if c.username:
            try:
                self._login(smtp)
            except AuthError:
                _quit(smtp)
                raise
            except smtplib.SMTPNotSupportedError:
                _quit(smtp)
                raise AuthError(f"SMTP {c.host}: the server offers no login on this connection "
                                f"(does it require TLS? set smtp.security to starttls or ssl)") from None
            except NETWORK_ERRORS as e:
                _quit(smtp)
                raise TransportError(f"SMTP {c.host}: login failed: {describe(e)}") from None
        self.smtp = smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        c = self.config
        if c.auth != "oauth2":
            try:
                smtp.login(c.username, c.password)
            except smtplib.SMTPAuthenticationError as e:
                raise AuthError(f"SMTP {c.host}: login refused for {c.username}: {describe(e)}") from None
            return
        if self.tokens is None or c.oauth2 is None:
            raise AuthError(f"SMTP {c.host}: auth is oauth2 but no token source was given")
        provider = c.oauth2.provider
        sign_in_with_token(
            self.tokens,
            lambda token: smtp.auth("XOAUTH2", _xoauth2(c.username, token), initial_response_ok=True),
            smtplib.SMTPAuthenticationError,
            lambda e: f"SMTP {c.host}: access token refused for {c.username} ({provider}): {describe(e)}")

    def close(self) -> None:
        if self.smtp is not None:
            _quit(self.smtp)
            self.smtp = None

    def __enter__(self) -> SmtpSender:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, envelope_from: str, recipient: str, raw: bytes) -> Refused | None:
        """Send one message to one recipient; None when the server accepted it (250).

        Raises TransportError when the connection is lost; if that happens after the final
        dot, whether the server took the message is unknown (``mailbot.outbox.sender`` sends it again).
        """
        smtp = self.smtp
        if smtp is None:
            raise TransportError("SMTP: not connected")
        options: list[str] = []
        head = raw.split(b"\r\n\r\n", 1)[0]
        international = not (head.isascii() and recipient.isascii())
        if international:
            if not smtp.has_extn("smtputf8"):
                return Refused(553, "the server does not accept internationalised addresses (no SMTPUTF8)")
            smtp.command_encoding = "utf-8"
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        elif not raw.isascii():
            if smtp.has_extn("8bitmime"):
                options = ["BODY=8BITMIME"]
            else:
                raw = downgrade_to_7bit(raw)
        try:
            code, message = smtp.mail(envelope_from, options)
            if code != 250:
                smtp.rset()
                return Refused(code, _text(message))
            code, message = smtp.rcpt(recipient)
            if code not in (250, 251):
                smtp.rset()
                return Refused(code, _text(message))
            smtp.putcmd("data")
            code, message = smtp.getreply()
            if code != 354:
                smtp.rset()
                return Refused(code, _text(message))
            body = _LEADING_DOT.sub(b"..", _LONE_LF.sub(b"\r\n", raw))
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            smtp.send(body + b".\r\n")
            code, message = smtp.getreply()
        except NETWORK_ERRORS as e:
            self.close()
            raise TransportError(f"SMTP: {describe(e)}") from None
        return None if code == 250 else Refused(code, _text(message))


def _xoauth2(user: str, token: str) -> Any:  # smtplib's _AuthObject protocol
    """smtplib's callback for AUTH XOAUTH2: the initial response, then an empty line to an error challenge."""

    def answer(challenge: bytes | None = None) -> str:
        return f"user={user}\1auth=Bearer {token}\1\1" if challenge is None else ""

    return answer


def downgrade_to_7bit(raw: bytes) -> bytes:
    """For the rare server without 8BITMIME: 8bit text parts re-encoded as quoted-printable."""
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.SMTP)
    for part in message.walk():
        if not part.is_multipart() and str(part.get("Content-Transfer-Encoding", "")).lower() == "8bit":
            content = part.get_content()
            subtype = part.get_content_subtype()
            del part["Content-Transfer-Encoding"]
            part.set_content(content, subtype=subtype, cte="quoted-printable")
    return message.as_bytes()


def _text(message: bytes | str) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


def _quit(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(*NETWORK_ERRORS):
        smtp.quit()
    with contextlib.suppress(Exception):
        smtp.close()
