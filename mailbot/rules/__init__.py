"""Small rules, one per module: each answers one yes/no question about a message.

A rule has a ``name``, a one-line ``description`` and ``check(mail, facts) -> bool``.
Rules are pure: everything they need from storage arrives precomputed in ``Facts``.
The order in which they are asked, and what a match means, is data in
``mailbot.classify.CHAIN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mailbot.domain import Status
from mailbot.mail.parse import IncomingMail


@dataclass(frozen=True)
class Facts:
    """What storage knows about a message, looked up once by the runner before the rules run."""

    own_addresses: frozenset[str]
    own_domain: str
    duplicate: bool = False  # its Message-ID (or raw hash) was stored before
    participant_status: Status | None = None  # the sender's status, if they are a participant
    replies_to: str | None = None  # the kind of our own mail it answers (questionnaire, reminder, ...)
    reply_tokens: frozenset[str] = field(default=frozenset())  # confirmation tokens found in the mail
    carries_questionnaire: bool = False  # the text holds our questionnaire or a numbered answer list


class Rule(Protocol):
    """What each rule module provides (a module satisfies this protocol)."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    def check(self, mail: IncomingMail, facts: Facts) -> bool: ...


def text_of_interest(mail: IncomingMail) -> str:
    """Subject and the sender's own words, lower-cased: what content rules look at."""
    return f"{mail.subject}\n{mail.new_text}".lower()
