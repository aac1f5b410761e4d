"""A reply is read against the questionnaire its mail carried, even after the organiser changed it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.answers.versions import definition
from mailbot.store.models import Item, OutboxMail, QuestionnaireVersion
from tests.fakes import ORGANISER, FakeBot
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply

DEFAULT = definition(load_default_questionnaire(("nl", "en")))
ROLE = {"id": "role", "type": "text", "required": False,
        "question": {"nl": "Wat is uw functie?", "en": "What is your role?"}}


def as_config(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in q.items() if k != "options" or v} for q in questions]


def test_every_questionnaire_mail_remembers_the_version_it_carried(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    with bot.app.db.read_session() as session:
        sent = session.scalars(select(OutboxMail).where(OutboxMail.recipient == "anna@org.example")).one()
        version = session.get(QuestionnaireVersion, sent.questionnaire_version_id)
        assert version is not None and [q["id"] for q in version.definition] == [q["id"] for q in DEFAULT]


def test_a_numbered_reply_to_the_old_mail_is_read_against_the_old_numbering(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("sanne@oostnl.example", "Ik wil graag meedoen aan de leerkring."))
    [questionnaire] = bot.smtp.to("sanne@oostnl.example")
    changed = FakeBot.make(tmp_path, questionnaire=as_config([DEFAULT[0], ROLE, *DEFAULT[1:]]))
    changed.smtp, changed.mailbox = bot.smtp, bot.mailbox
    changed.receive(reply(questionnaire, "sanne@oostnl.example",
                          "1. Oost NL\n2. Clusterorganisatie\n3. Achterhoek\n5. Opkomend\n"))
    _, current = answers(changed, "sanne@oostnl.example")
    assert current == {"organisation": "Oost NL", "org_type": "cluster_org", "region": "Achterhoek",
                       "phase": "emerging"}
    assert not bot.smtp.to(ORGANISER), "a clean mapping needs no person"


def test_an_answer_to_a_removed_question_goes_to_the_organiser_not_to_another_question(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("sanne@oostnl.example", "Ik wil graag meedoen aan de leerkring."))
    [questionnaire] = bot.smtp.to("sanne@oostnl.example")
    changed = FakeBot.make(tmp_path, questionnaire=as_config([q for q in DEFAULT if q["id"] != "region"]))
    changed.smtp, changed.mailbox = bot.smtp, bot.mailbox
    changed.receive(reply(questionnaire, "sanne@oostnl.example", "1. Oost NL\n3. Achterhoek\n"))
    _, current = answers(changed, "sanne@oostnl.example")
    assert current == {"organisation": "Oost NL"}, "Achterhoek is not stored under the new question 3"
    [forward] = bot.smtp.to(ORGANISER)
    assert "region" in forward.text
    told = bot.smtp.to("sanne@oostnl.example")[-1].text
    assert "Oost NL" in told and "vragenlijst is aangepast" in told
    with changed.app.db.read_session() as session:
        [item] = session.scalars(select(Item)).all()
        assert item.reasons[0]["kind"] == "unplaced"
