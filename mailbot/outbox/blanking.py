"""Emptying stored mail of personal data while keeping the row as an anonymous record.

Rows are blanked rather than deleted: a message's raw hash keeps a re-delivered
copy (after a UIDVALIDITY change) from being handled, and so from registering a
forgotten person, again; its kind and state keep the counts in ``status`` and the
digest right; an outbox row's message id keeps replies to it recognisable.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.core.domain import MailKind, OutboxState
from mailbot.outbox.queue import address_hash
from mailbot.store.models import IncomingMessage, OutboxMail

ERASED = "personal data erased"
# Mail that goes to an address *after* it was forgotten ("your data is deleted"): it holds the
# address only until it is sent, and is blanked by the sender right after (blank_farewells).
FAREWELL_KINDS = frozenset({MailKind.FORGET_DONE})


def blank_message(message: IncomingMessage) -> None:
    """Keep what the message was (kind, state, when, size, raw hash); drop who sent it and what it said.

    The Message-ID goes too: it often carries the sender's name or domain. A
    message nobody can read any more has nothing left for a human to do.
    """
    message.raw = None
    message.sender = ""
    message.sender_name = ""
    message.subject = ""
    message.excerpt = ""
    message.message_id = ""
    message.reason = ERASED
    message.participant = None
    if message.state in ("needs_human", "quarantined"):
        message.state = "handled"
    message.digested = True  # an empty line in the organiser's digest helps no one


def blank_outbox_mail(mail: OutboxMail) -> None:
    """Keep kind, dates, state and our Message-ID; the recipient becomes a hash, the text goes.

    Mail still waiting to be sent is cancelled: its recipient asked us to forget them.
    """
    if mail.state == "pending":
        mail.state = "cancelled"
    mail.raw = None
    mail.body_text = ""
    mail.subject = ""
    mail.last_error = ""
    if "@" in mail.recipient:
        mail.recipient = address_hash(mail.recipient)
    mail.participant = None


def blank_farewells(session: Session, outbox_ids: Collection[int]) -> int:
    """Blank the farewell mails among ``outbox_ids`` that went out (or never will): only hashes stay.

    A farewell still pending (the server asked us to try later) keeps its text until it goes.
    """
    rows = session.scalars(select(OutboxMail).where(OutboxMail.id.in_(list(outbox_ids)),
                                                    OutboxMail.kind.in_(FAREWELL_KINDS),
                                                    OutboxMail.state != OutboxState.PENDING)).all()
    for mail in rows:
        blank_outbox_mail(mail)
    return len(rows)
