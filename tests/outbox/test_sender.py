"""Sending on a fake server: each reply handed over until it is confirmed, never lost, never a second mail."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import OutboxState
from mailbot.outbox.ledger import open_ledger
from mailbot.store.models import OutboxMail
from tests.fakes import FakeBot
from tests.mails import mail


def states(bot: FakeBot) -> dict[str, str]:
    with bot.app.db.read_session() as session:
        return {recipient: state for recipient, state in session.execute(select(OutboxMail.recipient,
                                                                                OutboxMail.state))}


def test_a_broken_connection_sends_the_unconfirmed_reply_again_with_the_same_message_id(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, smtp={"connections": 1})
    bot.smtp.drop_after = 1
    report = bot.receive(mail("anna@org.example", "Graag meld ik mij aan."),
                         mail("piet@org.example", "Ik doe mee."))
    assert report.sent == 1 and "connection lost" in report.error
    assert states(bot) == {"anna@org.example": OutboxState.SENT, "piet@org.example": OutboxState.PENDING}
    bot.smtp.drop_after = None
    assert bot.drain().sent == 1
    assert len(bot.smtp.to("piet@org.example")) == 1 and len(bot.smtp.to("anna@org.example")) == 1


def test_a_reply_begun_before_a_crash_goes_out_again_with_the_same_message_id(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.deliver(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.smtp.refuse = 451  # keep the reply in the outbox for this test to send by hand
    bot.runner.poll()
    with bot.app.db.read_session() as session:
        row = session.execute(select(OutboxMail.id, OutboxMail.message_id)).one()
    ledger = open_ledger(bot.app.db)
    assert ledger.begin(row.id, row.message_id)  # handed over ... and then the process died
    ledger.close()
    bot.smtp.refuse = None
    report = bot.drain()
    assert report.resent == 1 and report.sent == 1
    [sent] = bot.smtp.to("anna@org.example")
    assert str(sent.message["Message-ID"]) == row.message_id


def test_a_reply_confirmed_but_not_yet_reconciled_is_never_sent_again(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.deliver(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.smtp.refuse = 451
    bot.runner.poll()
    with bot.app.db.read_session() as session:
        row = session.execute(select(OutboxMail.id, OutboxMail.message_id)).one()
    ledger = open_ledger(bot.app.db)
    ledger.begin(row.id, row.message_id)
    ledger.sent(row.id, row.message_id)  # the server said 250; the process died before the outbox heard
    ledger.close()
    bot.smtp.refuse = None
    assert bot.drain().sent == 0 and not bot.smtp.sent
    assert states(bot) == {"anna@org.example": OutboxState.SENT}


def test_a_permanent_refusal_fails_that_mail_and_the_others_still_go(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, smtp={"connections": 1})
    bot.smtp.refuse = 550
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.smtp.refuse = None
    bot.receive(mail("piet@org.example", "Ik doe mee."))
    assert states(bot) == {"anna@org.example": OutboxState.FAILED, "piet@org.example": OutboxState.SENT}
    assert [s.recipient for s in bot.smtp.sent] == ["piet@org.example"]


def test_a_refusing_server_defers_without_penalty_and_sends_later(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.smtp.refuse = 451
    report = bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    assert report.deferred == 1 and "refuses for now" in report.error
    bot.smtp.refuse = None
    assert bot.drain().sent == 1
