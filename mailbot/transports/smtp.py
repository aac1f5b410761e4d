"""The mail server we send through: the only module that talks SMTP (through smtplib).

``send`` commits our "sent" mark *between* the message body and the final dot.
The server only takes responsibility for a message when it reads that dot, so a
crash before it loses nothing on the server's side, and a crash after our
commit can no longer make us send the message again. What remains is the few
microseconds between our commit and writing the dot.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mailbot.auth import tokens_for
from mailbot.config import SmtpConfig
from mailbot.errors import AuthError, TransportError
from mailbot.transports.imap import keep_alive, tls_context

log = logging.getLogger(__name__)
NETWORK_ERRORS = (smtplib.SMTPException, OSError, ssl.SSLError, socket.timeout)
_LONE_LF = re.compile(rb"(?<!\r)\n")
_LEADING_DOT = re.compile(rb"(?m)^\.")


@dataclass(frozen=True)
class Refused:
    """The server said no: ``permanent`` for 5xx (do not retry), else try again later."""

    code: int
    message: str

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600


class SmtpConnection:
    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
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
            raise TransportError(f"SMTP {c.host}:{c.port}: cannot connect: {_describe(e)}") from None
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
                raise TransportError(f"SMTP {c.host}: login failed: {_describe(e)}") from None
        self.smtp = smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        c = self.config
        if c.auth != "oauth2":
            try:
                smtp.login(c.username, c.password)
            except smtplib.SMTPAuthenticationError as e:
                raise AuthError(f"SMTP {c.host}: login refused for {c.username}: {_describe(e)}") from None
            return
        assert c.oauth2 is not None
        tokens = tokens_for(c.oauth2, c.timeout)
        for attempt in (1, 2):
            token = tokens.get()
            try:
                smtp.auth("XOAUTH2", _xoauth2(c.username, token), initial_response_ok=True)
                return
            except smtplib.SMTPAuthenticationError as e:
                tokens.rejected(token)
                if attempt == 2:
                    raise AuthError(f"SMTP {c.host}: access token refused for {c.username} "
                                    f"({c.oauth2.provider}): {_describe(e)}") from None
                log.info("SMTP %s: access token refused; fetching a new one", c.host)

    def close(self) -> None:
        if self.smtp is not None:
            _quit(self.smtp)
            self.smtp = None

    def __enter__(self) -> SmtpConnection:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, sender: str, recipient: str, raw: bytes, commit: Callable[[], bool]) -> Refused | None:
        """Send one message to one recipient; None when the server accepted it.

        ``commit`` is called after the body and before the final dot; it records the
        message as sent and returns False when someone else already did (then we abort).
        Raises TransportError when the connection is lost before the server answered.
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
            code, message = smtp.mail(sender, options)
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
            smtp.send(body)
            if not commit():
                self.close()  # dropping the connection before the dot abandons the transaction
                return Refused(0, "already sent by another process")
            smtp.send(b".\r\n")
            code, message = smtp.getreply()
        except NETWORK_ERRORS as e:
            self.close()
            raise TransportError(f"SMTP: {_describe(e)}") from None
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


def _describe(error: BaseException) -> str:
    return (str(error) or type(error).__name__)[:300]


def _quit(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(*NETWORK_ERRORS):
        smtp.quit()
    with contextlib.suppress(Exception):
        smtp.close()
