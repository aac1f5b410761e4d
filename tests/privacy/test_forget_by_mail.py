"""The forget request and its confirmation, through the handlers, as the runner calls them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from mailbot.config import Config
from mailbot.domain import Kind
from mailbot.handlers import HandlerContext, Outcome
from mailbot.handlers.dispatch import handler_for
from mailbot.mail.parse import parse_mail
from mailbot.outbox import Outbox, address_hash
from mailbot.privacy.tokens import find_tokens, marked
from mailbot.store.db import Database
from mailbot.store.models import IncomingMessage, OutboxMail, Participant, Suppression
from mailbot.templates import Templates
from tests.privacy.conftest import NOW, mail_bytes, store_person

ANNA = "anna@gemeente.example"


@dataclass
class Lookups:
    session: object
    known: dict[str, Participant | None] = field(default_factory=dict)

    def participant(self, email: str) -> Participant | None:
        return self.known.get(email)

    def forget(self, email: str) -> None:
        self.known[email] = None


@dataclass
class Handled:
    outcome: Outcome
    queued: list[OutboxMail]


def deliver(db: Database, config: Config, templates: Templates, kind: str, raw: bytes, uid: int,
            now: datetime = NOW) -> Handled:
    """Store one message and run the handler for ``kind`` in one transaction, like the runner."""
    mail = parse_mail(raw)
    with db.session() as session:
        participant = session.scalar(select(Participant).where(Participant.email == mail.sender))
        row = IncomingMessage(folder="INBOX", uidvalidity=1, uid=uid, message_id=mail.message_id,
                              raw_hash=f"hash{uid}", size=len(raw), raw=raw, sender=mail.sender,
                              sender_name=mail.sender_name, subject=mail.subject, received_at=now, kind=kind,
                              rule=kind, state="new", reason="", excerpt=mail.new_text[:500], marked=False,
                              digested=False)
        session.add(row)
        outbox = Outbox(session, config, templates, now)
        ctx = HandlerContext(session=session, config=config, outbox=outbox, now=now, row=row, mail=mail,
                             participant=participant, lookups=Lookups(session, {mail.sender: participant}))
        outcome = handler_for(Kind(kind))(ctx)
        row.state, row.reason = outcome.state, outcome.reason
        return Handled(outcome, list(outbox.queued))


def request(db: Database, config: Config, templates: Templates, sender: str = ANNA, uid: int = 10) -> OutboxMail:
    got = deliver(db, config, templates, "forget_request",
                  mail_bytes(sender, "Verzoek", "Goedemiddag,\n\nWilt u mijn gegevens verwijderen?\n"), uid)
    assert got.outcome.state == "handled", got.outcome
    [confirm] = got.queued
    return confirm


def confirming(sender: str, confirm: OutboxMail, token: str | None = None) -> bytes:
    """A reply to ``confirm`` quoting it; with ``token``, a forgery that guesses one instead."""
    if token is not None:
        return mail_bytes(sender, f"Re: Bevestig {marked(token)}", f"Ja.\n\n> {marked(token)}\n",
                          in_reply_to=confirm.message_id)
    return mail_bytes(sender, f"Re: {confirm.subject}", "Ja.\n\n> " + confirm.body_text.replace("\n", "\n> "),
                      in_reply_to=confirm.message_id)


def is_participant(db: Database, email: str) -> bool:
    with db.read_session() as s:
        return s.scalar(select(Participant.id).where(Participant.email == email)) is not None


def test_request_queues_a_confirmation_with_a_token_in_subject_and_text(
        db: Database, config: Config, templates: Templates) -> None:
    store_person(db)
    confirm = request(db, config, templates)
    assert confirm.kind == "forget_confirm" and confirm.recipient == ANNA and confirm.counts_for_limit
    assert confirm.token and find_tokens(confirm.subject, "") == {confirm.token}
    assert find_tokens("", confirm.body_text) == {confirm.token}
    assert confirm.subject.startswith("Bevestig de verwijdering") and "Beste Anna de Vries" in confirm.body_text
    assert is_participant(db, ANNA), "a request alone deletes nothing"


def test_confirmation_from_the_same_address_erases_and_says_so_once(
        db: Database, config: Config, templates: Templates) -> None:
    store_person(db)
    confirm = request(db, config, templates)
    got = deliver(db, config, templates, "confirmation", confirming(ANNA, confirm), uid=11,
                  now=NOW + timedelta(hours=2))
    assert got.outcome.state == "handled" and "erased" in got.outcome.reason and "@" not in got.outcome.reason
    [done] = got.queued
    assert done.kind == "forget_done" and done.recipient == ANNA and done.state == "pending"
    assert "verwijderd" in done.body_text and "Anna" not in done.body_text
    assert not is_participant(db, ANNA)
    with db.read_session() as s:
        assert s.get(Suppression, address_hash(ANNA)) is not None
        assert s.scalars(select(IncomingMessage.sender).where(IncomingMessage.sender == ANNA)).all() == []
        old_confirm = s.get(OutboxMail, confirm.id)
        assert old_confirm is not None and old_confirm.recipient == address_hash(ANNA) and old_confirm.raw is None
    again = deliver(db, config, templates, "confirmation", confirming(ANNA, confirm), uid=12,
                    now=NOW + timedelta(hours=3))
    assert again.outcome.state == "handled" and "already forgotten" in again.outcome.reason and not again.queued


def test_a_token_from_another_address_erases_nothing(db: Database, config: Config, templates: Templates) -> None:
    store_person(db)
    confirm = request(db, config, templates)
    got = deliver(db, config, templates, "confirmation", confirming("mallory@elders.example", confirm), uid=11)
    assert got.outcome.state == "needs_human" and "another address" in got.outcome.reason and not got.queued
    assert is_participant(db, ANNA)


def test_a_forged_sender_with_a_wrong_token_erases_nothing(
        db: Database, config: Config, templates: Templates) -> None:
    store_person(db)
    confirm = request(db, config, templates)
    got = deliver(db, config, templates, "confirmation", confirming(ANNA, confirm, token="A" * 22), uid=11)
    assert got.outcome.state == "needs_human" and "nothing deleted" in got.outcome.reason
    assert is_participant(db, ANNA)


def test_an_expired_token_erases_nothing(db: Database, config: Config, templates: Templates) -> None:
    store_person(db)
    confirm = request(db, config, templates)
    got = deliver(db, config, templates, "confirmation", confirming(ANNA, confirm), uid=11,
                  now=NOW + timedelta(days=8))
    assert got.outcome.state == "needs_human" and "older than 7 days" in got.outcome.reason
    assert is_participant(db, ANNA)


def test_a_stranger_can_ask_too_and_is_suppressed(db: Database, config: Config, templates: Templates) -> None:
    stranger = "iemand@elders.example"
    confirm = request(db, config, templates, sender=stranger)
    assert "Na uw bevestiging verwijderen we de e-mails" in confirm.body_text
    got = deliver(db, config, templates, "confirmation", confirming(stranger, confirm), uid=11)
    assert got.outcome.state == "handled"
    with db.read_session() as s:
        assert s.get(Suppression, address_hash(stranger)) is not None


def test_a_request_from_a_forgotten_address_is_erased_without_a_reply(
        db: Database, config: Config, templates: Templates) -> None:
    confirm = request(db, config, templates)
    deliver(db, config, templates, "confirmation", confirming(ANNA, confirm), uid=11)
    got = deliver(db, config, templates, "forget_request",
                  mail_bytes(ANNA, "Nogmaals", "Verwijder mijn gegevens!\n"), uid=12)
    assert got.outcome.state == "handled" and not got.queued
    with db.read_session() as s:
        row = s.scalar(select(IncomingMessage).where(IncomingMessage.uid == 12))
        assert row is not None and row.raw is None and row.sender == ""


def test_over_the_rate_limit_the_organiser_takes_over(db: Database, config: Config, templates: Templates) -> None:
    for uid in range(config.rate_limit.max_replies):
        request(db, config, templates, uid=20 + uid)
    got = deliver(db, config, templates, "forget_request",
                  mail_bytes(ANNA, "Verzoek", "Verwijder mijn gegevens.\n"), uid=30)
    assert got.outcome.state == "needs_human" and "rate limit" in got.outcome.reason and not got.queued
