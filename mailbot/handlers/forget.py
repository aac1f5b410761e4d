"""A request to erase one's data, and the reply that decides it.

The request opens a ``forget`` action and asks the address itself to confirm (``mailbot.conversation.actions``).
Only a clear yes from that address erases: "Nee, niet verwijderen" keeps everything and says so;
anything unclear keeps the request open and asks again. Nothing is erased on a guess.
"""

from __future__ import annotations

from mailbot.conversation.actions import close, open_action
from mailbot.conversation.respond import MainMail
from mailbot.conversation.tokens import marked
from mailbot.core.domain import ActionKind, ActionState, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.outbox.blanking import blank_message
from mailbot.outbox.queue import address_hash
from mailbot.privacy.forget import forget_person
from mailbot.store.models import Action
from mailbot.understand import Found

RANK_DONE, RANK_CONFIRM, RANK_KEPT = 90, 80, 40


def handle_request(ctx: HandlerContext, found: Found) -> Outcome:
    sender = ctx.mail.sender
    if ctx.outbox.suppressed(sender):
        blank_message(ctx.row)  # we hold nothing else about them; this request was all
        ctx.response.keep_silent("nothing: the address was forgotten already")
        return handled("forget request: address already forgotten; this message erased")
    action = open_action(ctx.session, ActionKind.FORGET, sender, ctx.now, {}, cause=ctx.row)
    ctx.response.reply(MainMail(RANK_CONFIRM, MailKind.FORGET_CONFIRM, "forget_confirm",
                                {"reference": marked(action.token), "valid_days": (action.expires_at - ctx.now).days,
                                 "is_participant": ctx.participant is not None},
                                {"key": "forget_asked", "reference": marked(action.token)}, separate=True))
    ctx.response.confirming = action
    return handled("forget request: confirmation requested")


def decide(ctx: HandlerContext, action: Action, intent: str) -> Outcome:
    sender = ctx.mail.sender
    if intent == "no":
        close(action, ActionState.DECLINED, ctx.now)
        ctx.response.reply(MainMail(RANK_KEPT, MailKind.ACKNOWLEDGEMENT, "acknowledgement", {},
                                    {"key": "forget_kept"}))
        ctx.response.say("forget_kept")
        return handled("forget request declined by its sender: nothing erased")
    if intent != "yes":
        ctx.response.say("confirm_unclear", reference=marked(action.token))
        return needs_human("forget request: the answer is not a clear yes or no; nothing erased, still open")
    close(action, ActionState.DONE, ctx.now)
    report = forget_person(ctx.session, sender, ctx.now, reason="confirmed by mail")
    action.address = address_hash(sender)
    blank_message(ctx.row)
    ctx.outbox.suppress(sender)
    ctx.lookups.forget(sender)
    ctx.participant = None
    ctx.row.participant = None
    # the one mail that still goes to a suppressed address; its text is blanked once it went out
    ctx.response.reply(MainMail(RANK_DONE, MailKind.FORGET_DONE, "forget_done", {}))
    ctx.response.farewell = True
    return handled(f"confirmation: personal data erased ({report.summary()})")
