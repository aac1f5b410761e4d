"""Choosing by deleting: the option lines a participant left standing, the others deleted, are their choice."""

from __future__ import annotations

from pathlib import Path

from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.questionnaire import load_default_questionnaire
from tests.fakes import FakeBot, Sent
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply

QUESTIONNAIRE = load_default_questionnaire(("nl", "en"))
REMOVE = {"[ ] Provincie, gemeente of regio", "[ ] Rijksoverheid", "[ ] Kennis- of onderwijsinstelling",
          "[ ] Bedrijf", "[ ] Anders", "[ ] Opkomend", "[ ] Volwassen", "[ ] In vernieuwing",
          "[ ] Rolverdeling triple helix in de levensfasen van een cluster",
          "[ ] Faciliteren en stimuleren van groei (beleidsinstrumenten)"}


def questionnaire_of(tmp_path: Path) -> tuple[FakeBot, Sent]:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("piet@org.example", "Graag meld ik mij aan voor de leerkring."))
    [sent] = bot.smtp.to("piet@org.example")
    return bot, sent


def without(text: str, remove: set[str], last_yes_no: bool = True) -> str:
    """The questionnaire as sent, the lines ``remove`` deleted (and the last "[ ] Ja" too)."""
    lines = [line for line in text.replace("\r", "").splitlines() if line.strip() not in remove]
    if last_yes_no:
        index = max(i for i, line in enumerate(lines) if line.strip() == "[ ] Ja")
        del lines[index]
    return "\n".join(lines)


def test_the_options_left_standing_are_the_choice(tmp_path: Path) -> None:
    bot, sent = questionnaire_of(tmp_path)
    edited = without(sent.text, REMOVE)
    bot.receive(reply(sent, "piet@org.example", edited, quote=False))
    _, current = answers(bot, "piet@org.example")
    assert current["org_type"] == "cluster_org"
    assert current["phase"] == "growing"
    assert current["themes"] == ["governance", "financing"]
    assert current["introductions"] is False  # the last yes/no question, its "[ ] Ja" deleted
    assert "all_meetings" not in current, "an untouched yes/no question is not answered"


def test_without_the_mail_as_sent_nothing_is_read_from_what_is_missing(tmp_path: Path) -> None:
    _, sent = questionnaire_of(tmp_path)
    edited = without(sent.text, REMOVE)
    assert parse_reply(edited, QUESTIONNAIRE, "nl", None).answers == {}
    assert parse_reply(edited, QUESTIONNAIRE, "nl", sent.text.replace("\r", "")).answers["phase"] == "growing"


def test_two_options_left_of_a_one_answer_question_is_no_choice(tmp_path: Path) -> None:
    bot, sent = questionnaire_of(tmp_path)
    edited = without(sent.text, REMOVE - {"[ ] Volwassen"}, last_yes_no=False)
    parsed = parse_reply(edited, QUESTIONNAIRE, "nl", sent.text.replace("\r", ""))
    assert "phase" not in parsed.answers
    assert parsed.answers["org_type"] == "cluster_org"


def test_a_mark_beats_deleting(tmp_path: Path) -> None:
    bot, sent = questionnaire_of(tmp_path)
    edited = without(sent.text, {"[ ] Rijksoverheid", "[ ] Bedrijf"}, last_yes_no=False).replace(
        "[ ] Anders", "[x] Anders")
    parsed = parse_reply(edited, QUESTIONNAIRE, "nl", sent.text.replace("\r", ""))
    assert parsed.answers["org_type"] == "other"
