"""A participant does not want to be introduced to others: recorded as their answer to the introductions
question (the latest answer counts, so a later "ja" in the questionnaire undoes it), and confirmed."""

from __future__ import annotations

from mailbot.handlers import HandlerContext, Outcome, hand_on, handled
from mailbot.handlers.record_answers import store_answers
from mailbot.matching.profiles import INTRODUCTIONS
from mailbot.understand import Found


def handle_no_introductions(ctx: HandlerContext, found: Found) -> Outcome:
    if ctx.participant is None:
        return hand_on.handle(ctx, found)
    store_answers(ctx, ctx.participant, {INTRODUCTIONS: False})
    ctx.response.say("no_introductions")
    return handled("does not want to be introduced to other participants: recorded")
