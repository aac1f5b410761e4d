"""Writing outgoing mail into the outbox table, in the caller's transaction. No sending here.

The rate limit lives here too, because it is a property of what we queue:
at most ``rate_limit.max_replies`` automatic replies to one address per window.
Mail a participant signed up for (reminders) and mail to organisers do not count.
One Outbox serves one transaction; it remembers what it queued, so that checks
within a batch see the batch's own mail without flushing it to the database.
``checkpoint``/``rollback_to`` undo what one message queued when its handling
fails (the runner rolls the database back to a savepoint at the same moment).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.domain import OutboxState
from mailbot.mail.address import address_problem
from mailbot.mail.compose import Attachment, OutgoingMail, make_message_id, reply_subject
from mailbot.mail.parse import IncomingMail
from mailbot.mail.verp import new_verp_token
from mailbot.store.db import utcnow
from mailbot.store.models import IncomingMessage, OutboxMail, Participant, Suppression
from mailbot.wording.templates import Templates, base_context


def address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    queued: int
    counted: dict[str, int]
    suppressed: dict[str, bool]


@dataclass
class Outbox:
    """Queues mail for one transaction (``session``)."""

    session: Session
    config: Config
    templates: Templates
    now: datetime
    queued: list[OutboxMail] = field(default_factory=list)
    _counted: dict[str, int] = field(default_factory=dict)
    _suppressed: dict[str, bool] = field(default_factory=dict)

    def replies_in_window(self, address: str) -> int:
        address = address.lower()
        if address not in self._counted:
            since = self.now - timedelta(hours=self.config.rate_limit.per_hours)
            self._counted[address] = self.session.scalar(
                select(func.count(OutboxMail.id)).where(
                    OutboxMail.recipient == address, OutboxMail.counts_for_limit.is_(True),
                    OutboxMail.created_at >= since,
                )
            ) or 0
        return self._counted[address]

    def prefetch(self, addresses: Sequence[str]) -> None:
        """Counts and suppressions for many addresses in two queries (a batch's senders)."""
        wanted = sorted({a.lower() for a in addresses} - set(self._counted))
        if not wanted:
            return
        since = self.now - timedelta(hours=self.config.rate_limit.per_hours)
        counts: dict[str, int] = {recipient: n for recipient, n in self.session.execute(
            select(OutboxMail.recipient, func.count(OutboxMail.id)).where(
                OutboxMail.recipient.in_(wanted), OutboxMail.counts_for_limit.is_(True),
                OutboxMail.created_at >= since).group_by(OutboxMail.recipient)
        )}
        hashes = {address_hash(a): a for a in wanted}
        suppressed = set(self.session.scalars(select(Suppression.address_hash)
                                              .where(Suppression.address_hash.in_(list(hashes)))))
        for address in wanted:
            self._counted[address] = counts.get(address, 0)
            self._suppressed[address] = address_hash(address) in suppressed

    def over_limit(self, address: str) -> bool:
        return self.replies_in_window(address) >= self.config.rate_limit.max_replies

    def suppressed(self, address: str) -> bool:
        address = address.lower()
        if address not in self._suppressed:
            self._suppressed[address] = self.session.get(Suppression, address_hash(address)) is not None
        return self._suppressed[address]

    def suppress(self, address: str) -> None:
        """The address was just forgotten: nothing automatic goes to it for the rest of this batch."""
        self._suppressed[address.lower()] = True

    def checkpoint(self) -> Checkpoint:
        """What is queued and counted now, to go back to if the next message's handling fails."""
        return Checkpoint(len(self.queued), dict(self._counted), dict(self._suppressed))

    def rollback_to(self, checkpoint: Checkpoint) -> None:
        """Forget what was queued since ``checkpoint`` (its rows went with the database savepoint)."""
        del self.queued[checkpoint.queued:]
        self._counted = dict(checkpoint.counted)
        self._suppressed = dict(checkpoint.suppressed)

    def queued_text(self, address: str, kinds: Sequence[str], message_ids: Sequence[str]) -> str | None:
        """The text of mail of ``kinds`` queued to ``address`` in this transaction (newest first)."""
        for row in reversed(self.queued):
            if row.recipient == address.lower() and row.kind in kinds and (
                    not message_ids or row.message_id in message_ids):
                return row.body_text
        return None

    def queue(
        self,
        *,
        kind: str,
        template: str,
        to_address: str,
        to_name: str,
        lang: str,
        context: dict[str, Any],
        reply_to: IncomingMail | None = None,
        counts_for_limit: bool = True,
        cause: IncomingMessage | None = None,
        participant: Participant | None = None,
        attachments: Sequence[Attachment] = (),
        token: str | None = None,
        auto_submitted: str = "auto-replied",
        subject: str | None = None,
        meeting_id: str | None = None,
        reply_to_addresses: Sequence[tuple[str, str]] = (),
        also_to: Sequence[tuple[str, str]] = (),  # more people in To (each gets a copy queued of their own)
        template_subject: bool = False,  # a reply that must say what it is ("Uw gegevens zijn verwijderd")
    ) -> OutboxMail:
        config = self.config
        context = base_context(config, to_name) | context
        rendered = self.templates.render(template, lang, context)
        message_id = make_message_id(kind, config.programme.domain)
        if not subject:  # a reply keeps the thread's subject; a new mail takes the template's
            subject = reply_subject(reply_to.subject) if reply_to is not None and reply_to.subject \
                and not template_subject else rendered.subject
        in_reply_to, references = "", tuple[str, ...]()
        if reply_to is not None:
            if reply_to.message_id:
                in_reply_to = reply_to.message_id
                references = (*reply_to.references, reply_to.message_id)
        mail = OutgoingMail(
            from_name=config.programme.name, from_address=config.programme.address, to_name=to_name,
            to_address=to_address, subject=subject, text=rendered.text, html=rendered.html, message_id=message_id,
            date=self.now.replace(tzinfo=UTC), in_reply_to=in_reply_to, references=references,
            auto_submitted=auto_submitted, language=lang, attachments=attachments, reply_to=reply_to_addresses,
            also_to=also_to,
        )
        # the last guard: a string that is no mailbox (a participant kept from before addresses were checked)
        # is recorded as failed, never handed to the server
        problem = address_problem(to_address)
        row = OutboxMail(
            created_at=self.now, kind=kind, recipient=to_address.lower(), message_id=message_id,
            subject=mail.subject, raw=mail.to_bytes(), body_text=rendered.text,
            state=OutboxState.FAILED if problem else OutboxState.PENDING,
            next_attempt_at=utcnow(), counts_for_limit=counts_for_limit, cause=cause, participant=participant,
            token=token, attempts=0, last_error=f"not a real address: {problem}" if problem else "",
            meeting_id=meeting_id, return_token=new_verp_token() if config.bounces.verp else None,
        )
        self.session.add(row)
        self.queued.append(row)
        if counts_for_limit:
            self._counted[row.recipient] = self.replies_in_window(row.recipient) + 1
        return row


def new_outbox(session: Session, config: Config, templates: Templates, now: datetime | None = None) -> Outbox:
    return Outbox(session, config, templates, now or utcnow())
