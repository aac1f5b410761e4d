"""Someone else's mail: answers sent on behalf of a participant are theirs once they confirm them; the sender
is never registered by it, and their own answers never change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.store.models import Participant
from tests.fakes import ORGANISER, FakeBot
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply


def participant(bot: FakeBot, email: str, name: str = "Piet Jansen") -> None:
    bot.receive(mail(email, "Graag meld ik mij aan voor de leerkring.", name=name))


def registered(bot: FakeBot, email: str) -> bool:
    with bot.app.db.read_session() as session:
        return session.scalar(select(Participant).where(Participant.email == email)) is not None


def test_answers_on_behalf_of_a_participant_named_by_address_are_theirs(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    participant(bot, "piet@org.example")
    bot.receive(mail("secretariaat@org.example", "Beste organisatie,\n\nNamens Piet Jansen (piet@org.example) "
                     "stuur ik zijn antwoorden.\n\n1. Gemeente Ede\n2. Provincie, gemeente of regio\n",
                     subject="Antwoorden Piet Jansen", name="Secretariaat"))
    assert not registered(bot, "secretariaat@org.example")
    assert answers(bot, "piet@org.example")[1] == {}, "theirs once Piet says so (handlers.colleague)"
    [told] = bot.smtp.to("secretariaat@org.example")
    assert "Piet Jansen" not in told.text
    # Piet is asked at his own address, says yes, and can still put it right by replying
    _, asked = bot.smtp.to("piet@org.example")
    assert "Secretariaat (secretariaat@org.example) stuurde ons" in asked.text and "Gemeente Ede" in asked.text
    bot.receive(reply(asked, "piet@org.example", "Ja", name="Piet Jansen"))
    _, current = answers(bot, "piet@org.example")
    assert current == {"organisation": "Gemeente Ede", "org_type": "decentral"}
    confirmed = bot.smtp.to("piet@org.example")[-1]
    assert "die Secretariaat namens u stuurde" in confirmed.text
    assert "Dank u wel voor uw antwoorden" not in confirmed.text
    bot.receive(reply(confirmed, "piet@org.example", "Correctie: bij vraag 1 bedoelde ik Gemeente Wageningen.",
                      name="Piet Jansen"))
    assert answers(bot, "piet@org.example")[1]["organisation"] == "Gemeente Wageningen"


def test_a_participant_forwarding_a_colleagues_answers_keeps_their_own(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    participant(bot, "piet@org.example")
    participant(bot, "anna@org.example", name="Anna de Boer")
    [questionnaire] = bot.smtp.to("anna@org.example")
    bot.receive(reply(questionnaire, "anna@org.example", "1. TNO\n", name="Anna de Boer"))
    bot.receive(mail("anna@org.example", "On behalf of my colleague Piet Jansen <piet@org.example>, "
                     "here are his answers.\n\n1. Gemeente Ede\n8. Nee\n", subject="Answers Piet",
                     name="Anna de Boer"))
    assert answers(bot, "anna@org.example")[1] == {"organisation": "TNO"}
    bot.receive(reply(bot.smtp.to("piet@org.example")[-1], "piet@org.example", "Yes", name="Piet Jansen"))
    assert answers(bot, "piet@org.example")[1] == {"organisation": "Gemeente Ede", "all_meetings": False}


def test_answers_for_someone_not_named_by_address_go_to_the_organiser(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    participant(bot, "piet@org.example")
    bot.receive(mail("secretariaat@org.example", "Namens Piet Jansen stuur ik zijn antwoorden.\n\n"
                     "1. Gemeente Ede\n2. Provincie, gemeente of regio\n", subject="Antwoorden",
                     name="Secretariaat"))
    assert not registered(bot, "secretariaat@org.example")
    assert answers(bot, "piet@org.example")[1] == {}
    [forward] = bot.smtp.to(ORGANISER)
    assert "Gemeente Ede" in forward.text


def test_answers_for_an_address_that_is_no_participant_go_to_the_organiser(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("secretariaat@org.example", "Namens Karel Bos (karel@org.example) stuur ik zijn "
                     "antwoorden.\n\n1. Gemeente Ede\n", subject="Antwoorden", name="Secretariaat"))
    assert not registered(bot, "secretariaat@org.example") and not registered(bot, "karel@org.example")
    assert len(bot.smtp.to(ORGANISER)) == 1


def test_a_forwarded_mail_of_a_participant_carries_their_answers(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    participant(bot, "piet@org.example")
    forwarded = ("Zie hieronder de antwoorden van Piet.\n\n---------- Forwarded message ---------\n"
                 "Van: Piet Jansen <piet@org.example>\nDate: ma 4 jan 2027 om 10:00\nSubject: Antwoorden\n"
                 "To: Secretariaat <secretariaat@org.example>\n\n1. Gemeente Ede\n8. Ja\n")
    bot.receive(mail("secretariaat@org.example", forwarded, subject="Fwd: Antwoorden", name="Secretariaat"))
    assert not registered(bot, "secretariaat@org.example")
    bot.receive(reply(bot.smtp.to("piet@org.example")[-1], "piet@org.example", "Ja", name="Piet Jansen"))
    assert answers(bot, "piet@org.example")[1] == {"organisation": "Gemeente Ede", "all_meetings": True}
