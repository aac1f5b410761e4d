"""An out-of-office reply: never answered. One from a participant still reaches the organiser (in her digest
by default): its own words may say they are away on a meeting's day, have left, or name a successor, and
acting on that is hers to decide."""

from __future__ import annotations

from mailbot.handlers import HandlerContext, Outcome, handled

MIN_WORDS = 8  # fewer words carry nothing about the person ("Afwezig", "Out of office")


def handle(ctx: HandlerContext) -> Outcome:
    words = ctx.mail.new_text.split()
    if ctx.participant is None or len(words) < MIN_WORDS:
        return handled("auto reply: not answered")
    ctx.claim(ctx.participant)
    ctx.response.hand_over("auto_reply", ctx.mail.new_text[:1000])
    return handled("auto reply of a participant: not answered; its words noted for the organiser")
