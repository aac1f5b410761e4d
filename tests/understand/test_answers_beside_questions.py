"""Answers written in a paragraph whose one question is what they bring for the group: all of it is read; a
colon's label says what the words after it answer; a counted option and an adverb between
"kan ik" and "niet" are read as a careful assistant reads them."""

from __future__ import annotations

import pytest

from mailbot.answers.matching import match_options
from mailbot.answers.prose import read_prose
from mailbot.core.domain import Attendance, Finding, MailKind
from mailbot.language.lexicon import lexicon
from mailbot.understand import understand
from tests.understand.test_findings import PARTICIPANT, QUESTIONNAIRE, message, reading

NL, EN = lexicon("nl", "en"), lexicon("en", "nl")


def _answered(text: str, lang: str = "nl") -> tuple[dict[str, object], list[str]]:
    said = understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang,
                              replies_to=MailKind.QUESTIONNAIRE))
    answers = next((dict(f.data["answers"]) for f in said if f.kind == Finding.ANSWERS), {})
    return answers, [f.text for f in said if f.kind == Finding.QUESTION]


@pytest.mark.parametrize(("text", "lex", "asked"), [
    ("What I'd like to discuss: how do you keep a cluster going when the anchor companies are the ones under "
     "pressure?", EN, "how do you keep a cluster going"),
    ("Wat ik graag zou bespreken: wanneer is een hogeschool trekker en wanneer volger?", NL,
     "wanneer is een hogeschool trekker"),
])
def test_a_label_before_a_colon_names_what_the_question_after_it_answers(text: str, lex: object, asked: str) -> None:
    value = read_prose(text, QUESTIONNAIRE, lex).answers.get("questions")  # type: ignore[arg-type]
    assert str(value).startswith(asked)


def test_a_question_of_substance_in_a_paragraph_of_answers_is_what_they_bring_for_the_group() -> None:
    answers, questions = _answered(
        "Ik werk bij de gemeente Emmen. Governance vind ik interessant, maar wat me het meest bezighoudt is "
        "financiering: hoe krijg je private investeerders mee als de business case nog dun is?")
    assert str(answers.get("questions")).startswith("hoe krijg je private investeerders mee")
    assert questions == []


@pytest.mark.parametrize("asked", ["Mag ik bij verhindering iemand van mijn team sturen?",
                                   "Wanneer sturen jullie het programma van de bijeenkomsten?"])
def test_a_question_about_oneself_or_to_us_is_no_question_for_the_group(asked: str) -> None:
    answers, questions = _answered(f"Ik werk bij de gemeente Emmen, in het team economie. {asked}")
    assert "questions" not in answers
    assert questions


def test_a_question_left_open_in_a_list_answered_question_by_question_stays_theirs() -> None:
    answers, _ = _answered("Organisatie: Provincie Fryslân, team economie\nThema's: governance")
    assert "org_type" not in answers  # the kind their organisation's name says fills in only in prose


def test_a_compound_naming_the_kind_before_a_name_belongs_to_it() -> None:
    answers = read_prose("ik werk bij clusterorganisatie Health Valley in Nijmegen.", QUESTIONNAIRE, NL).answers
    assert answers.get("organisation") == "clusterorganisatie Health Valley"
    assert answers.get("org_type") == "cluster_org"


def test_a_shared_word_without_an_answer_does_not_wait_for_the_next_sentence() -> None:
    answers = read_prose("Ons cluster is volwassen. In oktober kan ik niet.", QUESTIONNAIRE, NL).answers
    assert answers == {"phase": "mature"}


def test_a_subject_named_last_in_its_clause_is_answered_by_what_comes_before_it() -> None:
    text = "Vanuit de evaluatie van de Regio Deals kan ik het nodige inbrengen. In februari heb ik verplichtingen."
    assert "Regio Deals" in str(read_prose(text, QUESTIONNAIRE, NL).answers.get("experience"))


@pytest.mark.parametrize(("text", "chosen"), [
    ("de tweede en de vierde optie", ["roles", "financing"]),
    ("the first and the last one", ["governance", "financing"]),
    ("die dritte", ["facilitation"]),
])
def test_options_counted_in_the_list(text: str, chosen: list[str]) -> None:
    themes = next(q for q in QUESTIONNAIRE.questions if q.id == "themes")
    assert match_options(text, themes.options)[0] == chosen


@pytest.mark.parametrize(("text", "lang"), [
    ("In Groningen kan ik sowieso niet, dan hebben we de begrotingswerkgroep.", "nl"),
    ("In Groningen I really can't, we have the budget meeting.", "en"),
])
def test_an_adverb_between_can_and_not_still_declines(text: str, lang: str) -> None:
    said = understand(reading(message(text, subject="Re: Leerkring"), PARTICIPANT, lang=lang))
    meetings = {m: s for f in said if f.kind == Finding.ATTENDANCE for m, s in dict(f.data["meetings"]).items()}
    assert meetings == {"m1": Attendance.DECLINED}


def test_the_rest_said_to_be_right_is_about_the_answers_not_the_meetings() -> None:
    text = "Bij organisatie staat nog de provincie, maar ik werk nu bij de gemeente Arnhem. De rest klopt. " \
           "O ja, Wageningen gaat me niet lukken."
    said = understand(reading(message(text, subject="Re: Leerkring"), PARTICIPANT))
    meetings = {m: s for f in said if f.kind == Finding.ATTENDANCE for m, s in dict(f.data["meetings"]).items()}
    assert meetings == {"m2": Attendance.DECLINED}
