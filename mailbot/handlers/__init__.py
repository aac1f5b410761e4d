"""What we do about a mail, inside the poll's transaction: one handler per finding, one per machine kind.

A handler may change participants and records, and adds to the mail's ``Response``
(``mailbot.conversation.respond``): the reply it offers, a sentence for the reply, a reason to hand
the mail to the organiser. It never talks to a server and never queues the reply itself.
It returns an Outcome: the message's state and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.conversation.respond import Response
from mailbot.core.domain import State
from mailbot.mail.authresults import Authenticity
from mailbot.mail.parse import IncomingMail
from mailbot.outbox.queue import Outbox
from mailbot.store.models import Action, IncomingMessage, Participant
from mailbot.understand import Reading
from mailbot.wording.templates import Templates


@dataclass(frozen=True)
class Outcome:
    state: State
    reason: str


class Lookups(Protocol):
    """What handlers look up during one batch (``mailbot.engine.batch.Batch``); it sees new participants itself."""

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
    response: Response
    authenticity: Authenticity = Authenticity.UNKNOWN
    reading: Reading | None = None
    action: Action | None = None  # the open action this mail answers, if any

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def templates(self) -> Templates:
        return self.outbox.templates

    def claim(self, participant: Participant) -> None:
        """This mail is about ``participant`` (from now on, for the handlers after this one too)."""
        self.participant = participant
        self.row.participant = participant


def handled(reason: str) -> Outcome:
    return Outcome(State.HANDLED, reason)


def needs_human(reason: str) -> Outcome:
    return Outcome(State.NEEDS_HUMAN, reason)
