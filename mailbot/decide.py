"""Deciding one message: store it, learn what storage knows about it, classify it, let its handler act.

Everything happens in the caller's transaction (one per batch, see ``runner``):
the stored row, the participant changes and the queued replies commit together or
not at all. One decision is logged per message on ``mailbot.decision``.

With ``isolate`` each message's handling runs in a savepoint of its own, so that a
handler that fails takes back only its own changes and the message is quarantined
with the reason; without it (the fast path) a failing handler raises
``HandlerFailed`` and the runner decides the batch again, isolated.
"""

from __future__ import annotations

import hashlib
import logging
import re
import traceback
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from mailbot.answers.parse_reply import looks_like_answers
from mailbot.batch import Batch
from mailbot.classify import classify
from mailbot.config import Config
from mailbot.domain import WAITING, Kind, State, Status
from mailbot.handlers import HandlerContext, Outcome
from mailbot.handlers.dispatch import handler_for
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.privacy.tokens import find_tokens
from mailbot.rules import Facts
from mailbot.store.db import naive_utc
from mailbot.store.models import IncomingMessage, OutboxMail, Participant
from mailbot.transports import Fetched

log = logging.getLogger(__name__)
decisions = logging.getLogger("mailbot.decision")
_MESSAGE_ID_LINE = re.compile(rb"^message-id:[ \t]*(<[^<>\s]{1,900}>)", re.IGNORECASE | re.MULTILINE)


class HandlerFailed(Exception):
    """A handler raised on the fast path: the batch is decided again, each message isolated."""


def raw_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_or_reason(raw: bytes) -> IncomingMail | str:
    try:
        return parse_mail(raw)
    except MalformedMail as e:
        return e.reason


def _raw_message_id(raw: bytes) -> str:
    """The Message-ID of a message we could not parse, when its header still shows one."""
    found = _MESSAGE_ID_LINE.search(raw[:200_000])
    return found.group(1).decode("ascii", "replace") if found else ""


class Decider:
    """Decides the messages of one batch (one transaction)."""

    def __init__(self, config: Config, batch: Batch, folder: str, uidvalidity: int, *, rescan: bool,
                 isolate: bool) -> None:
        self.config = config
        self.batch = batch
        self.folder = folder
        self.uidvalidity = uidvalidity
        self.rescan = rescan  # the folder is read again after a UIDVALIDITY change: skip what we know
        self.isolate = isolate

    @property
    def now(self) -> datetime:
        return self.batch.outbox.now

    def decide(self, fetched: Fetched, mail: IncomingMail | str) -> IncomingMessage | None:
        """Store the message and act on it; None when a rescan found it already handled."""
        batch = self.batch
        digest = raw_hash(fetched.raw)
        row = IncomingMessage(folder=self.folder, uidvalidity=self.uidvalidity, uid=fetched.uid, raw_hash=digest,
                              size=fetched.size, raw=fetched.raw, received_at=self.now, kind="", rule="",
                              state=State.NEW, reason="", marked=False, digested=False)
        if isinstance(mail, str):
            row.message_id = _raw_message_id(fetched.raw)
            batch.remember_message("", digest)
            return self._quarantine(row, Kind.MALFORMED, mail)
        row.message_id = mail.message_id[:998]
        row.sender = mail.sender
        row.sender_name = mail.sender_name[:200]
        row.subject = mail.subject[:2000]
        row.sent_date = naive_utc(mail.date) if mail.date else None
        row.excerpt = mail.new_text[:500]
        duplicate = batch.known(mail.message_id, digest)
        batch.remember_message(mail.message_id, digest)
        if self.rescan and duplicate:
            return None  # the same message at a new UID after UIDVALIDITY changed: already handled
        if fetched.truncated:
            return self._quarantine(row, Kind.OVERSIZED, f"{fetched.size} bytes is over imap.max_message_bytes "
                                                         f"({self.config.imap.max_message_bytes}); only its header "
                                                         "was stored")
        participant = batch.participant(mail.sender) if mail.sender else None
        facts = self._facts(mail, duplicate, participant)
        batch.session.add(row)
        classification = classify(mail, facts)
        row.kind, row.rule = classification.kind, classification.rule
        outcome = self._handle(row, mail, participant)
        row.state, row.reason = outcome.state, outcome.reason[:2000]
        decisions.info("message uid %s: kind=%s rule=%s state=%s: %s", row.uid, row.kind, row.rule, row.state,
                       row.reason)
        return row

    def _handle(self, row: IncomingMessage, mail: IncomingMail, participant: Participant | None) -> Outcome:
        if row.kind == Kind.UNKNOWN:
            return Outcome(State.QUARANTINED, "no sender address to act on")
        batch = self.batch
        ctx = HandlerContext(session=batch.session, config=self.config, now=self.now, row=row, mail=mail,
                             participant=participant, outbox=batch.outbox, lookups=batch)
        handler = handler_for(Kind(row.kind))
        if not self.isolate:
            try:
                return handler(ctx)
            except SQLAlchemyError:
                raise
            except Exception as e:  # noqa: BLE001 - decided again, isolated: see the module docstring
                log.warning("message uid %s: handler for %s failed (%s); deciding the batch again, isolated",
                            row.uid, row.kind, e)
                raise HandlerFailed() from e
        session = batch.session
        session.flush()
        savepoint = session.begin_nested()
        checkpoint = batch.checkpoint()
        try:
            outcome = handler(ctx)
            session.flush()
            savepoint.commit()
            return outcome
        except SQLAlchemyError:
            raise  # the database itself is in trouble: stop, mark nothing
        except Exception as e:  # noqa: BLE001 - one bad message must never stop the loop
            savepoint.rollback()
            batch.rollback_to(checkpoint)
            log.error("message uid %s: handler for %s failed: %s", row.uid, row.kind, e)
            detail = "".join(traceback.format_exception_only(type(e), e)).strip()
            if row not in session:
                session.add(row)
            return Outcome(State.QUARANTINED, f"handler {row.kind} failed: {detail}"[:2000])

    def _quarantine(self, row: IncomingMessage, kind: Kind, reason: str) -> IncomingMessage:
        row.kind, row.rule, row.state, row.reason = kind, kind, State.QUARANTINED, reason[:2000]
        self.batch.session.add(row)
        decisions.info("message uid %s: kind=%s state=quarantined: %s", row.uid, kind, reason)
        return row

    def _facts(self, mail: IncomingMail, duplicate: bool, participant: Participant | None) -> Facts:
        return lookup_facts(self.batch.session, self.config, mail, duplicate, participant)


def lookup_facts(session: Session, config: Config, mail: IncomingMail, duplicate: bool,
                 participant: Participant | None) -> Facts:
    """What storage knows about a message that the rules need (read-only: ``explain`` uses it too)."""
    status = Status(participant.status) if participant is not None else None
    replies_to = None
    if mail.thread_ids:
        replies_to = session.scalar(select(OutboxMail.kind).where(OutboxMail.message_id.in_(mail.thread_ids))
                                    .order_by(OutboxMail.id.desc()).limit(1))
    carries = False
    if replies_to is None and (status in WAITING or status == Status.ANSWERED):
        carries = looks_like_answers(mail.text, config.questionnaire)
    return Facts(own_addresses=frozenset({config.programme.address.lower()}), own_domain=config.programme.domain,
                 duplicate=duplicate, participant_status=status, replies_to=replies_to,
                 carries_questionnaire=carries, reply_tokens=find_tokens(mail.subject, mail.text))
