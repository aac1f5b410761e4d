"""Which handler acts on which kind: the pipeline's second half, as data."""

from __future__ import annotations

from collections.abc import Callable

from mailbot.handlers import (
    HandlerContext,
    Outcome,
    attendance,
    bounce,
    forget,
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
    "calendar_reply": attendance.handle_calendar_reply,
    "decline": attendance.handle_decline,
    "forget_request": forget.handle_request,
    "confirmation": forget.handle_confirmation,
}


def handler_for(kind: str) -> Handler:
    return HANDLERS.get(kind, _not_yet)
