"""One answer per mail, and one forward to the organiser for whatever needs a person.

Handlers do not queue the reply themselves: each adds to the ``Response`` of the mail
it acts on. ``Response.reply`` offers a main mail (the questionnaire, the confirmation of
answers, a withdrawal); the one that ranks highest is sent, and everything else done or
handed on becomes a sentence in it (``also``, rendered by the ``_also`` partial of every
template), so a sign-up with a question gets the questionnaire *and* hears where the
question went. ``Response.hand_over`` collects why a person must see the mail.

``finish`` then queues, in the handler's transaction:
  1. an item for the organiser and, unless every reason is "digest only", a forward to each
     organiser with the person's full text and attachments, ``Reply-To`` the person and us;
  2. the reply, which *waits* for the forward (``after``): "we passed your question on" is
     sent only once she has it.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.conversation.questionnaire_mail import link_questionnaire
from mailbot.core.domain import ItemState, MailKind
from mailbot.mail.compose import Attachment, reply_subject
from mailbot.mail.parse import IncomingMail
from mailbot.outbox.queue import Outbox
from mailbot.store.models import Action, IncomingMessage, Item, KeyValue, OutboxMail, Participant

log = logging.getLogger(__name__)
MAX_FORWARDED_ATTACHMENTS = 20_000_000


@dataclass(frozen=True)
class MainMail:
    rank: int  # the highest-ranking main mail is the one sent
    kind: MailKind
    template: str
    context: dict[str, Any]
    also: dict[str, Any] | None = None  # what to say instead when another mail outranks this one
    separate: bool = False  # outranked, it still goes, as a mail of its own (it carries a questionnaire, a token)
    attachments: tuple[Attachment, ...] = ()  # the overview she asked for: the participant list


@dataclass(frozen=True)
class Reason:
    kind: str  # a Finding, or forged / bounce / rate_limit / ...
    text: str  # the person's words it is about


@dataclass
class Response:
    """What one incoming mail leads to, for the person and for the organiser."""

    language: str
    mains: list[MainMail] = field(default_factory=list)
    also: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    silent: bool = False  # nothing goes to the sender (a forged mail, a suppressed address, a loop)
    silent_why: str = ""
    confirming: Action | None = None  # the action our reply asks them to confirm (its thread answers it)
    farewell: bool = False  # the "your data is erased" mail: it goes to a just-suppressed address, uncounted
    counted: bool = True  # counts for the rate limit (mail to an organiser does not)

    def reply(self, main: MainMail) -> None:
        self.mains.append(main)

    def say(self, key: str, **params: Any) -> None:
        self.also.append({"key": key, **params})

    def hand_over(self, kind: str, text: str) -> None:
        self.reasons.append(Reason(kind, text))

    def keep_silent(self, why: str) -> None:
        self.silent, self.silent_why = True, why


def forwards_now(config: Config, reasons: list[Reason]) -> bool:
    """At once unless every reason is set to reach her in the digest only (``forwarding``)."""
    return any(config.forwarding.get(r.kind, "now") == "now" for r in reasons)


def finish(response: Response, *, outbox: Outbox, config: Config, mail: IncomingMail, row: IncomingMessage,
           participant: Participant | None, name: str) -> Item | None:
    """Queue the forward (with its item) and the reply this mail leads to; return the item, if any."""
    item, forward = None, None
    if response.reasons:
        item = Item(id=next_item_number(outbox.session), created_at=outbox.now, message=row, participant=participant,
                    address=mail.sender, name=name,
                    reasons=[{"kind": r.kind, "text": r.text[:2000]} for r in response.reasons],
                    state=ItemState.OPEN, forwarded=forwards_now(config, response.reasons))
        outbox.session.add(item)
    reply = None
    if not response.silent and mail.sender and (response.mains or response.also):
        reply = _queue_reply(response, outbox, mail, row, participant, name, forwarded=bool(item and item.forwarded))
        for other in sorted(response.mains, key=lambda m: -m.rank)[1:]:
            if other.separate:
                _queue_main(response, other, outbox, mail, row, participant, name, {"also": [], "forwarded": False})
    if item is not None:
        item.told = reply.body_text if reply is not None else ""
        if item.forwarded:
            forward = _queue_forward(response, outbox, config, mail, row, item, participant, name,
                                     told=_told(response, reply))
    if reply is not None and forward is not None:
        reply.after = forward  # the reply says it was passed on: it goes once that is true
    return item


_OWN_RECORD = frozenset({"questionnaire", "withdrawal", "answers_received", "attendance_noted"})
ITEM_NUMBERS = "last_item_number"  # state key: the highest item number ever given


def next_item_number(session: Session) -> int:
    """The next item's number, given here rather than by the database.

    The forward quotes its number ("afgehandeld #12"), so it must be known when the forward is
    written; asking the database would flush every pending row one mail at a time, which costs
    a round trip per row on a server database. Items are only made while deciding, under the poll
    lock, so one counter suffices. A number is never given twice, also after its item was erased:
    an old forward's "#12" never closes someone else's item.
    """
    with session.no_autoflush:
        counter: KeyValue | None = session.info.get(ITEM_NUMBERS)
        if counter is None or counter not in session:  # first in this transaction, or undone with a savepoint
            counter = session.get(KeyValue, ITEM_NUMBERS)
            highest = session.scalar(select(func.max(Item.id))) or 0
            if counter is None:
                counter = KeyValue(key=ITEM_NUMBERS, value=0)
                session.add(counter)
            counter.value = max(int(counter.value or 0), highest)
            session.info[ITEM_NUMBERS] = counter
        last = int(counter.value) + 1
        counter.value = last
    return last


def _queue_reply(response: Response, outbox: Outbox, mail: IncomingMail, row: IncomingMessage,
                 participant: Participant | None, name: str, forwarded: bool) -> OutboxMail:
    mains = sorted(response.mains, key=lambda m: -m.rank)
    also = list(response.also)
    for other in mains[1:]:
        if other.also:
            also.insert(0, other.also)
    # a colleague's mail that also changed the sender's own record must not say "we change nothing of yours"
    own_changed = any(m.template in _OWN_RECORD for m in mains)
    context = {"also": also, "forwarded": forwarded, "own_changed": own_changed}
    main = mains[0] if mains else MainMail(0, MailKind.ACKNOWLEDGEMENT, "acknowledgement", {})
    return _queue_main(response, main, outbox, mail, row, participant, name, context)


def _queue_main(response: Response, main: MainMail, outbox: Outbox, mail: IncomingMail, row: IncomingMessage,
                participant: Participant | None, name: str, extra: dict[str, Any]) -> OutboxMail:
    reference = main.context.get("reference") if main.kind in (MailKind.FORGET_CONFIRM, MailKind.CONFIRM_REQUEST) \
        else None
    # the reference also rides in the subject: it survives a reply that drops the quoted text
    subject = f"{reply_subject(mail.subject)} {reference}" if reference and mail.subject else None
    queued = outbox.queue(kind=main.kind, template=main.template, to_address=mail.sender, to_name=name,
                          lang=response.language, context={**main.context, **extra}, reply_to=mail, cause=row,
                          participant=participant, counts_for_limit=response.counted and not response.farewell,
                          subject=subject, attachments=main.attachments,
                          template_subject=main.kind in (MailKind.FORGET_DONE, MailKind.DIGEST))
    if main.kind in (MailKind.FORGET_CONFIRM, MailKind.CONFIRM_REQUEST):
        queued.action = response.confirming
    link_questionnaire(outbox, queued)
    return queued


def _told(response: Response, reply: OutboxMail | None) -> str:
    """What the person already heard from us, for the forward: reply | silent | nothing."""
    if response.silent:
        return "silent"
    return "reply" if reply is not None else "nothing"


def _queue_forward(response: Response, outbox: Outbox, config: Config, mail: IncomingMail, row: IncomingMessage,
                   item: Item, participant: Participant | None, name: str, told: str) -> OutboxMail:
    files = original_attachments(row.raw)
    # reply-all reaches the person, unless the sender is a machine (a bounce) or not who it claims to be
    direct = not any(r.kind in ("bounce", "forged") for r in response.reasons) and row.authenticity != "forged"
    first = None
    for organiser in config.organisers:
        forward = outbox.queue(
            kind=MailKind.FORWARD, template="forward", to_address=organiser.email, to_name=organiser.name,
            lang=organiser.language, counts_for_limit=False, auto_submitted="auto-generated", attachments=files,
            reply_to_addresses=[*([(name or mail.sender, mail.sender)] if direct else []),
                                (config.programme.name, config.programme.address)],
            context={"reasons": [{"kind": r.kind, "text": r.text} for r in response.reasons], "told": told,
                     "direct": direct,
                     "authenticity": str(row.authenticity),
                     "sender": mail.sender, "sender_name": name, "subject": mail.subject, "text": mail.text,
                     "status": participant.status if participant is not None else "",
                     "item_id": item.id, "attachments": [a.filename for a in files]},
            subject=f"Fwd: {mail.subject or '-'}",
        )
        forward.item = item
        first = first or forward
    assert first is not None  # a config has at least one organiser
    return first


# a MIME parameter that names a file (name=, filename=, RFC 2231's filename*0*=): a part that may be one
_NAMED_PART = re.compile(rb"(?i)name\*?(?:\d+\*?)?\s*=")


def original_attachments(raw: bytes | None) -> tuple[Attachment, ...]:
    """The files of the person's mail, as they sent them (bounded in size), to travel with the forward."""
    if not raw or not _NAMED_PART.search(raw):
        return ()  # no part has a file name: spare the full parse, which most forwards would pay for nothing
    message = email.message_from_bytes(raw, policy=email.policy.default)
    found: list[Attachment] = []
    total = 0
    for part in message.walk():
        if part.is_multipart() or not part.get_filename():
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or total + len(data) > MAX_FORWARDED_ATTACHMENTS:
            continue
        total += len(data)
        found.append(Attachment(str(part.get_filename()), data, part.get_content_maintype(),
                                part.get_content_subtype()))
    return tuple(found)
