"""Building our outgoing messages: headers that cannot be abused, threading, MIME parts.

Everything a sender wrote (names, subjects) goes through ``clean_header_text``:
no CR, LF or other control characters survive, so nothing they write can add a
header or a recipient.
"""

from __future__ import annotations

import email.policy
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|antw|aw|sv|fw|fwd|doorst)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
MAX_SUBJECT = 200
MAX_REFERENCES = 10


def clean_header_text(value: str, limit: int = MAX_SUBJECT) -> str:
    """One line of plain text, safe to put in a header."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", value or "")).strip()[:limit]


def reply_subject(original: str) -> str:
    subject = clean_header_text(original)
    bare = _REPLY_PREFIX.sub("", subject)
    return f"Re: {bare}" if bare else "Re:"


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

    def to_bytes(self) -> bytes:
        msg = EmailMessage(policy=email.policy.SMTP)
        msg["From"] = Address(clean_header_text(self.from_name, 100), addr_spec=self.from_address)
        msg["To"] = _address(self.to_name, self.to_address)
        msg["Subject"] = clean_header_text(self.subject)
        msg["Date"] = format_datetime(self.date)
        msg["Message-ID"] = self.message_id
        if self.in_reply_to:
            msg["In-Reply-To"] = self.in_reply_to
        refs = [r for r in self.references if r][-MAX_REFERENCES:]
        if refs:
            msg["References"] = " ".join(refs)
        msg["Auto-Submitted"] = self.auto_submitted
        msg["X-Auto-Response-Suppress"] = "All"
        msg["X-Loop"] = self.from_address
        msg["Content-Language"] = self.language
        msg.set_content(self.text, cte="quoted-printable" if _needs_qp(self.text) else "7bit")
        if self.html is not None:
            msg.add_alternative(self.html, subtype="html", cte="quoted-printable")
        for a in self.attachments:
            msg.add_attachment(a.content, maintype=a.maintype, subtype=a.subtype, filename=a.filename,
                               params=a.params)
        return msg.as_bytes()


def _address(name: str, address: str) -> Address:
    """The recipient: exactly one address, the one we were given; the name is decoration only."""
    try:
        return Address(clean_header_text(name, 100), addr_spec=address)
    except (ValueError, IndexError):
        return Address("", addr_spec=address)


def _needs_qp(text: str) -> bool:
    return not text.isascii() or any(len(line) > 900 for line in text.splitlines())
