"""A participant leaves the learning circle: status 'withdrawn' and one short confirmation."""

from __future__ import annotations

from mailbot.domain import Status
from mailbot.handlers import HandlerContext, Outcome, handled, rate_limited


def handle(ctx: HandlerContext) -> Outcome:
    participant = ctx.participant
    if participant is None:
        return handled("withdrawal: sender is not a participant")
    ctx.row.participant = participant
    if participant.status == Status.WITHDRAWN:
        return handled("withdrawal: already withdrawn")
    participant.status = Status.WITHDRAWN
    participant.updated_at = ctx.now
    if ctx.outbox.suppressed(participant.email):
        return handled("withdrawal: recorded; address forgotten on request, no confirmation")
    if ctx.outbox.over_limit(participant.email):
        return rate_limited("withdrawal: recorded")
    ctx.outbox.queue(kind="withdrawal", template="withdrawal", to_address=participant.email,
                     to_name=participant.name, lang=participant.language, context={}, reply_to=ctx.mail,
                     cause=ctx.row, participant=participant)
    return handled("withdrawal: participant withdrawn, confirmation sent")
