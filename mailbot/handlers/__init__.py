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
from mailbot.domain import State
from mailbot.mail.parse import IncomingMail
from mailbot.outbox import Outbox
from mailbot.store.models import IncomingMessage, Participant


@dataclass(frozen=True)
class Outcome:
    state: State
    reason: str


class Lookups(Protocol):
    """What handlers look up during one batch (``mailbot.batch.Batch``); it sees new participants itself."""

    def participant(self, email: str) -> Participant | None: ...

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

    @property
    def kind(self) -> str:
        return self.row.kind


def handled(reason: str) -> Outcome:
    return Outcome(State.HANDLED, reason)


def needs_human(reason: str) -> Outcome:
    return Outcome(State.NEEDS_HUMAN, reason)


def rate_limited(what: str) -> Outcome:
    """Not answered because of the rate limit: often a loop with an auto-responder, so a person looks at it."""
    return needs_human(f"{what}; rate limit reached (possibly a mail loop): not answered")
