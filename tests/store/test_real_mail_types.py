"""Types that hold real mail: 64-bit UIDs, addresses of any length, headers too long for their column.

On SQLite these pass trivially (it checks no lengths); the PostgreSQL pass of ``.ci/run`` is where they bite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.core.domain import Finding, State
from mailbot.handlers import HandlerContext, Outcome, dispatch
from mailbot.store.models import FolderState, IncomingMessage, Participant
from mailbot.understand import Found
from tests.fakes import FakeBot
from tests.mails import mail

LONG_ADDRESS = "a" * 290 + ".very.long.local.part@" + "sub." * 10 + "example.org"  # 363 characters


def test_a_uidvalidity_beyond_two_to_the_31_is_stored(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.uidvalidity = 2**32 - 5  # legal: IMAP's numbers are unsigned 32-bit
    bot.mailbox._next_uid = 2**31 + 10
    report = bot.receive(mail("anna@org.example", "Graag meld ik mij aan.\n\nAnna"))
    assert report.sent == 1
    with bot.app.db.read_session() as session:
        assert session.get(FolderState, "INBOX").uidvalidity == 2**32 - 5  # type: ignore[union-attr]
        assert session.scalars(select(IncomingMessage.uid)).one() == 2**31 + 10


def test_a_long_address_and_long_headers_never_block_the_mail_behind_them(tmp_path: Path) -> None:
    assert len(LONG_ADDRESS) == 363
    bot = FakeBot.make(tmp_path)
    long_name = "Naam " * 100
    first = mail(LONG_ADDRESS, "Graag meld ik mij aan.\n\nLang", name=long_name, subject="Aanmelding " + "x" * 3000)
    others = [mail(f"p{i}@org.example", f"Graag meld ik mij aan.\n\nP{i}") for i in range(5)]
    report = bot.receive(first, *others)
    assert report.sent == 6, "the long one and the five behind it are all answered"
    with bot.app.db.read_session() as session:
        row = session.scalars(select(IncomingMessage).where(IncomingMessage.sender == LONG_ADDRESS)).one()
        assert row.truncated and len(row.subject) == 2000 and len(row.sender_name) <= 200
        person = session.scalars(select(Participant).where(Participant.email == LONG_ADDRESS)).one()
        assert len(person.name) <= 200
        assert not session.scalars(select(IncomingMessage).where(IncomingMessage.sender != LONG_ADDRESS)
                                   .where(IncomingMessage.truncated)).all()


def test_a_value_the_database_refuses_quarantines_that_message_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = dispatch.FINDINGS[Finding.REGISTRATION]

    def refused(ctx: HandlerContext, found: Found) -> Outcome:
        outcome = real(ctx, found)
        if ctx.mail.sender == "twin@org.example":  # a second row with the same unique address
            ctx.session.add(Participant(email="twin@org.example", status="interested", registered_at=ctx.now,
                                        updated_at=ctx.now))
            ctx.session.flush()
        return outcome

    monkeypatch.setitem(dispatch.FINDINGS, Finding.REGISTRATION, refused)
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."), mail("twin@org.example", "Ik doe mee."),
                mail("piet@org.example", "Ik doe ook mee."))
    with bot.app.db.read_session() as session:
        states = dict(session.execute(select(IncomingMessage.sender, IncomingMessage.state)).all())
        reason = session.scalars(select(IncomingMessage.reason).where(IncomingMessage.sender == "twin@org.example")
                                 ).one()
    assert states == {"anna@org.example": State.HANDLED, "twin@org.example": State.QUARANTINED,
                      "piet@org.example": State.HANDLED}
    assert "the database refused a value" in reason and "INSERT" not in reason, "no SQL, no parameters"
    assert {s.recipient for s in bot.smtp.sent} == {"anna@org.example", "piet@org.example"}


def test_an_absurd_address_is_quarantined_and_the_rest_goes_on(tmp_path: Path) -> None:
    absurd = "x" * 3000 + "@org.example"  # longer than a PostgreSQL index entry may be
    bot = FakeBot.make(tmp_path)
    report = bot.receive(mail(absurd, "Graag meld ik mij aan."), mail("piet@org.example", "Ik doe ook mee."))
    assert report.sent == 1 and [s.recipient for s in bot.smtp.sent] == ["piet@org.example"]
    with bot.app.db.read_session() as session:
        row = session.scalars(select(IncomingMessage).where(IncomingMessage.sender != "piet@org.example")).one()
        assert (row.state, row.sender) == (State.QUARANTINED, "")
        assert "(3012 characters)" in row.reason and len(row.reason) < 400
