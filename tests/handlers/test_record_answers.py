"""A reply to the questionnaire: answers stored with their history, the status follows, one confirmation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import Status
from mailbot.store.models import Answer, Attendance, Participant
from tests.fakes import ORGANISER, FakeBot
from tests.mails import mail, reply


def answers(bot: FakeBot, email: str) -> tuple[str, dict[str, object]]:
    with bot.app.db.read_session() as session:
        person = session.scalars(select(Participant).where(Participant.email == email)).one()
        current = {a.question_id: a.value for a in session.scalars(
            select(Answer).where(Answer.participant_id == person.id, Answer.current.is_(True)))}
        return person.status, current


def test_a_numbered_reply_is_read_and_confirmed_asking_only_what_is_missing(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    [questionnaire] = bot.smtp.to("anna@org.example")
    bot.receive(reply(questionnaire, "anna@org.example", "1. TNO\n2. Kennis- of onderwijsinstelling\n"))
    status, current = answers(bot, "anna@org.example")
    assert status == Status.PARTIALLY_ANSWERED
    assert current == {"organisation": "TNO", "org_type": "knowledge"}
    confirmation = bot.smtp.to("anna@org.example")[-1]
    assert "TNO" in confirmation.text and "Welke thema" in confirmation.text, "it asks for the missing ones"


def test_a_correction_keeps_the_history_and_the_latest_answer_counts(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    questionnaire = bot.smtp.to("anna@org.example")[0]
    bot.receive(reply(questionnaire, "anna@org.example", "1. TNO\n"))
    bot.receive(reply(questionnaire, "anna@org.example", "1. TNO Delft\n"))
    _, current = answers(bot, "anna@org.example")
    assert current["organisation"] == "TNO Delft"
    with bot.app.db.read_session() as session:
        history = list(session.scalars(select(Answer.value).where(Answer.question_id == "organisation")
                                       .order_by(Answer.id)))
    assert history == ["TNO", "TNO Delft"]


def test_answers_announced_and_none_read_reach_the_organiser_in_words(tmp_path: Path) -> None:
    """They believe they answered; she hears why the mail needs her, and the person that she will come back."""
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    [questionnaire] = bot.smtp.to("anna@org.example")
    bot.receive(reply(questionnaire, "anna@org.example", "Hierbij mijn antwoorden."))
    [forward] = bot.smtp.to(ORGANISER)
    assert "de antwoorden erbij staan, maar ik vond er geen" in forward.text and "answers_announced" not in forward.text
    assert "persoonlijk op terugkomt" in bot.smtp.to("anna@org.example")[-1].text


def test_coming_to_all_meetings_after_all_takes_back_an_earlier_decline(tmp_path: Path) -> None:
    """"Vraag 8: ja, het kan toch allemaal" after declining one meeting: the record does not keep both."""
    meetings = [{"id": mid, "title": f"Bijeenkomst {n}", "start": f"2099-0{n}-10T13:00", "end": f"2099-0{n}-10T17:00",
                 "location": place} for n, (mid, place) in enumerate([("m1", "Groningen"), ("m2", "Eindhoven")], 1)]
    bot = FakeBot.make(tmp_path, meetings=meetings)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    [questionnaire] = bot.smtp.to("anna@org.example")
    bot.receive(reply(questionnaire, "anna@org.example", "1. TNO\n8. Nee, Eindhoven lukt niet\n"))
    assert attendance_of(bot, "anna@org.example") == {"m2": "declined"}
    bot.receive(reply(bot.smtp.to("anna@org.example")[-1], "anna@org.example",
                      "Correctie op vraag 8: ja, ik kan nu toch bij alle bijeenkomsten zijn."))
    assert answers(bot, "anna@org.example")[1]["all_meetings"] is True
    assert attendance_of(bot, "anna@org.example") == {"m2": "accepted"}


def attendance_of(bot: FakeBot, email: str) -> dict[str, str]:
    with bot.app.db.read_session() as session:
        person = session.scalars(select(Participant).where(Participant.email == email)).one()
        return {a.meeting_id: a.status for a in session.scalars(
            select(Attendance).where(Attendance.participant_id == person.id))}
