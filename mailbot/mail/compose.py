"""Building our outgoing messages: headers that cannot be abused, threading, MIME parts.

Everything a sender wrote (names, subjects) goes through ``clean_header_text``:
no CR, LF or other control characters survive, so nothing they write can add a
header or a recipient.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.utils import format_datetime

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|antw|aw|sv|fw|fwd|doorst)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')
MAX_SUBJECT = 200
MAX_LINE = 900
MAX_REFERENCES = 10
MAX_HEADER_LINE = 998  # RFC 5322 2.1.1: a line is at most 998 characters, CRLF excluded
_THREAD_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]+>")  # one token of printable ASCII, no <, > or space


def clean_header_text(value: str, limit: int = MAX_SUBJECT) -> str:
    """One line of plain text, safe to put in a header."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", value or "")).strip()[:limit]


def reply_subject(original: str) -> str:
    subject = clean_header_text(original)
    bare = _REPLY_PREFIX.sub("", subject)
    return f"Re: {bare}" if bare else "Re:"


def fits_a_header(message_id: str) -> bool:
    """Whether a Message-ID can be quoted in In-Reply-To and References: one token of printable ASCII that fits
    on a header line with the header's name. A message-id cannot be folded, so one that does not fit is left out
    (the subject still threads the reply) rather than making a line no server accepts."""
    return (len("In-Reply-To: ") + len(message_id) <= MAX_HEADER_LINE
            and _THREAD_ID.fullmatch(message_id) is not None)


def make_message_id(kind: str, domain: str) -> str:
    return f"<mailbot.{kind}.{secrets.token_hex(10)}@{domain}>"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutgoingMail:
    from_name: str
    from_address: str
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime
    in_reply_to: str = ""
    references: Sequence[str] = ()
    auto_submitted: str = "auto-replied"
    language: str = "nl"
    attachments: Sequence[Attachment] = ()
    reply_to: Sequence[tuple[str, str]] = ()  # (name, address): where answers should go, when not to From
    also_to: Sequence[tuple[str, str]] = ()  # (name, address): more people the mail is addressed to, openly

    def to_bytes(self) -> bytes:
        """The message as CRLF bytes, ready for SMTP.

        Written by hand rather than with EmailMessage: that generator costs ~5 ms
        a message, more than everything else we do for a reply together.
        """
        refs = [r for r in self.references if fits_a_header(r)][-MAX_REFERENCES:]  # one a line, folded below
        headers = [
            ("From", _mailbox(self.from_name, self.from_address)),
            ("To", ", ".join(_mailbox(name, address) for name, address in ((self.to_name, self.to_address),
                                                                              *self.also_to))),
            ("Subject", _unstructured(clean_header_text(self.subject))),
            ("Date", format_datetime(self.date)),
            ("Message-ID", self.message_id),
        ]
        if self.reply_to:
            headers.append(("Reply-To", ", ".join(_mailbox(name, address) for name, address in self.reply_to)))
        if fits_a_header(self.in_reply_to):
            headers.append(("In-Reply-To", self.in_reply_to))
        if refs:
            headers.append(("References", "\r\n ".join(refs)))
        headers += [
            ("Auto-Submitted", self.auto_submitted),
            ("X-Auto-Response-Suppress", "All"),
            ("X-Loop", self.from_address),
            ("Content-Language", self.language),
            ("MIME-Version", "1.0"),
        ]
        body = _text_part("plain", self.text)
        if self.html is not None:
            body = _multipart("alternative", [body, _text_part("html", self.html)])
        if self.attachments:
            body = _multipart("mixed", [body, *(_attachment_part(a) for a in self.attachments)])
        head = "".join(f"{name}: {value}\r\n" for name, value in headers)
        # an internationalised address (RFC 6531) can only travel as UTF-8 headers, over SMTPUTF8
        return head.encode("ascii" if head.isascii() else "utf-8") + body


def _mailbox(name: str, address: str) -> str:
    """One address with an optional display name; the name is decoration only and always encoded safely."""
    name = clean_header_text(name, 100)
    if not name:
        return address
    if name.isascii() and not _SPECIALS.search(name):
        return f"{name} <{address}>"
    if name.isascii():
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + f'" <{address}>'
    return f"{Header(name, 'utf-8').encode()} <{address}>"


def _unstructured(value: str) -> str:
    if value.isascii() and len(value) < 900:
        return value
    return Header(value, "utf-8", header_name="Subject").encode(linesep="\r\n")


def _text_part(subtype: str, text: str) -> bytes:
    """A text part, 8bit when it has non-ASCII text (every current server takes 8BITMIME; the
    sender downgrades for one that does not); quoted-printable only for over-long lines."""
    if subtype == "html":
        text = compact_html(text)
    data = text.replace("\r\n", "\n").encode("utf-8")
    short_lines = all(len(line) <= MAX_LINE for line in data.split(b"\n"))
    if short_lines:
        cte, payload = ("7bit" if text.isascii() else "8bit"), data
    else:
        cte, payload = "quoted-printable", binascii.b2a_qp(data, istext=True)
    payload = payload.replace(b"\n", b"\r\n")
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return (f'Content-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
            .encode() + payload)


def compact_html(html: str) -> str:
    """HTML with the template's indentation folded: fewer lines for every parser on the way.

    Whitespace after a tag goes; a line break inside text stays a line break, because
    text shown with ``white-space: pre-line`` (a meeting's programme in an organiser's
    own template) needs it. Lines are cut after a tag, well inside SMTP's 998-byte limit.
    """
    flat = re.sub(r">\s*\n\s*", ">", html.strip())
    flat = re.sub(r"[ \t]*\n[ \t]*", "\n", flat)
    lines: list[str] = []
    for line in flat.split("\n"):
        start = 0
        while len(line) - start > MAX_LINE:
            cut = line.rfind(">", start, start + MAX_LINE)
            cut = cut + 1 if cut > start else start + MAX_LINE
            lines.append(line[start:cut])
            start = cut
        lines.append(line[start:])
    return "\n".join(lines) + "\n"


def _attachment_part(a: Attachment) -> bytes:
    params = "".join(f'; {k}="{v}"' for k, v in a.params.items())
    filename = clean_header_text(a.filename, 100).replace('"', "")
    payload = base64.encodebytes(a.content).replace(b"\n", b"\r\n")
    return (f'Content-Type: {a.maintype}/{a.subtype}; name="{filename}"{params}\r\n'
            f'Content-Disposition: attachment; filename="{filename}"\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\n").encode() + payload


def _multipart(subtype: str, parts: list[bytes]) -> bytes:
    boundary = f"=_mailbot_{secrets.token_hex(12)}"
    out = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode()]
    for part in parts:
        out.append(f"--{boundary}\r\n".encode())
        out.append(part)
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


