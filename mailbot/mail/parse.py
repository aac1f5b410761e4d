"""Raw bytes -> IncomingMail: the facts the rules and handlers need, decoded once.

Pure and defensive: whatever the bytes are, ``parse_mail`` returns an IncomingMail
or raises MalformedMail with a reason; it never lets another exception escape.
The compat32 parser is used on purpose: it is several times faster than the
``default`` policy and never raises on odd headers; we decode headers ourselves.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime

from mailbot.mail.address import address_problem, is_address
from mailbot.mail.html_text import carries_hidden, read_html
from mailbot.mail.split import split_body

FALLBACK_CHARSETS = ("utf-8", "windows-1252", "latin-1")
# labels under which mail clients send windows-1252 (curly quotes, the euro sign); browsers read them so too
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin-1", "latin1", "l1", "cp819"})
MAX_PARTS = 500  # a message with more parts than this is hostile or broken
MAX_DEPTH = 40
MAX_RETURNED = 20_000  # a returned header block longer than this is cut: ours are a few hundred bytes
_MSGID = re.compile(r"<[^<>\s]+>")
# headers the delivering server writes with the envelope recipient (Postfix, Exim, qmail, Dovecot LDA)
_ENVELOPE_HEADERS = ("delivered-to", "x-original-to", "envelope-to", "x-envelope-to")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# quoted strings and comments are left alone: specials inside them cannot start an address
_QUOTED_OR_ENCODED = re.compile(r'"(?:[^"\\]|\\.)*"|\((?:[^()\\]|\\.)*\)|(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)')


@dataclass(frozen=True)
class AttachedFile:
    """A file someone attached: what a person should see, not an image in their signature."""

    filename: str
    content_type: str
    size: int


class MalformedMail(Exception):
    """The bytes are not a message we can read; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IncomingMail:
    message_id: str  # "<id@host>", or "" when the message has none
    sender: str  # lower-cased address from From ("" when unreadable or not a real address)
    sender_name: str
    subject: str
    date: datetime | None
    recipients: tuple[str, ...]  # To and Cc addresses, lower-cased
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    headers: dict[str, str]  # lower-cased name -> decoded value (first occurrence)
    header_names: frozenset[str]
    content_type: str
    report_type: str
    part_types: tuple[str, ...]
    text: str  # the readable body: text/plain, else the HTML as text
    html: str | None  # the HTML body, when there is one
    new_text: str  # what the sender wrote, sign-off included: see mailbot.mail.split
    calendar: bytes | None  # the first text/calendar part
    delivery_status: str  # the message/delivery-status part, for bounces
    return_path: str | None  # None when absent; "" for the null return path <>
    defects: tuple[str, ...] = field(default=())
    sign_off: str = ""  # the closing at the end of new_text
    signature: str = ""  # device lines and '-- ' blocks, not in new_text
    disclaimer: str = ""  # legal footers, not in new_text
    quote_header: str = ""  # the line(s) introducing the quoted or embedded original
    quoted: str = ""  # the quoted and embedded originals
    set_aside: str = ""  # words outside the quote not read as new text (signature, disclaimer): see split.SplitBody
    authentication_results: tuple[str, ...] = ()  # every Authentication-Results value as sent, topmost first
    sender_problem: str = ""  # why the From address is not one we may write to ("" when it is, or there is none)
    returned_headers: str = ""  # a bounce's copy of our headers: text/rfc822-headers or message/rfc822
    envelope_recipients: tuple[str, ...] = ()  # Delivered-To, X-Original-To, Envelope-To: where it was delivered
    attachments: tuple[AttachedFile, ...] = ()  # files attached by the sender (signature images left out)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def thread_ids(self) -> tuple[str, ...]:
        return self.in_reply_to + self.references


