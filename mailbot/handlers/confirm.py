"""A yes or no to an action we asked the sender to confirm: each kind of action decides in its own handler."""

from __future__ import annotations

from mailbot.core.domain import ActionKind
from mailbot.handlers import HandlerContext, Outcome, colleague, forget, handled, needs_human
from mailbot.understand import Found


def handle(ctx: HandlerContext, found: Found) -> Outcome:
    action = ctx.action
    if action is None:
        return handled("confirmation: nothing waits for this sender's answer")
    intent = str(found.data.get("intent", "unclear"))
    if action.kind == ActionKind.FORGET:
        decided = forget.decide(ctx, action, intent)
        if found.data.get("explained"):
            ctx.response.hand_over("confirmation", found.text)
            ctx.response.say("message_passed")
            return needs_human(f"{decided.reason}; their own words handed to the organiser")
        return decided
    if action.kind == ActionKind.COLLEAGUE_ANSWERS:
        return colleague.decide(ctx, action, intent)
    ctx.response.hand_over("confirmation", found.text)
    return needs_human(f"confirmation of a {action.kind} from a participant: for the organiser")
