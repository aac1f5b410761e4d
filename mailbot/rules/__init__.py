"""Small rules, one per module: each answers one yes/no question about a message: did a machine make it?

A rule has a ``name``, a one-line ``description`` and ``check(mail, facts) -> bool``.
Rules are pure: everything they need from storage arrives precomputed in ``Facts``.
The order in which they are asked, and what a match means, is data in
``mailbot.engine.classify.CHAIN``. What people write is read by ``mailbot.understand``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mailbot.mail.parse import IncomingMail


@dataclass(frozen=True)
class Facts:
    """What storage knows about a message, looked up once before the rules run."""

    own_addresses: frozenset[str]
    own_domain: str
    duplicate: bool = False  # its Message-ID (or raw hash) was stored before
    # earlier mails of this conversation from this sender, in the last day: with the very same words, and
    # with the same words but other numbers (a ticket system's auto-responder: "uw melding 4711 ...")
    repeats: int = 0
    similar: int = 0
    answers_us: bool = False  # from an organiser, or an answer to a request of ours: a person, never a loop


class Rule(Protocol):
    """What each rule module provides (a module satisfies this protocol)."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    def check(self, mail: IncomingMail, facts: Facts) -> bool: ...