def decode_header_value(value: object) -> str:
    """A header as readable text: RFC 2047 words decoded, raw 8-bit bytes guessed, controls removed."""
    if value is None:
        return ""
    text = _restore_8bit(value) if isinstance(value, email.header.Header) else str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # raw 8-bit bytes kept as surrogates
        text = decode_bytes(text.encode("ascii", "surrogateescape"), None)
    try:
        chunks = decode_header(text)
    except (ValueError, IndexError, AssertionError, LookupError):
        chunks = [(text, None)]
    out = []
    for chunk, charset in chunks:
        out.append(decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    joined = "".join(out)
    joined = re.sub(r"\s*[\r\n]+\s*", " ", joined)
    return _CONTROL.sub("", joined).strip()


def _restore_8bit(value: email.header.Header) -> str:
    """compat32 wraps a header holding raw 8-bit bytes in an 'unknown-8bit' Header; str() would make them U+FFFD."""
    chunks = decode_header(value)
    return "".join(decode_bytes(c, cs) if isinstance(c, bytes) else str(c) for c, cs in chunks)


def parse_addresses(raw: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header as sent; names are decoded after the split.

    Decoding first would let an encoded word in a display name smuggle in an address of its own
    ("=?utf-8?q?Jan=0D=0ABcc:_victim@evil.test?= <jan@example.nl>"), so encoded words are quoted first.
    """
    def quote(match: re.Match[str]) -> str:
        word = match.group(1)
        return match.group(0) if word is None else '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'

    protected = _QUOTED_OR_ENCODED.sub(quote, raw)
    return [(decode_header_value(name), address.strip()) for name, address in getaddresses([protected])]


_QUOTED_OR_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|\((?:[^()\\]|\\.)*\)')
_ANGLE_ADDR = re.compile(r"<([^<>]*)>")


def sender_of(raw: str) -> tuple[str, str]:
    """(display name, address as written) of a From header: the one angle address when there is one.

    A display name that looks like an address ("victim@evil.test <u@org.test>") must never
    become the sender, or we would reply to whoever the sender names. More than one address,
    or none, gives no sender: such mail is set aside rather than answered. The address is
    returned as written, encoded words and all: whether it is a real one is
    ``mailbot.mail.address``'s to say (``<=?utf-8?q?...?=@org.test>`` is not).
    """
    pairs = [(name, address) for name, address in parse_addresses(raw) if "@" in address]
    angles = _ANGLE_ADDR.findall(_QUOTED_OR_COMMENT.sub('""', raw))
    if len(angles) == 1:
        address = angles[0].strip()
        named = [name for name, found in pairs if found.strip().lower() == address.lower()]
        return (named[0] if named else ""), address
    if len(angles) > 1 or len(pairs) != 1:
        return "", ""
    return pairs[0]


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, then the usual suspects, never failing."""
    tried = []
    if charset:
        declared = charset.strip().strip('"').lower()
        tried = ["windows-1252", declared] if declared in _LATIN1_LABELS else [declared]
    for candidate in [*tried, *FALLBACK_CHARSETS]:
        if candidate in ("unknown-8bit", "x-unknown", "us-ascii", "ascii") and candidate in tried:
            continue  # a lie or too narrow: fall through to the guesses
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1", errors="replace")


def normalise_message_id(value: str) -> str:
    found = _MSGID.search(value or "")
    if found:
        return found.group(0)
    value = (value or "").strip()
    return f"<{value}>" if value and " " not in value else ""


def message_ids(value: str) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value or ""))


def _walk(message: email.message.Message, depth: int = 0) -> Iterator[email.message.Message]:
    """Every part, depth first, refusing absurd nesting."""
    if depth > MAX_DEPTH:
        raise MalformedMail(f"MIME nesting deeper than {MAX_DEPTH} levels")
    yield message
    if message.is_multipart() and message.get_content_type() != "message/delivery-status":
        payload = message.get_payload()
        if isinstance(payload, list):
            for part in payload:
                if isinstance(part, email.message.Message):
                    yield from _walk(part, depth + 1)


def _part_text(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload, part.get_content_charset())


def _is_attachment(part: email.message.Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).lower()
    return disposition.startswith("attachment")


