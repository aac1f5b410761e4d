"""A question for a person: recorded for the organiser, acknowledged at most once a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from mailbot.handlers import HandlerContext, Outcome, needs_human
from mailbot.language import detect_language
from mailbot.store.models import Note, OutboxMail


def _acknowledged_today(ctx: HandlerContext) -> bool:
    if ctx.outbox.queued_text(ctx.mail.sender, ("question_ack",), ()) is not None:
        return True
    since = ctx.now - timedelta(days=1)
    return ctx.session.scalar(
        select(OutboxMail.id).where(OutboxMail.recipient == ctx.mail.sender, OutboxMail.kind == "question_ack",
                                    OutboxMail.created_at >= since).limit(1)
    ) is not None


def handle(ctx: HandlerContext) -> Outcome:
    participant = ctx.participant
    if participant is not None:
        ctx.row.participant = participant
        ctx.session.add(Note(participant=participant, message=ctx.row, source="question",
                             text=ctx.mail.new_text[:4000], flagged=True, created_at=ctx.now))
    if not _acknowledged_today(ctx) and not ctx.outbox.over_limit(ctx.mail.sender) \
            and not ctx.outbox.suppressed(ctx.mail.sender):
        lang = participant.language if participant else detect_language(
            f"{ctx.mail.subject}\n{ctx.mail.new_text}", ctx.config.programme.language)
        ctx.outbox.queue(kind="question_ack", template="question_ack", to_address=ctx.mail.sender,
                         to_name=participant.name if participant else ctx.mail.sender_name, lang=lang, context={},
                         reply_to=ctx.mail, cause=ctx.row, participant=participant)
    return needs_human("question: handed to the organiser")
