"""Leaving the circle: the status changes once and the participant hears it once."""

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
    assert len(bot.smtp.to("anna@org.example")) == 2, "the questionnaire, then one confirmation"
