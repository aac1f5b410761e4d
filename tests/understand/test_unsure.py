"""Reading by principle, and asking the person when unsure (issue 25): what is unclear and harmless is done and
said back; what is unclear and would change something is asked back, in their language, and the organiser sees
the mail; nothing a person writes vanishes. Played on the in-memory bot with the real templates."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mailbot.core.domain import ACTIVE, Status
from mailbot.store.models import Answer, Attendance, Item, Participant
from tests.fakes import ORGANISER, FakeBot, Sent
from tests.mails import mail, reply

JAN = "jan@gemeente-ede.example"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def meetings() -> list[dict[str, Any]]:
    fmt = "%Y-%m-%d %H:%M"
    out = []
    for number, (days, host) in enumerate(((40, "Energy Valley"), (70, "Food Valley")), start=1):
        start = datetime.now() + timedelta(days=days)
        out.append({"id": f"m{number}", "title": f"Bijeenkomst {number}", "start": start.strftime(fmt),
                    "end": (start + timedelta(hours=4)).strftime(fmt), "location": host})
    return out


def participant(bot: FakeBot, address: str = JAN) -> Participant:
    with bot.app.db.read_session() as session:
        found = session.scalar(select(Participant).where(Participant.email == address))
        assert found is not None
        session.expunge(found)
        return found


def items(bot: FakeBot) -> int:
    with bot.app.db.read_session() as session:
        return len(session.scalars(select(Item)).all())


def signed_up(bot: FakeBot, body: str = "Graag meld ik mij aan voor de leerkring.", address: str = JAN) -> Sent:
    bot.receive(mail(address, body))
    [questionnaire] = bot.smtp.to(address)
    return questionnaire


def last(bot: FakeBot, address: str = JAN) -> Sent:
    return bot.smtp.to(address)[-1]


def test_a_bare_no_to_the_questionnaire_is_asked_back_and_the_answer_acted_on(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot)
    before = items(bot)
    bot.receive(reply(questionnaire, JAN, "Nee"))
    asked = last(bot)
    assert asked is not questionnaire and "ik meld me af" in asked.text  # one short question, in Dutch
    assert participant(bot).status == Status.QUESTIONNAIRE_SENT  # nothing changed on a guess
    assert items(bot) == before + 1  # and the organiser sees it: it did not vanish
    bot.receive(reply(asked, JAN, "Ik meld me af."))
    assert participant(bot).status == Status.WITHDRAWN


def test_the_ask_back_is_in_english_for_someone_who_writes_english(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot, "I would like to join the learning circle, please sign me up.")
    bot.receive(reply(questionnaire, JAN, "No"))
    assert "withdraw" in last(bot).text.lower() and participant(bot).status == Status.QUESTIONNAIRE_SENT


def test_a_self_sign_up_on_behalf_of_an_organisation_is_the_sender(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail(JAN, "Namens de Provincie Gelderland meld ik mij graag aan voor de leerkring."))
    jan = participant(bot)
    assert jan.status in ACTIVE  # registered: the organisation it is on behalf of is answered already
    with bot.app.db.read_session() as session:
        answers = {a.question_id: a.value for a in session.scalars(select(Answer)) if a.current}
    assert answers.get("organisation") == "Provincie Gelderland"
    assert not bot.smtp.to(ORGANISER)  # nobody else to hear of


def test_a_colleague_signed_up_is_not_the_sender(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail(JAN, "Graag meld ik mijn collega Lisa de Wit (l.dewit@gemeente-ede.example) aan voor de "
                          "leerkring."))
    with bot.app.db.read_session() as session:
        assert session.scalar(select(Participant).where(Participant.email == JAN)) is None
    assert bot.smtp.to(ORGANISER) or bot.smtp.to("l.dewit@gemeente-ede.example")


def test_a_withdrawal_taken_back_as_a_joke_changes_nothing(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot)
    bot.receive(reply(questionnaire, JAN, "Ik meld me af! Grapje, natuurlijk doe ik mee. Tot in februari."))
    assert participant(bot).status == Status.QUESTIONNAIRE_SENT
    assert len(bot.smtp.to(JAN)) + len(bot.smtp.to(ORGANISER)) > 1  # answered or handed on, never silent


def test_a_conditional_or_asked_withdrawal_withdraws_nobody(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot)
    bot.receive(reply(questionnaire, JAN, "Als mijn nieuwe functie doorgaat, meld ik me af. Dat hoor ik in maart."))
    bot.receive(mail(JAN, "Kan ik me eigenlijk ook later nog afmelden, als het niet uitkomt?", subject="Vraag"))
    assert participant(bot).status == Status.QUESTIONNAIRE_SENT
    assert len(bot.smtp.to(ORGANISER)) >= 1 or items(bot) >= 1


def test_a_decline_inside_a_sign_up_is_recorded(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, meetings=meetings())
    first = datetime.now() + timedelta(days=40)
    bot.receive(mail(JAN, f"Graag meld ik mij aan voor de leerkring. Alleen op {first.day} {MONTHS[first.month - 1]} "
                          "kan ik helaas niet."))
    jan = participant(bot)
    with bot.app.db.read_session() as session:
        declined = {a.meeting_id: a.status for a in session.scalars(select(Attendance))}
    assert jan.status in ACTIVE and declined == {"m1": "declined"}


def test_answers_in_prose_are_recorded(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot)
    bot.receive(reply(questionnaire, JAN, "Ik werk bij de Gemeente Ede, we zijn dus geen bedrijf maar een gemeente. "
                                          "Ons cluster zit nog in de kinderschoenen. Mijn vraag is hoe je bedrijven "
                                          "aan tafel houdt. De rest vul ik later in."))
    with bot.app.db.read_session() as session:
        answers = {a.question_id: a.value for a in session.scalars(select(Answer)) if a.current}
    assert answers["organisation"] == "Gemeente Ede" and answers["org_type"] == "decentral"
    assert answers["phase"] == "emerging" and answers["questions"] == "hoe je bedrijven aan tafel houdt"
    assert participant(bot).status != Status.WITHDRAWN


def test_a_participant_keeps_their_language_until_they_clearly_switch(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = signed_up(bot)
    assert participant(bot).language == "nl"
    bot.receive(reply(questionnaire, JAN, "Thanks!"))
    assert participant(bot).language == "nl"
    bot.receive(mail(JAN, "Dear Marloes, I would like to ask whether the meetings will be in English, because my "
                          "colleague from Brussels would like to join us. Thank you for your help with this.",
                     subject="Language"))
    assert participant(bot).language == "en"
