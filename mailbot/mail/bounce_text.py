"""Reading bounces written for people: qmail, Exim, Postfix without DSN, old Exchange, Yahoo, Gmail's plain text.

Such a bounce is a few sentences, then each failed address followed by what the remote
server said, then often a copy of the original message. We read the part before the
copy: an address and the first status code after it (``550 5.1.1``, ``(#5.5.0)``), or,
when there is none, the wording of the whole report ("This is a permanent error",
"has not yet been delivered"). The copy is where our Message-ID may be quoted.

Pure functions on text; ``mailbot.mail.dsn`` turns their findings into a report.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# an enhanced status code (RFC 3463), not a piece of an IP address or a version number
_ENHANCED = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)")
# a basic SMTP reply code as servers write it: "550 ", "550-", "554:"
_BASIC = re.compile(r"(?<![\w.#])([45])[0-5]\d(?=[ :-])")
# starts only where a local part can start: otherwise a long word costs a scan from each of its letters
_ADDRESS = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_SYSTEM_LOCAL = re.compile(r"^(?:postmaster|mailer-daemon|mail-daemon|mdaemon|abuse|root|noreply|no-reply)$", re.I)
# where the copy of the original message starts; everything above it is the report
_COPY = re.compile(
    r"^[ \t]*-{2,}+[^\n]*?(?:copy of|original|unsent message|returned message|message follows|header(?:s)? of)"
    r"|^[ \t]*(?:original message headers|message headers follow)\b"
    r"|^(?:Return-Path|Received|DKIM-Signature|Delivered-To):",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTED_MESSAGE_ID = re.compile(r"^[ \t>|]*Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_TEMPORARY = re.compile(
    r"not yet been delivered|has been delayed|delivery (?:is )?delayed|will (?:retry|try again|continue)"
    r"|still (?:trying|being retried)|temporar(?:y|ily) (?:error|failure|unavailable)|\bdeferred\b",
    re.IGNORECASE,
)
_PERMANENT = re.compile(
    r"permanent(?:ly)? (?:error|failure|fatal)|failed permanently|permanent fatal errors?|user unknown|unknown user"
    r"|unknown recipient|no such (?:user|mailbox|recipient)|recipient name is not recognized"
    r"|(?:mailbox|address|user|account) (?:does not|doesn't) exist|not a valid (?:user|recipient|address)"
    r"|invalid (?:final delivery )?(?:userid|user|recipient|address)|account (?:has been )?(?:disabled|discontinued)",
    re.IGNORECASE,
)
MAX_REPORT = 20_000  # the report part of a real bounce is a few hundred bytes
MAX_TEXT = 100_000  # the report and the headers of the copy come first; the rest is the body we sent
MAX_ADDRESSES = 50


@dataclass(frozen=True)
class TextFinding:
    address: str  # lower-case
    status: str  # "5.1.1", "5.0.0" when only a basic code or the wording said so, "" when nothing did
    diagnostic: str  # the line that said it


def status_code(text: str) -> str:
    """The first enhanced status code in the text, else one made from the first basic reply code, else ""."""
    enhanced = _ENHANCED.search(text)
    if enhanced:
        return ".".join(enhanced.groups())
    basic = _BASIC.search(text)
    return f"{basic.group(1)}.0.0" if basic else ""


def report_part(text: str) -> str:
    """The text above the copy of the original message."""
    text = text[:MAX_TEXT]
    copy = _COPY.search(text)
    return (text[: copy.start()] if copy else text)[:MAX_REPORT]


def quoted_message_ids(text: str) -> tuple[str, ...]:
    """Message-ID header lines of a message quoted in the text, as ``<id>``."""
    return tuple(dict.fromkeys(_QUOTED_MESSAGE_ID.findall(text[:MAX_TEXT])))


def failed_addresses(text: str, named: Collection[str], ignored: Collection[str]) -> tuple[TextFinding, ...]:
    """Each address the report names (``named`` first: X-Failed-Recipients), with what was said after it."""
    report = report_part(text)
    skip = {a.lower() for a in ignored}
    found = [a.lower() for a in named] + [a.lower() for a in _ADDRESS.findall(report)]
    addresses = [a for a in dict.fromkeys(found) if a not in skip and not _SYSTEM_LOCAL.match(a.partition("@")[0])]
    lowered = report.lower()
    ordered = sorted((lowered.find(a), a) for a in addresses[:MAX_ADDRESSES])
    findings = []
    for index, (start, address) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else len(report)
        own = report[start:end] if start >= 0 else ""  # from this address to the next one
        whole = report if len(ordered) == 1 else ""  # a lone address owns the whole report
        status = status_code(own) or status_code(whole) or _status_from_wording(report)
        findings.append(TextFinding(address, status, _diagnostic(own, address) or _diagnostic(whole or report, "")))
    return tuple(findings)


def _status_from_wording(report: str) -> str:
    if _TEMPORARY.search(report):
        return "4.0.0"
    return "5.0.0" if _PERMANENT.search(report) else ""


def _diagnostic(text: str, address: str) -> str:
    """The line with a status code, else one with telling wording, else the first line after the address."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    coded = next((line for line in lines if _ENHANCED.search(line) or _BASIC.search(line)), "")
    worded = next((line for line in lines if _PERMANENT.search(line) or _TEMPORARY.search(line)), "")
    said = next((line for line in lines if address and line.lower().strip("<>: ") != address), "")
    return (coded or worded or said)[:300]
