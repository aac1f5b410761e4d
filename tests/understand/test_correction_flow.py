"""A correction in prose updates the answer with its history, and the confirmation shows the new value."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.store.models import Answer
from tests.fakes import ORGANISER, FakeBot, Sent
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply


def noor_answered(tmp_path: Path, answers: str) -> tuple[FakeBot, Sent]:
    """Noor signed up and answered; the confirmation she got is what she corrects by replying."""
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("noor@hv.example", "Ik meld mij graag aan."))
    [questionnaire] = bot.smtp.to("noor@hv.example")
    bot.receive(reply(questionnaire, "noor@hv.example", answers))
    return bot, bot.smtp.to("noor@hv.example")[-1]


def test_a_prose_correction_replaces_the_answer_and_keeps_the_old_one_as_history(tmp_path: Path) -> None:
    bot, confirmation = noor_answered(tmp_path, "1. Health Valley\n8. Ja\n")
    bot.receive(reply(confirmation, "noor@hv.example", "Correctie: bij vraag 8 bedoelde ik Nee."))
    _, current = answers(bot, "noor@hv.example")
    assert current["all_meetings"] is False and current["organisation"] == "Health Valley"
    with bot.app.db.read_session() as session:
        history = list(session.scalars(select(Answer.value).where(Answer.question_id == "all_meetings")
                                       .order_by(Answer.id)))
    assert history == [True, False]
    told = bot.smtp.to("noor@hv.example")[-1].text
    assert "Uw correctie hebben we verwerkt" in told
    assert "\n  nee" in told.split("Dit staat er nu:")[1].replace("\r", ""), "the new value is shown"
    assert "geen antwoorden" not in told.lower()
    assert not bot.smtp.to(ORGANISER)


def test_an_english_correction_beside_new_answers_gets_one_confirmation(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("ann@uni.example", "I would like to register for the learning circle.", subject="Register",
                     name="Ann Smith"))
    [questionnaire] = bot.smtp.to("ann@uni.example")
    bot.receive(reply(questionnaire, "ann@uni.example", "1. University of Twente\n5. Emerging\n", name="Ann Smith"))
    before = len(bot.smtp.to("ann@uni.example"))
    bot.receive(reply(questionnaire, "ann@uni.example", "3. Twente\n\nAlso, for question 5 I meant Growing.",
                      name="Ann Smith"))
    _, current = answers(bot, "ann@uni.example")
    assert current["phase"] == "growing" and current["region"] == "Twente"
    sent = bot.smtp.to("ann@uni.example")[before:]
    assert len(sent) == 1 and "Twente" in sent[0].text


def test_a_correction_that_cannot_be_placed_goes_to_the_organiser_and_says_so(tmp_path: Path) -> None:
    bot, confirmation = noor_answered(tmp_path, "1. Health Valley\n5. Opkomend\n")
    bot.receive(reply(confirmation, "noor@hv.example", "Bij vraag 5 bedoelde ik iets tussen groeiend en volwassen."))
    _, current = answers(bot, "noor@hv.example")
    assert current["phase"] == "emerging", "nothing is changed on a guess"
    [forward] = bot.smtp.to(ORGANISER)
    assert "tussen groeiend en volwassen" in forward.text
    told = bot.smtp.to("noor@hv.example")[-1].text
    assert "niet met zekerheid" in told and "geen antwoord" not in told.lower()


def test_a_correction_naming_only_the_new_choice_is_placed_on_the_one_question_that_has_it(tmp_path: Path) -> None:
    bot, confirmation = noor_answered(tmp_path, "1. Health Valley\n5. Opkomend\n")
    bot.receive(reply(confirmation, "noor@hv.example", "Sorry, ik bedoelde Groeiend, niet Opkomend."))
    _, current = answers(bot, "noor@hv.example")
    assert current["phase"] == "growing" and current["organisation"] == "Health Valley"
    told = bot.smtp.to("noor@hv.example")[-1].text
    assert "Uw correctie hebben we verwerkt" in told and "Groeiend" in told.split("Dit staat er nu:")[1]
    assert not bot.smtp.to(ORGANISER), "nothing for a person to do"
