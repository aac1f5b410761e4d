"""The chain of machine rules: which rule decides which kind, in which order. The first that matches wins.

Machines are recognised before anything is read as a person's words (a bounce quoting
our questionnaire is a bounce, not an answer), and strictly: a mail that matches no rule
was written by a person, and ``mailbot.understand`` finds everything it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.core.domain import Kind
from mailbot.mail.parse import IncomingMail
from mailbot.rules import (
    Facts,
    Rule,
    auto_reply,
    bounce,
    bulk,
    calendar_reply,
    duplicate,
    own_address,
    receipt,
    repeated,
    spam,
)

# (rule, the kind it assigns); mypy checks that every module here is a Rule
CHAIN: tuple[tuple[Rule, Kind], ...] = (
    (own_address, Kind.LOOP),
    (duplicate, Kind.DUPLICATE),
    (bounce, Kind.BOUNCE),
    (receipt, Kind.RECEIPT),
    (calendar_reply, Kind.CALENDAR_REPLY),
    (auto_reply, Kind.AUTO_REPLY),
    (spam, Kind.SPAM),
    (bulk, Kind.BULK),
    (repeated, Kind.LOOP),
)


@dataclass(frozen=True)
class Classification:
    kind: Kind
    rule: str


def classify(mail: IncomingMail, facts: Facts) -> Classification | None:
    """The machine kind of the message, or None: a person wrote it (``mailbot.understand`` reads it)."""
    for rule, kind in CHAIN:
        if rule.check(mail, facts):
            return Classification(kind, rule.name)
    return None
