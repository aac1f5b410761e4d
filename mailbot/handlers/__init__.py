"""One handler per kind of message: what we do about it, inside the poll's transaction.

A handler may change participants and queue mail in the outbox; it never talks to
a server. It returns an Outcome: the message's final state and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.mail.parse import IncomingMail
from mailbot.outbox import Outbox
from mailbot.store.models import IncomingMessage, Participant


@dataclass(frozen=True)
class Outcome:
    state: str  # handled | needs_human | quarantined
    reason: str


class Lookups(Protocol):
    """What handlers look up during one batch; new participants must be remembered here."""

    def participant(self, email: str) -> Participant | None: ...

    def remember(self, participant: Participant) -> None: ...

    def forget(self, email: str) -> None: ...


@dataclass
class HandlerContext:
    session: Session
    config: Config
    outbox: Outbox
    now: datetime
    row: IncomingMessage
    mail: IncomingMail
    participant: Participant | None
    lookups: Lookups


def handled(reason: str) -> Outcome:
    return Outcome("handled", reason)


def needs_human(reason: str) -> Outcome:
    return Outcome("needs_human", reason)


def rate_limited(what: str) -> Outcome:
    """Not answered because of the rate limit: often a loop with an auto-responder, so a person looks at it."""
    return needs_human(f"{what}; rate limit reached (possibly a mail loop): not answered")
