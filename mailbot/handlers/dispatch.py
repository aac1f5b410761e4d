"""Which handler acts on what: machine mail by its kind, people's mail finding by finding. Data, not code."""

from __future__ import annotations

from collections.abc import Callable

from mailbot.core.domain import Finding, Kind
from mailbot.handlers import (
    HandlerContext,
    Outcome,
    attendance,
    auto_reply,
    bounce,
    colleague,
    confirm,
    forget,
    hand_on,
    ignore,
    introductions,
    record_answers,
    register,
    withdraw,
)
from mailbot.understand import Found

MachineHandler = Callable[[HandlerContext], Outcome]
FindingHandler = Callable[[HandlerContext, Found], Outcome]

MACHINE: dict[Kind, MachineHandler] = {
    Kind.BOUNCE: bounce.handle,
    Kind.LOOP: ignore.hold,
    Kind.DUPLICATE: ignore.handle,
    Kind.RECEIPT: ignore.handle,
    Kind.AUTO_REPLY: auto_reply.handle,
    Kind.SPAM: ignore.handle,
    Kind.BULK: ignore.handle,
    Kind.CALENDAR_REPLY: attendance.handle_calendar_reply,
}

FINDINGS: dict[Finding, FindingHandler] = {
    Finding.CONFIRMATION: confirm.handle,
    Finding.DELETION: forget.handle_request,
    Finding.WITHDRAWAL: withdraw.handle,
    Finding.ATTENDANCE: attendance.handle,
    Finding.REGISTRATION: register.handle_registration,
    Finding.COMEBACK: register.handle_comeback,
    Finding.RESEND: register.handle_resend,
    Finding.ANSWERS: record_answers.handle_answers,
    Finding.CORRECTION: record_answers.handle_answers,
    Finding.REMARK: record_answers.handle_remark,
    Finding.QUESTION: hand_on.handle,
    Finding.MESSAGE: hand_on.handle,
    Finding.COLLEAGUE: colleague.handle,
    Finding.ATTACHMENT: hand_on.handle,
    Finding.LANGUAGE: hand_on.handle,
    Finding.CONTRADICTION: hand_on.handle,
    Finding.UNPLACED: hand_on.handle,
    Finding.UNCLEAR: hand_on.ask_back,
    Finding.NO_INTRODUCTIONS: introductions.handle_no_introductions,
    Finding.STAYS: withdraw.handle_stays,
}

# the kind a people's mail is stored as: its first finding's (what the organiser would call it)
KIND_OF = {Finding.REGISTRATION: Kind.INTEREST, Finding.COMEBACK: Kind.INTEREST, Finding.RESEND: Kind.INTEREST,
           Finding.ANSWERS: Kind.ANSWER, Finding.CORRECTION: Kind.ANSWER, Finding.REMARK: Kind.ANSWER,
           Finding.ATTENDANCE: Kind.ATTENDANCE, Finding.WITHDRAWAL: Kind.WITHDRAWAL, Finding.COLLEAGUE: Kind.COLLEAGUE,
           Finding.QUESTION: Kind.QUESTION, Finding.DELETION: Kind.FORGET_REQUEST,
           Finding.CONFIRMATION: Kind.CONFIRMATION, Finding.ATTACHMENT: Kind.MESSAGE, Finding.LANGUAGE: Kind.MESSAGE,
           Finding.MESSAGE: Kind.MESSAGE, Finding.CONTRADICTION: Kind.CONTRADICTION,
           Finding.UNPLACED: Kind.ANSWER, Finding.UNCLEAR: Kind.MESSAGE,
           Finding.NO_INTRODUCTIONS: Kind.ANSWER, Finding.STAYS: Kind.MESSAGE}