# small inline images are logos in signatures; calendar parts and delivery reports are read elsewhere
_NOT_A_FILE = ("text/calendar", "message/delivery-status", "text/rfc822-headers", "message/disposition-notification")
SIGNATURE_IMAGE_BYTES = 40_000


def attached_files(message: email.message.Message) -> tuple[AttachedFile, ...]:
    """The files a person attached: named parts meant as attachments, not their signature's logo."""
    found = []
    for part in _walk(message):
        if part.is_multipart() or part.get_content_type() in _NOT_A_FILE:
            continue
        filename = part.get_filename()
        disposition = str(part.get("Content-Disposition", "")).lower()
        if not filename and not disposition.startswith("attachment"):
            continue
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        inline_image = part.get_content_maintype() == "image" and (
            not disposition.startswith("attachment") or part.get("Content-ID"))
        if inline_image and size < SIGNATURE_IMAGE_BYTES:
            continue
        found.append(AttachedFile(decode_header_value(filename or "") or "bijlage", part.get_content_type(), size))
    return tuple(found)


def _bodies(message: email.message.Message) -> tuple[str, str | None, bytes | None, str, tuple[str, ...]]:
    plain: str | None = None
    html: str | None = None
    calendar: bytes | None = None
    delivery_status = ""
    broken: str | None = None  # a multipart without a usable boundary: its raw payload is all we have
    types = []
    for count, part in enumerate(_walk(message)):
        if count > MAX_PARTS:
            raise MalformedMail(f"more than {MAX_PARTS} MIME parts")
        ctype = part.get_content_type()
        types.append(ctype)
        if ctype == "message/delivery-status":  # compat32 parses it into header blocks: a 'multipart'
            payload = part.get_payload()
            if isinstance(payload, list):
                delivery_status = "\n\n".join(p.as_string() for p in payload if isinstance(p, email.message.Message))
            else:
                delivery_status = _part_text(part)
            continue
        if part.is_multipart():
            continue
        if ctype == "text/calendar" and calendar is None:
            data = part.get_payload(decode=True)
            calendar = data if isinstance(data, bytes) else None
        elif ctype == "text/plain" and plain is None and not _is_attachment(part):
            plain = _part_text(part)
        elif ctype == "text/html" and html is None and not _is_attachment(part):
            html = _part_text(part)
        elif part.get_content_maintype() == "multipart" and broken is None:
            payload = part.get_payload()
            broken = payload if isinstance(payload, str) else None
    shown = read_html(html) if html else None  # what a client shows: hidden HTML text is never the person's words
    if plain is not None and plain.strip():
        text = shown.text if shown is not None and carries_hidden(plain, shown) else plain
    else:
        text = shown.text if shown is not None else plain or ""
    if not text.strip() and broken:
        text = broken
    return text, html, calendar, delivery_status, tuple(types)


def _returned_headers(message: email.message.Message) -> str:
    """The header block of the first attached message: in a bounce, the copy of the mail that failed."""
    for part in _walk(message):
        ctype = part.get_content_type()
        if ctype == "text/rfc822-headers":
            block = _part_text(part)
        elif ctype == "message/rfc822" and part is not message:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else payload
            if isinstance(inner, email.message.Message):
                block = "".join(f"{k}: {_restore_8bit(v) if isinstance(v, email.header.Header) else v}\n"
                                for k, v in inner.items())
            else:
                block = inner if isinstance(inner, str) else ""
        else:
            continue
        return re.split(r"\r?\n[ \t]*\r?\n", block.replace("\r\n", "\n").lstrip("\n"), maxsplit=1)[0][:MAX_RETURNED]
    return ""


def _all_values(message: email.message.Message, name: str) -> list[str]:
    return [decode_header_value(value) for value in message.get_all(name) or []]


def _envelope_recipients(message: email.message.Message) -> tuple[str, ...]:
    found = [
        address.lower()
        for name in _ENVELOPE_HEADERS
        for value in _all_values(message, name)
        for _, address in getaddresses([value])
        if "@" in address
    ]
    return tuple(dict.fromkeys(found))


