"""A request by mail to erase one's data, and the reply that confirms it.

The request only queues a confirmation mail with a random token; the data goes
when a reply from the same address brings that token back within
``CONFIRMATION_VALID``. A forged sender never sees the token, so they cannot
erase someone else; anything that does not match exactly goes to the organiser
and deletes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.language import detect_language
from mailbot.outbox import address_hash
from mailbot.privacy.blanking import blank_message
from mailbot.privacy.forget import forget_person
from mailbot.privacy.tokens import find_tokens, marked, new_token
from mailbot.store.models import OutboxMail

CONFIRMATION_VALID = timedelta(days=7)


def _language(ctx: HandlerContext) -> str:
    if ctx.participant is not None:
        return ctx.participant.language
    return detect_language(f"{ctx.mail.subject}\n{ctx.mail.new_text}", ctx.config.programme.language)


def handle_request(ctx: HandlerContext) -> Outcome:
    sender, participant = ctx.mail.sender, ctx.participant
    if not sender:
        return needs_human("forget request: no sender address to confirm with")
    if ctx.outbox.suppressed(sender):
        blank_message(ctx.row)  # we hold nothing else about them; this request was all
        return handled("forget request: address already forgotten; this message erased")
    if participant is not None:
        ctx.row.participant = participant
    if ctx.outbox.over_limit(sender):
        return needs_human("forget request: rate limit reached, no confirmation request sent")
    token = new_token()
    ctx.outbox.queue(
        kind="forget_confirm", template="forget_confirm", to_address=sender,
        to_name=participant.name if participant is not None else ctx.mail.sender_name, lang=_language(ctx),
        context={"reference": marked(token), "valid_days": CONFIRMATION_VALID.days,
                 "is_participant": participant is not None},
        token=token, cause=ctx.row, participant=participant,
    )
    return handled("forget request: confirmation requested")


def handle_confirmation(ctx: HandlerContext) -> Outcome:
    sender = ctx.mail.sender
    tokens = find_tokens(ctx.mail.subject, ctx.mail.text)
    requests = list(ctx.session.scalars(select(OutboxMail).where(OutboxMail.kind == "forget_confirm",
                                                                 OutboxMail.token.in_(sorted(tokens)))))
    if not sender or not requests:
        return needs_human("confirmation: no deletion request with this reference; nothing deleted")
    ours = [r for r in requests if r.recipient in (sender, address_hash(sender))]
    if not ours:
        return needs_human("confirmation: the reference was sent to another address; nothing deleted")
    if any(r.recipient == address_hash(sender) for r in ours):  # blanked by an earlier confirmation
        blank_message(ctx.row)
        return handled("confirmation: address already forgotten; this message erased")
    if all(r.created_at < ctx.now - CONFIRMATION_VALID for r in ours):
        return needs_human(f"confirmation: the reference is older than {CONFIRMATION_VALID.days} days; "
                           "nothing deleted")
    lang = _language(ctx)
    report = forget_person(ctx.session, sender, ctx.now, reason="confirmed by mail")
    blank_message(ctx.row)
    _forget_in_batch(ctx, sender)
    # the one mail that still goes to a suppressed address; its row is blanked once it went out
    # (privacy.forget.blank_delivered_to_suppressed)
    ctx.outbox.queue(kind="forget_done", template="forget_done", to_address=sender, to_name="", lang=lang,
                     context={}, counts_for_limit=False, cause=ctx.row)
    return handled(f"confirmation: personal data erased ({report.summary()})")


def _forget_in_batch(ctx: HandlerContext, address: str) -> None:
    """Later messages of the same batch must see the address as suppressed and without a participant."""
    ctx.outbox.suppress(address)
    ctx.lookups.forget(address)
