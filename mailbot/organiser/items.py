"""Items that wait for the organiser: her reply-all to a forward answers one, "afgehandeld" closes one, and
a command of hers that does what the item asked for closes it too.

Her answer goes into the person's history. The person already has it when she replied to all
(the forward's Reply-To holds their address and ours); when she left them out, we pass her answer
on to them, once, and tell her so. Her reply-all itself gets no receipt unless ``organiser_receipts``
asks for one: she sees her answer in her Sent folder. A reply that only says "afgehandeld" / "done"
closes the item and mails no one.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from mailbot.core.domain import Finding, ItemState, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.organiser.replies import reply_lines
from mailbot.store.models import Item, Note, OutboxMail

# which reasons for an item a command of hers settles, when the item is about the person she named
RESOLVES: dict[str, frozenset[str]] = {
    "register": frozenset({Finding.COLLEAGUE, Finding.MESSAGE, Finding.LANGUAGE, Finding.ATTACHMENT}),
    "withdraw": frozenset({Finding.COLLEAGUE, Finding.MESSAGE, Finding.CONTRADICTION, "bounce", "confirmation"}),
    "resend": frozenset({Finding.MESSAGE}),
    "answer": frozenset({Finding.UNPLACED, Finding.CONTRADICTION, Finding.ATTACHMENT, Finding.LANGUAGE,
                         Finding.MESSAGE, Finding.COLLEAGUE}),
    "absent": frozenset({Finding.CONTRADICTION, Finding.MESSAGE, Finding.COLLEAGUE}),
    "present": frozenset({Finding.CONTRADICTION, Finding.MESSAGE, Finding.COLLEAGUE}),
    "language": frozenset({Finding.LANGUAGE}),
}
# a question or remark in the item that asks for exactly what her command did ("kunnen jullie haar aanmelden?")
ASKS_FOR = {
    "register": re.compile(r"aanmeld|inschrijv|meedoen|deelnemen|registr|sign(?:ing)? (?:up|on)|join", re.I),
    "withdraw": re.compile(r"afmeld|uitschrijv|stoppen|withdraw|unsubscrib|sign(?:ing)? off", re.I),
    "resend": re.compile(r"vragenlijst|questionnaire", re.I),
}


def close(ctx: HandlerContext, item: Item, answer: str = "") -> None:
    item.state = ItemState.CLOSED
    item.closed_at = ctx.now
    item.closed_by = ctx.mail.sender
    item.answer = answer[:8000]


def resolved_by(ctx: HandlerContext, verb: str, address: str) -> list[int]:
    """Close the open items her command about ``address`` settles: items about that person (from them, or
    naming them, as a colleague's request does) whose every reason is one the command deals with. A question
    stays open: she still owes an answer."""
    settles = RESOLVES.get(verb, frozenset())
    if not settles:
        return []
    closed = []
    for item in ctx.session.scalars(select(Item).where(Item.state == ItemState.OPEN).order_by(Item.id)):
        reasons = [r for r in (item.reasons or []) if isinstance(r, dict)]
        about = item.address.lower() == address.lower() or any(address.lower() in str(r.get("text", "")).lower()
                                                                for r in reasons)
        if about and reasons and all(_settled(r, verb, settles) for r in reasons):
            close(ctx, item, f"settled by her command: {verb} {address}")
            closed.append(item.id)
    return closed


def _settled(reason: dict[str, object], verb: str, settles: frozenset[str]) -> bool:
    if reason.get("kind") in settles:
        return True
    asks = ASKS_FOR.get(verb)
    return reason.get("kind") in (Finding.QUESTION, Finding.REMARK) and asks is not None \
        and bool(asks.search(str(reason.get("text", ""))))


def answer(ctx: HandlerContext, item_id: int, words: str, closing_only: bool) -> Outcome:
    item = ctx.session.get(Item, item_id)
    if item is None:
        ctx.response.reply(reply_lines([{"key": "item_unknown", "number": item_id}]))
        return handled(f"organiser: reply to a forward whose item {item_id} is gone")
    already = item.state == ItemState.CLOSED
    close(ctx, item, "" if closing_only else words)
    if closing_only:
        ctx.response.reply(reply_lines([{"key": "item_closed", "number": item.id, "who": item.name or item.address}]))
        return handled(f"organiser: item {item.id} marked done")
    if item.participant is not None:
        item.participant.notes.append(Note(message=ctx.row, source="organiser", text=words[:4000], flagged=False,
                                           created_at=ctx.now))
    told_them = item.address.lower() in ctx.mail.recipients
    if not told_them and item.address and not ctx.outbox.suppressed(item.address) and not already:
        _pass_on(ctx, item, words)
    if not told_them or ctx.config.organiser_receipts:
        ctx.response.reply(reply_lines([{"key": "item_answered", "number": item.id, "who": item.name or item.address,
                                         "passed_on": not told_them}]))
    else:
        ctx.response.keep_silent("nothing: her reply-all reached the person; no receipt (organiser_receipts)")
    return handled(f"organiser answered item {item.id}" + ("" if told_them else "; passed on to the person"))


def _pass_on(ctx: HandlerContext, item: Item, words: str) -> None:
    """She answered us only: her words go to the person once, as hers (Reply-To her)."""
    organiser = next(o for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender)
    participant = item.participant
    lang = participant.language if participant is not None else ctx.config.programme.language
    row: OutboxMail = ctx.outbox.queue(
        kind=MailKind.FORWARD, template="organiser_answer", to_address=item.address, to_name=item.name, lang=lang,
        context={"answer": words, "organiser": organiser.name}, counts_for_limit=False, participant=participant,
        cause=ctx.row, reply_to_addresses=[(organiser.name, organiser.email)],
        subject=f"Re: {item.message.subject if item.message is not None else ''}".strip())
    row.item = item


def close_by_number(ctx: HandlerContext, number: int) -> Outcome:
    item = ctx.session.get(Item, number)
    if item is None:
        ctx.response.reply(reply_lines([{"key": "item_unknown", "number": number}]))
        return handled(f"organiser: asked to close item {number}, which does not exist")
    close(ctx, item)
    ctx.response.reply(reply_lines([{"key": "item_closed", "number": item.id, "who": item.name or item.address}]))
    return handled(f"organiser: item {item.id} marked done")
