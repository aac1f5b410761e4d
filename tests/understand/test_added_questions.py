"""A required question added after people finished is asked of each of them, once."""

from __future__ import annotations

from pathlib import Path

from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.answers.versions import definition
from mailbot.core.domain import Status
from tests.fakes import FakeBot
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply
from tests.understand.test_versions_flow import as_config

DEFAULT = definition(load_default_questionnaire(("nl", "en")))
BUDGET = {"id": "budget", "type": "yesno", "required": True,
          "question": {"nl": "Heeft u budget voor een excursie?", "en": "Do you have a budget for a field trip?"}}
FULL = ("1. Oost NL\n2. Clusterorganisatie\n4. Cluster governance\n6. Hoe meet je succes?\n8. Ja\n")


def finished(tmp_path: Path) -> FakeBot:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("sanne@oostnl.example", "Ik wil graag meedoen aan de leerkring."))
    [questionnaire] = bot.smtp.to("sanne@oostnl.example")
    bot.receive(reply(questionnaire, "sanne@oostnl.example", FULL))
    assert answers(bot, "sanne@oostnl.example")[0] == Status.ANSWERED
    return bot


def changed(bot: FakeBot, tmp_path: Path, questions: list[dict[str, object]]) -> FakeBot:
    new = FakeBot.make(tmp_path, questionnaire=as_config(questions))
    new.smtp, new.mailbox = bot.smtp, bot.mailbox
    return new


def test_who_finished_is_asked_the_added_required_question_once(tmp_path: Path) -> None:
    bot = finished(tmp_path)
    before = len(bot.smtp.to("sanne@oostnl.example"))
    later = changed(bot, tmp_path, [*DEFAULT, BUDGET])
    later.receive()
    asked = bot.smtp.to("sanne@oostnl.example")[before:]
    assert len(asked) == 1
    assert "Heeft u budget voor een excursie?" in asked[0].text and "11. Heeft u budget" in asked[0].text
    assert "Bij welke organisatie" not in asked[0].text, "only the added question"
    later.receive()
    assert len(bot.smtp.to("sanne@oostnl.example")) == before + 1, "once"
    later.receive(reply(asked[0], "sanne@oostnl.example", "11. Ja"))
    status, current = answers(later, "sanne@oostnl.example")
    assert current["budget"] is True and status == Status.ANSWERED


def test_an_optional_question_added_later_is_not_asked(tmp_path: Path) -> None:
    bot = finished(tmp_path)
    before = len(bot.smtp.to("sanne@oostnl.example"))
    changed(bot, tmp_path, [*DEFAULT, {**BUDGET, "required": False}]).receive()
    assert len(bot.smtp.to("sanne@oostnl.example")) == before
