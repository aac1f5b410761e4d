"""What one poll transaction knows beyond the database: participants, messages and mail of its batch.

The runner decides a batch without autoflush (one flush at the end, inserts
batched); these caches make the batch's own, not yet flushed, changes visible to
the messages after them, and look up in a few queries what each message would
otherwise ask one by one. A participant added to the session is seen here at
once (a session event), so no handler has to remember to register one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from mailbot.mail.parse import IncomingMail
from mailbot.outbox.queue import Checkpoint as OutboxCheckpoint
from mailbot.outbox.queue import Outbox
from mailbot.store.models import IncomingMessage, Participant


def words_key(text: str) -> str:
    """Words compared for sameness: case and spacing do not count, and only what we store (500 characters)."""
    return " ".join(text[:500].lower().split())


def template_key(key: str) -> str:
    """A ``words_key`` with its numbers taken out: what a ticket system's auto-responses have in common."""
    return _NUMBER.sub("#", key)


_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Repeats:
    same: int = 0  # earlier mails with these very words
    similar: int = 0  # earlier mails with these words but other numbers


@dataclass(frozen=True)
class Checkpoint:
    outbox: OutboxCheckpoint
    participants: dict[str, Participant | None]
    message_ids: frozenset[str]
    hashes: frozenset[str]


class Batch:
    """The caches of one transaction (``session``) and the outbox that queues into it."""

    def __init__(self, session: Session, outbox: Outbox) -> None:
        self.session = session
        self.outbox = outbox
        self._participants: dict[str, Participant | None] = {}
        self._message_ids: set[str] = set()
        self._hashes: set[str] = set()
        self._stored_ids: set[str] = set()
        self._stored_hashes: set[str] = set()
        self._prefetched_ids: set[str] = set()
        self._prefetched_hashes: set[str] = set()
        self._said: Counter[tuple[str, str]] = Counter()  # (sender, words) of the last day: loops repeat
        self._templates: Counter[tuple[str, str]] = Counter()  # (sender, words without numbers)
        self._said_known: set[str] = set()
        event.listen(session, "transient_to_pending", self._added)

    def close(self) -> None:
        event.remove(self.session, "transient_to_pending", self._added)

    def _added(self, session: Session, instance: object) -> None:
        if isinstance(instance, Participant) and instance.email:
            self._participants[instance.email.lower()] = instance

    def prefetch(self, mails: list[IncomingMail], digests: list[str]) -> None:
        """Look up, in four queries, what the messages of a group will ask one by one."""
        session = self.session
        senders = sorted({m.sender for m in mails if m.sender} - set(self._participants))
        if senders:
            found = {p.email: p for p in session.scalars(select(Participant).where(Participant.email.in_(senders)))}
            for email in senders:
                self._participants[email] = found.get(email)
        ids = sorted({m.message_id for m in mails if m.message_id})
        self._stored_ids |= set(session.scalars(select(IncomingMessage.message_id)
                                                .where(IncomingMessage.message_id.in_(ids)))) if ids else set()
        self._stored_hashes |= set(session.scalars(select(IncomingMessage.raw_hash)
                                                   .where(IncomingMessage.raw_hash.in_(digests)))) if digests else set()
        self._prefetched_ids.update(ids)
        self._prefetched_hashes.update(digests)
        if senders:
            self.outbox.prefetch(senders)
        self._load_said(sorted({m.sender for m in mails if m.sender} - self._said_known))

    def _load_said(self, senders: list[str]) -> None:
        if not senders:
            return
        since = self.outbox.now - timedelta(days=1)
        for sender, excerpt in self.session.execute(select(IncomingMessage.sender, IncomingMessage.excerpt).where(
                IncomingMessage.sender.in_(senders), IncomingMessage.received_at >= since)):
            key = words_key(excerpt)
            self._said[(sender, key)] += 1
            self._templates[(sender, template_key(key))] += 1
        self._said_known.update(senders)

    def repeats(self, sender: str, words: str, *, same_conversation: bool = True) -> Repeats:
        """How often this sender sent these words (or these words with other numbers) in the last day, this
        mail not counted; then counts it. ``same_conversation`` false: the mail answers a mail of ours that
        was no reply to these words (a new request, a reminder), so the earlier ones are not its loop."""
        self._load_said([sender] if sender not in self._said_known else [])
        key = words_key(words)
        if not key:
            return Repeats()  # two mails with only an attachment are not the same words
        same, alike = (sender, key), (sender, template_key(key))
        found = Repeats(self._said[same], self._templates[alike] - self._said[same])
        self._said[same] += 1
        self._templates[alike] += 1
        return found if same_conversation else Repeats()

    def participant(self, email: str) -> Participant | None:
        email = email.lower()
        if email not in self._participants:
            self._participants[email] = self.session.scalar(select(Participant).where(Participant.email == email))
        return self._participants[email]

    def forget(self, email: str) -> None:
        """The participant was deleted in this batch: later messages from them find no one."""
        self._participants[email.lower()] = None

    def known(self, message_id: str, digest: str) -> bool:
        """Whether this message (by Message-ID, or by its bytes when it has none) was stored before."""
        if (message_id and message_id in self._message_ids) or digest in self._hashes:
            return True
        if (not message_id or message_id in self._prefetched_ids) and digest in self._prefetched_hashes:
            return (bool(message_id) and message_id in self._stored_ids) or digest in self._stored_hashes
        condition = or_(IncomingMessage.message_id == message_id, IncomingMessage.raw_hash == digest) \
            if message_id else IncomingMessage.raw_hash == digest
        return self.session.scalar(select(IncomingMessage.id).where(condition).limit(1)) is not None

    def remember_message(self, message_id: str, digest: str) -> None:
        if message_id:
            self._message_ids.add(message_id)
        self._hashes.add(digest)

    def checkpoint(self) -> Checkpoint:
        return Checkpoint(self.outbox.checkpoint(), dict(self._participants), frozenset(self._message_ids),
                          frozenset(self._hashes))

    def rollback_to(self, checkpoint: Checkpoint) -> None:
        """After the database went back to a savepoint: what was added since is gone here too."""
        self.outbox.rollback_to(checkpoint.outbox)
        self._participants = dict(checkpoint.participants)
        self._message_ids = set(checkpoint.message_ids)
        self._hashes = set(checkpoint.hashes)
