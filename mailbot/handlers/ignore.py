"""Machine-made mail: stored and recorded, never answered."""

from __future__ import annotations

from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.rules import repeated


def handle(ctx: HandlerContext) -> Outcome:
    return handled(f"{ctx.kind.replace('_', ' ')}: not answered")


def hold(ctx: HandlerContext) -> Outcome:
    """A loop: not answered. One that only repeating words gave away may be a person who wrote the same thing
    again, so a person sees it (the digest, ``mailbot messages``); never silently dropped."""
    if ctx.row.rule != repeated.name:
        return handle(ctx)
    return needs_human("held back as a possible mail loop (the same words again, in one conversation): "
                       "not answered; a person should look")
