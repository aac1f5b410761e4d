"""The sender leaves the circle: status 'withdrawn', reminders stop, and one confirmation that says how
to undo it (the confirmation goes to the address itself, so a forger's withdrawal does not go unseen)."""

from __future__ import annotations

from mailbot.conversation.respond import MainMail
from mailbot.core.domain import MailKind, Status
from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.understand import Found

RANK_WITHDRAWAL = 70


def handle(ctx: HandlerContext, found: Found) -> Outcome:
    participant = ctx.participant
    if participant is None:
        ctx.response.say("not_registered")
        return handled("withdrawal from someone who is not a participant: nothing to withdraw")
    if participant.status == Status.WITHDRAWN:
        ctx.response.say("withdrawn_already")  # a person who writes is answered, even when nothing changes
        return handled("withdrawal: withdrawn already, said back")
    participant.status = Status.WITHDRAWN
    participant.updated_at = ctx.now
    ctx.response.reply(MainMail(RANK_WITHDRAWAL, MailKind.WITHDRAWAL, "withdrawal", {}, {"key": "withdrawn"}))
    return handled("participant withdrawn; the confirmation says how to undo it")


def handle_stays(ctx: HandlerContext, found: Found) -> Outcome:
    """"Ik meld me niet af", "please don't delete my data": nothing changes, and we say so."""
    ctx.response.say("stays")
    return handled("says they stay (no withdrawal, no erasure): nothing changed, said back")
