"""The chain: which rule decides which kind, in which order. The first rule that matches wins.

The order matters and is the design: machines are recognised before people (a
bounce quoting our questionnaire is a bounce, not an answer), and among people
the most specific intent comes first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import ModuleType

from mailbot.mail.parse import IncomingMail
from mailbot.rules import (
    Facts,
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

log = logging.getLogger(__name__)

# (rule, kind it assigns)
CHAIN: tuple[tuple[ModuleType, str], ...] = (
    (own_address, "loop"),
    (duplicate, "duplicate"),
    (bounce, "bounce"),
    (receipt, "receipt"),
    (calendar_reply, "calendar_reply"),
    (auto_reply, "auto_reply"),
    (spam, "spam"),
    (bulk, "bulk"),
    (confirmation, "confirmation"),
    (forget_request, "forget_request"),
    (withdrawal, "withdrawal"),
    (decline, "decline"),
    (answer, "answer"),
    (question, "question"),
    (interest, "interest"),
)

KINDS = tuple(kind for _, kind in CHAIN) + ("malformed", "oversized")
# kinds made by machines: never answered, whatever else happens
MACHINE_KINDS = frozenset({"loop", "duplicate", "bounce", "receipt", "calendar_reply", "auto_reply", "spam", "bulk"})


@dataclass(frozen=True)
class Classification:
    kind: str
    rule: str


def classify(mail: IncomingMail, facts: Facts) -> Classification:
    for rule, kind in CHAIN:
        if rule.check(mail, facts):
            return Classification(kind, rule.name)
    return Classification("unknown", "none")
