"""Writing outgoing mail into the outbox table, in the caller's transaction. No sending here.

The rate limit lives here too, because it is a property of what we queue:
at most ``rate_limit.max_replies`` automatic replies to one address per window.
Mail a participant signed up for (reminders) and mail to organisers do not count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.mail.compose import Attachment, OutgoingMail, make_message_id, reply_subject
from mailbot.mail.parse import IncomingMail
from mailbot.store.db import utcnow
from mailbot.store.models import OutboxMail, Participant, Suppression
from mailbot.templates import Templates


def address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


@dataclass
class Outbox:
    """Queues mail for one transaction (``session``)."""

    session: Session
    config: Config
    templates: Templates
    now: datetime

    def replies_in_window(self, address: str) -> int:
        since = self.now - timedelta(hours=self.config.rate_limit.per_hours)
        return self.session.scalar(
            select(func.count(OutboxMail.id)).where(
                OutboxMail.recipient == address.lower(), OutboxMail.counts_for_limit.is_(True),
                OutboxMail.created_at >= since,
            )
        ) or 0

    def over_limit(self, address: str) -> bool:
        return self.replies_in_window(address) >= self.config.rate_limit.max_replies

    def suppressed(self, address: str) -> bool:
        return self.session.get(Suppression, address_hash(address)) is not None

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
        cause_id: int | None = None,
        participant: Participant | None = None,
        attachments: Sequence[Attachment] = (),
        token: str | None = None,
        auto_submitted: str = "auto-replied",
    ) -> OutboxMail:
        config = self.config
        context = {"programme_name": config.programme.name, "programme_address": config.programme.address,
                   "organiser_name": config.organisers[0].name, "participant_name": to_name, **context}
        rendered = self.templates.render(template, lang, context)
        message_id = make_message_id(kind, config.programme.domain)
        subject = rendered.subject
        in_reply_to, references = "", ()
        if reply_to is not None:
            subject = reply_subject(reply_to.subject) if reply_to.subject else subject
            if reply_to.message_id:
                in_reply_to = reply_to.message_id
                references = (*reply_to.references, reply_to.message_id)
        mail = OutgoingMail(
            from_name=config.programme.name, from_address=config.programme.address, to_name=to_name,
            to_address=to_address, subject=subject, text=rendered.text, html=rendered.html, message_id=message_id,
            date=self.now.replace(tzinfo=UTC), in_reply_to=in_reply_to, references=references,
            auto_submitted=auto_submitted, language=lang, attachments=attachments,
        )
        row = OutboxMail(
            created_at=self.now, kind=kind, recipient=to_address.lower(), message_id=message_id,
            subject=mail.subject, raw=mail.to_bytes(), body_text=rendered.text, state="pending",
            next_attempt_at=self.now, counts_for_limit=counts_for_limit, cause_id=cause_id,
            participant_id=participant.id if participant is not None else None, token=token,
        )
        self.session.add(row)
        return row


def new_outbox(session: Session, config: Config, templates: Templates, now: datetime | None = None) -> Outbox:
    return Outbox(session, config, templates, now or utcnow())
