"""Leaving the circle: the status changes once, the participant hears it once, and a second withdrawal is
answered with what is true: they had withdrawn already (a mail from a person never goes unanswered)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import Status
from mailbot.store.models import Participant
from tests.fakes import FakeBot
from tests.mails import mail


def test_a_withdrawal_is_recorded_and_confirmed_once(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.receive(mail("anna@org.example", "Ik meld mij af voor de leerkring.", subject="Afmelding"))
    bot.receive(mail("anna@org.example", "Nogmaals: ik meld mij af voor de leerkring.", subject="Afmelding"))
    with bot.app.db.read_session() as session:
        assert session.scalar(select(Participant.status)) == Status.WITHDRAWN
    replies = bot.smtp.to("anna@org.example")
    assert len(replies) == 3, "the questionnaire, one confirmation, then what is true of the second"
    assert "hebben we verwerkt" not in replies[2].text and "al afgemeld" in replies[2].text, replies[2].text
