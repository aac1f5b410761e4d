import pytest

from mailbot.rules import Facts, answer

from ._mail import AT_QUESTIONNAIRE, AT_REMINDER, OWN, facts, mail


def test_a_reply_to_our_questionnaire_is_an_answer() -> None:
    assert answer.check(mail("answer_questionnaire"), AT_QUESTIONNAIRE)


def test_a_waiting_participant_replying_to_our_subject_without_threading() -> None:
    assert answer.check(mail("answer_outlook_quoted_nl"), facts(participant_status="questionnaire_sent"))


def test_a_participant_sending_the_answer_list_in_a_new_mail() -> None:
    waiting = facts(participant_status="partially_answered", carries_questionnaire=True)
    assert answer.check(mail("interest_plain_nl"), waiting)


@pytest.mark.parametrize("known", [OWN, AT_REMINDER, facts(participant_status="withdrawn")])
def test_no_answer_without_a_questionnaire_to_answer(known: Facts) -> None:
    assert not answer.check(mail("answer_questionnaire"), known)
