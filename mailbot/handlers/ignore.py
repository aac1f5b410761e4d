"""Machine-made mail: stored and recorded, never answered."""

from __future__ import annotations

from mailbot.handlers import HandlerContext, Outcome, handled


def handle(ctx: HandlerContext) -> Outcome:
    return handled(f"{ctx.kind.replace('_', ' ')}: not answered")
