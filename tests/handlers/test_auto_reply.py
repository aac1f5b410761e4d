"""An out-of-office from a participant is never answered; it reaches the organiser only when its owner's own
words touch their taking part (a meeting in the absence, a meeting named, having left)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from mailbot.store.models import Item
from tests.fakes import FakeBot
from tests.mails import mail
from tests.understand.test_unsure import JAN, MONTHS, meetings, signed_up

OOO = {"Auto-Submitted": "auto-replied"}


def _items(bot: FakeBot) -> int:
    with bot.app.db.read_session() as session:
        return len(session.scalars(select(Item)).all())


def _away(tmp_path: Path, body: str) -> tuple[int, int]:
    bot = FakeBot.make(tmp_path, meetings=meetings())
    signed_up(bot)
    before, sent = _items(bot), len(bot.smtp.to(JAN))
    bot.receive(mail(JAN, body, subject="Automatisch antwoord: Re: Aanmelding leerkring", headers=OOO))
    assert len(bot.smtp.to(JAN)) == sent  # never answered
    return before, _items(bot)


def _day(days: int) -> str:
    when = datetime.now() + timedelta(days=days)
    return f"{when.day} {MONTHS[when.month - 1]}"


def test_an_absence_that_ends_before_any_meeting_needs_nobody(tmp_path: Path) -> None:
    before, after = _away(tmp_path, f"Ik ben tot en met {_day(10)} afwezig en heb beperkt toegang tot mijn mail. "
                                    "Voor dringende zaken kunt u het secretariaat bellen.")
    assert after == before


def test_an_absence_that_takes_in_a_meeting_reaches_the_organiser(tmp_path: Path) -> None:
    before, after = _away(tmp_path, f"Ik ben met verlof tot en met {_day(50)} en lees mijn mail niet. "
                                    "Voor dringende zaken kunt u het secretariaat bellen.")
    assert after > before
