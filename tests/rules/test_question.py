import pytest

from mailbot.rules import question

from ._mail import OWN, facts, mail


@pytest.mark.parametrize("name", ["question_bijdrage", "question_en"])
def test_a_stranger_asking_something_else(name: str) -> None:
    assert question.check(mail(name), OWN)


def test_a_question_inside_a_sign_up_stays_a_sign_up() -> None:
    assert "?" in mail("interest_question_inside").new_text
    assert not question.check(mail("interest_question_inside"), OWN)


def test_a_known_participant_asking_anything_is_a_question() -> None:
    assert question.check(mail("interest_question_inside"), facts(participant_status="answered"))


@pytest.mark.parametrize("name", ["interest_plain_nl", "interest_en", "withdrawal_meld_af"])
def test_statements_are_no_questions(name: str) -> None:
    assert not question.check(mail(name), OWN)
