"""Bounces that prove themselves: which addresses failed, how badly, and which mail of ours it was.

Anyone can send us a mail from MAILER-DAEMON that lists a participant's address next
to "550 5.1.1". So a bounce changes a participant only when it proves it is about a
mail we really sent to that address:

- our Message-ID in the returned headers (the ``text/rfc822-headers`` or
  ``message/rfc822`` part of an RFC 3464 report, or, for bounces written for people,
  the copy of the message quoted in the text), or
- the per-recipient return path it was delivered to (``local+b-<token>@domain``, see
  ``mailbot.mail.verp``), found in Delivered-To, X-Original-To, Envelope-To or To;

and only when the status for that address is permanent (5.x.x). A temporary failure
(4.x.x, or a delay warning) is reported as such: the caller counts those over several
days. Anything else, an out-of-office included, changes nothing.

    report = parse_bounce(mail, programme_address)       # pure, never raises
    proven_failures(report, recipient_of_message, recipient_of_token)
        -> (ProvenFailure(address, Failure.PERMANENT, "Message-ID <...>"), ...)

``recipient_of_message`` maps one of our Message-IDs to the address we sent that mail
to (None for an id we never used); ``recipient_of_token`` does the same for a VERP
token. Each of our mails goes to one recipient, so either proof names exactly one
address, and the report must name that same address as failed.

A permanent failure can also be a refusal of our mail (spam filter, policy: 5.7.x):
``RecipientStatus.refused_by_policy`` says so, for a caller that would rather tell the
organiser than call the address dead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import getaddresses
from enum import StrEnum

from mailbot.mail import bounce_text
from mailbot.mail.parse import IncomingMail
from mailbot.mail.verp import verp_token

_HEADER_MESSAGE_ID = re.compile(r"^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_FIELD = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$")
_SPAM = re.compile(r"\bspam|black ?list|block ?list|blocked|uribl|\brbl\b|reputation|policy|content rejected", re.I)
_NOT_FAILED = frozenset({"delivered", "relayed", "expanded"})
MAX_MESSAGE_IDS = 10


class Failure(StrEnum):
    PERMANENT = "permanent"  # 5.x.x: the address does not take our mail
    TEMPORARY = "temporary"  # 4.x.x or a delay: it may still work; count it
    NONE = "none"  # delivered, relayed, or no status we can read


@dataclass(frozen=True)
class RecipientStatus:
    address: str  # lower-case: Final-Recipient, or the address the text names
    action: str  # lower-case: "failed", "delayed", "delivered", "relayed", "expanded", or ""
    status: str  # "5.1.1"; "" when the report gives none
    diagnostic: str = ""  # what the remote server said: "550 5.1.1 <x@y>: Recipient address rejected"
    original_address: str = ""  # Original-Recipient, when the report gives it

    @property
    def failure(self) -> Failure:
        if self.action in _NOT_FAILED:
            return Failure.NONE
        if self.action == "delayed" or self.status.startswith("4."):
            return Failure.TEMPORARY
        return Failure.PERMANENT if self.status.startswith("5.") else Failure.NONE

    @property
    def refused_by_policy(self) -> bool:
        """A spam filter or another policy refused our mail (5.7.x, or the server says so): the address may work."""
        return self.failure is Failure.PERMANENT and (
            self.status.startswith("5.7.") or bool(_SPAM.search(self.diagnostic))
        )

    def names(self, address: str) -> bool:
        wanted = address.strip().lower()
        return bool(wanted) and wanted in (self.address, self.original_address)


@dataclass(frozen=True)
class BounceReport:
    recipients: tuple[RecipientStatus, ...]
    message_ids: tuple[str, ...]  # of the returned message: the headers part, or the copy quoted in the text
    verp_tokens: tuple[str, ...]  # of our per-recipient return paths this report was delivered to
    is_dsn: bool  # an RFC 3464 delivery-status part was present

    def failure_for(self, address: str) -> Failure:
        """The worst failure the report gives for this address (as final or original recipient)."""
        failures = {r.failure for r in self.recipients if r.names(address)}
        for failure in (Failure.PERMANENT, Failure.TEMPORARY):
            if failure in failures:
                return failure
        return Failure.NONE


@dataclass(frozen=True)
class ProvenFailure:
    address: str
    failure: Failure  # PERMANENT or TEMPORARY
    proof: str  # "Message-ID <...>" or "return path token k3x..."


def parse_bounce(mail: IncomingMail, programme_address: str) -> BounceReport:
    """What a delivery report says, read from the delivery-status part, else from its text."""
    recipients = _dsn_recipients(mail.delivery_status)
    if not recipients:
        ignored = {mail.sender, programme_address.lower(), *mail.recipients, *mail.envelope_recipients}
        named = [a.lower() for _, a in getaddresses([mail.header("x-failed-recipients")]) if "@" in a]
        recipients = tuple(
            RecipientStatus(f.address, _action_of(f.status), f.status, f.diagnostic)
            for f in bounce_text.failed_addresses(mail.text, named, ignored)
            if verp_token(f.address, programme_address) is None  # our own return path, quoted in the text
        )
    ids = list(_HEADER_MESSAGE_ID.findall(mail.returned_headers)[:1])
    if not mail.delivery_status:
        ids += bounce_text.quoted_message_ids(mail.text)
    delivered_to = (*mail.envelope_recipients, *mail.recipients)
    tokens = [t for t in (verp_token(a, programme_address) for a in delivered_to) if t]
    # each id costs the caller a look-up, and a forger can write thousands
    return BounceReport(recipients, tuple(dict.fromkeys(ids))[:MAX_MESSAGE_IDS], tuple(dict.fromkeys(tokens)),
                        bool(mail.delivery_status))


def proven_failures(
    report: BounceReport,
    recipient_of_message: Callable[[str], str | None],
    recipient_of_token: Callable[[str], str | None],
) -> tuple[ProvenFailure, ...]:
    """The failures for addresses we provably sent the returned mail to; see the module docstring."""
    proofs = [(recipient_of_message(i), f"Message-ID {i}") for i in report.message_ids]
    proofs += [(recipient_of_token(t), f"return path token {t}") for t in report.verp_tokens]
    found: dict[str, ProvenFailure] = {}
    for address, proof in proofs:
        if not address or address.lower() in found:
            continue
        failure = report.failure_for(address)
        if failure is not Failure.NONE:
            found[address.lower()] = ProvenFailure(address.lower(), failure, proof)
    return tuple(found.values())


def _dsn_recipients(delivery_status: str) -> tuple[RecipientStatus, ...]:
    """One RecipientStatus per recipient block of a message/delivery-status part."""
    found = []
    for fields in _blocks(delivery_status):
        final = _address_field(fields.get("final-recipient", ""))
        original = _address_field(fields.get("original-recipient", ""))
        if not final and not original:
            continue  # the per-message block (Reporting-MTA, Arrival-Date)
        diagnostic = fields.get("diagnostic-code", "").partition(";")
        text = (diagnostic[2] if diagnostic[1] else diagnostic[0]).strip()
        status = bounce_text.status_code(fields.get("status", "")) or bounce_text.status_code(text)
        action = fields.get("action", "").strip().split(" ")[0].lower()
        found.append(RecipientStatus(final or original, action, status, text[:300], original if final else ""))
    return tuple(found)


def _blocks(text: str) -> list[dict[str, str]]:
    """Header-style field blocks separated by blank lines; folded lines joined, names lower-cased."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
            current, last = {}, ""
        elif line[0] in " \t" and last:
            current[last] += " " + line.strip()
        elif match := _FIELD.match(line):
            last = match.group(1).lower()
            current.setdefault(last, match.group(2).strip())
    if current:
        blocks.append(current)
    return blocks


def _address_field(value: str) -> str:
    """The address of ``rfc822; <user@example.org>``; other address types give ""."""
    kind, separator, address = value.partition(";")
    if separator and kind.strip().lower() not in ("rfc822", "rfc822-address"):
        return ""
    address = (address if separator else kind).strip().strip("<>").strip().lower()
    return address if "@" in address and " " not in address else ""


def _action_of(status: str) -> str:
    return {"5": "failed", "4": "delayed", "2": "delivered"}.get(status[:1], "")