def parse_mail(raw: bytes) -> IncomingMail:
    """Read the facts of one raw message; raise MalformedMail when there is nothing to read."""
    if not raw or not raw.strip():
        raise MalformedMail("empty message")
    try:
        return _parse(raw)
    except MalformedMail:
        raise
    except RecursionError:
        raise MalformedMail("MIME structure too deeply nested") from None
    except Exception as e:  # noqa: BLE001 - the stdlib parser has many failure modes; all mean 'unreadable'
        raise MalformedMail(f"unreadable message: {type(e).__name__}: {e}"[:300]) from None


def _as_sent(message: email.message.Message, name: str) -> list[str]:
    """Every header of that name as sent, unfolded: encoded words are not decoded (they have no place in a
    structured header such as Authentication-Results, and decoded they could write its verdict)."""
    values = [_restore_8bit(v) if isinstance(v, email.header.Header) else str(v) for v in message.get_all(name) or []]
    return [re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", value).strip() for value in values]


def _raw_header(message: email.message.Message, name: str, *, controls: bool = False) -> str:
    """The first header of that name as sent: encoded words left as they are, raw 8-bit bytes guessed;
    control characters taken out unless ``controls`` (an address that holds one is no address)."""
    value = message.get(name)
    if value is None:
        return ""
    text = re.sub(r"[\r\n]+", " ", _restore_8bit(value) if isinstance(value, email.header.Header) else str(value))
    return text if controls else _CONTROL.sub("", text)


def _parse(raw: bytes) -> IncomingMail:
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    names = [k.lower() for k in message.keys()]
    if not names:
        raise MalformedMail("no headers")
    headers: dict[str, str] = {}
    for key, value in message.items():
        headers.setdefault(key.lower(), decode_header_value(value))
    sender_name, written = sender_of(_raw_header(message, "from", controls=True))
    sender_problem = address_problem(written) if written else ""
    sender = "" if sender_problem else written.lower()
    recipients = tuple(
        addr.lower()
        for name in ("to", "cc")
        for _, addr in parse_addresses(_raw_header(message, name, controls=True))
        if is_address(addr)
    )
    try:
        date = parsedate_to_datetime(headers["date"]) if headers.get("date") else None
    except (TypeError, ValueError, IndexError):
        date = None
    return_path = None
    if "return-path" in headers:
        rp = getaddresses([headers["return-path"]])
        return_path = rp[0][1].lower() if rp else ""
    text, html, calendar, delivery_status, types = _bodies(message)
    parts = split_body(text)
    return IncomingMail(
        message_id=normalise_message_id(headers.get("message-id", "")),
        sender=sender,
        sender_problem=f"the From address {written[:200]!r} is not a real address: {sender_problem}"
        if sender_problem else "",
        sender_name=sender_name.strip().strip('"').strip(),
        subject=headers.get("subject", ""),
        date=date,
        recipients=recipients,
        in_reply_to=message_ids(headers.get("in-reply-to", "")),
        references=message_ids(headers.get("references", "")),
        headers=headers,
        header_names=frozenset(names),
        content_type=message.get_content_type(),
        report_type=str(message.get_param("report-type", "", header="content-type") or "").lower(),
        part_types=types,
        text=text,
        html=html,
        new_text=parts.new_text,
        calendar=calendar,
        delivery_status=delivery_status,
        return_path=return_path,
        defects=tuple(type(d).__name__ for d in message.defects),
        sign_off=parts.sign_off,
        signature=parts.signature,
        disclaimer=parts.disclaimer,
        quote_header=parts.quote_header,
        quoted=parts.quoted,
        set_aside=parts.set_aside,
        authentication_results=tuple(_as_sent(message, "authentication-results")),
        returned_headers=_returned_headers(message),
        envelope_recipients=_envelope_recipients(message),
        attachments=attached_files(message),
    )
