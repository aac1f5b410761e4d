"""An out-of-office reply: never answered. One from a participant reaches the organiser (in her digest by
default) when its own words touch their taking part: they are away on a meeting's day, have left, or want
out; acting on that is hers to decide. The rest of it (away until, no access to mail, call the secretariat)
is the machine's, and nobody needs to read it (``understand.away``)."""

from __future__ import annotations

from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.understand.away import for_organiser

MIN_WORDS = 8  # fewer words carry nothing about the person ("Afwezig", "Out of office")


def handle(ctx: HandlerContext) -> Outcome:
    words = ctx.mail.new_text.split()
    if ctx.participant is None or len(words) < MIN_WORDS:
        return handled("auto reply: not answered")
    ctx.claim(ctx.participant)
    if not for_organiser(ctx.mail.new_text, ctx.config.meetings, ctx.config.timezone, ctx.now):
        return handled("auto reply of a participant: not answered; nothing in it about taking part")
    ctx.response.hand_over("auto_reply", ctx.mail.new_text[:1000])
    return handled("auto reply of a participant: not answered; its words noted for the organiser")
