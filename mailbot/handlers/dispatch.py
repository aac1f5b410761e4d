"""Which handler acts on which kind: the pipeline's second half, as data."""

from __future__ import annotations

from collections.abc import Callable

from mailbot.handlers import (
    HandlerContext,
    Outcome,
    bounce,
    handled,
    ignore,
    needs_human,
    question,
    record_answers,
    register,
    withdraw,
)

Handler = Callable[[HandlerContext, str], Outcome]


def _not_yet(ctx: HandlerContext, kind: str) -> Outcome:
    return needs_human(f"{kind.replace('_', ' ')}: for the organiser")


def _recorded(ctx: HandlerContext, kind: str) -> Outcome:
    return handled(f"{kind.replace('_', ' ')}: recorded")


HANDLERS: dict[str, Handler] = {
    "interest": register.handle,
    "answer": record_answers.handle,
    "withdrawal": withdraw.handle,
    "question": question.handle,
    "bounce": bounce.handle,
    "loop": ignore.handle,
    "duplicate": ignore.handle,
    "receipt": ignore.handle,
    "auto_reply": ignore.handle,
    "spam": ignore.handle,
    "bulk": ignore.handle,
    "calendar_reply": _recorded,
    "decline": _recorded,
    "forget_request": _not_yet,
    "confirmation": _not_yet,
}


def handler_for(kind: str) -> Handler:
    return HANDLERS.get(kind, _not_yet)
