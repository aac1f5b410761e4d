"""The chain: which rule decides which kind, in which order. The first rule that matches wins.

The order matters and is the design: machines are recognised before people (a
bounce quoting our questionnaire is a bounce, not an answer), and among people
the most specific intent comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.domain import Kind
from mailbot.mail.parse import IncomingMail
from mailbot.rules import (
    Facts,
    Rule,
    answer,
    auto_reply,
    bounce,
    bulk,
    calendar_reply,
    confirmation,
    decline,
    duplicate,
    forget_request,
    interest,
    own_address,
    question,
    receipt,
    spam,
    withdrawal,
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
    (confirmation, Kind.CONFIRMATION),
    (forget_request, Kind.FORGET_REQUEST),
    (withdrawal, Kind.WITHDRAWAL),
    (decline, Kind.DECLINE),
    (answer, Kind.ANSWER),
    (question, Kind.QUESTION),
    (interest, Kind.INTEREST),
)


@dataclass(frozen=True)
class Classification:
    kind: Kind
    rule: str


def classify(mail: IncomingMail, facts: Facts) -> Classification:
    for rule, kind in CHAIN:
        if rule.check(mail, facts):
            return Classification(kind, rule.name)
    return Classification(Kind.UNKNOWN, "none")
