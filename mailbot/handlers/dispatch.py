"""Which handler acts on which kind: the pipeline's second half, as data."""

from __future__ import annotations

from collections.abc import Callable

from mailbot.domain import Kind
from mailbot.handlers import (
    HandlerContext,
    Outcome,
    attendance,
    bounce,
    forget,
    ignore,
    question,
    record_answers,
    register,
    withdraw,
)

Handler = Callable[[HandlerContext], Outcome]

HANDLERS: dict[Kind, Handler] = {
    Kind.INTEREST: register.handle,
    Kind.ANSWER: record_answers.handle,
    Kind.WITHDRAWAL: withdraw.handle,
    Kind.QUESTION: question.handle,
    Kind.BOUNCE: bounce.handle,
    Kind.LOOP: ignore.handle,
    Kind.DUPLICATE: ignore.handle,
    Kind.RECEIPT: ignore.handle,
    Kind.AUTO_REPLY: ignore.handle,
    Kind.SPAM: ignore.handle,
    Kind.BULK: ignore.handle,
    Kind.CALENDAR_REPLY: attendance.handle_calendar_reply,
    Kind.DECLINE: attendance.handle_decline,
    Kind.FORGET_REQUEST: forget.handle_request,
    Kind.CONFIRMATION: forget.handle_confirmation,
}


def handler_for(kind: Kind) -> Handler:
    return HANDLERS[kind]
