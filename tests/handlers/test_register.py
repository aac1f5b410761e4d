"""Someone new writes: they become a participant and get the questionnaire, once, in their own language."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import Status
from mailbot.store.models import Participant
from tests.fakes import FakeBot
from tests.mails import mail


def participant(bot: FakeBot, email: str) -> tuple[str, str, str] | None:
    with bot.app.db.read_session() as session:
        found = session.scalar(select(Participant).where(Participant.email == email))
        return (found.name, found.language, found.status) if found else None


def test_a_dutch_sign_up_gets_the_dutch_questionnaire(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("j.devries@gemeente.example", "Beste organisatie,\n\nGraag meld ik mij aan voor de leerkring."
                     "\n\nMet vriendelijke groet,\nJan de Vries"))
    assert participant(bot, "j.devries@gemeente.example") == ("Jan de Vries", "nl", Status.QUESTIONNAIRE_SENT)
    [sent] = bot.smtp.to("j.devries@gemeente.example")
    assert "Bij welke organisatie werkt u?" in sent.text
    assert sent.message["Auto-Submitted"] == "auto-replied" and sent.message["In-Reply-To"]


def test_an_english_sign_up_gets_the_english_questionnaire(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("s.miller@campus.example", "Dear organisers,\n\nI would like to take part in the learning "
                     "circle.\n\nKind regards,\nSarah Miller", subject="Registration", name="Sarah Miller"))
    assert participant(bot, "s.miller@campus.example") == ("Sarah Miller", "en", Status.QUESTIONNAIRE_SENT)
    assert "Which organisation do you work for?" in bot.smtp.to("s.miller@campus.example")[0].text


def test_writing_again_sends_no_second_questionnaire_unless_asked(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.receive(mail("anna@org.example", "Ik wilde mij aanmelden, is dat gelukt.", subject="Aanmelding"))
    assert len(bot.smtp.to("anna@org.example")) == 1
    bot.receive(mail("anna@org.example", "Ik heb de vragenlijst niet ontvangen, kunt u hem nogmaals sturen?",
                     subject="Vragenlijst"))
    assert len(bot.smtp.to("anna@org.example")) == 2
