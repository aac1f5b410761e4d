import pytest

from mailbot.rules import decline

from ._mail import AT_QUESTIONNAIRE, AT_REMINDER, OWN, facts, mail


@pytest.mark.parametrize("name", ["decline_meeting_nl", "decline_meeting_en"])
def test_a_participant_who_cannot_come_to_one_meeting(name: str) -> None:
    assert decline.check(mail(name), AT_REMINDER)


def test_a_participant_writing_without_threading_may_decline_too() -> None:
    assert decline.check(mail("decline_meeting_nl"), facts(participant_status="questionnaire_sent"))


def test_a_stranger_cannot_decline() -> None:
    assert not decline.check(mail("decline_meeting_nl"), OWN)


def test_a_reply_to_the_questionnaire_is_no_decline() -> None:
    assert not decline.check(mail("decline_meeting_nl"), AT_QUESTIONNAIRE)


@pytest.mark.parametrize("name", ["withdrawal_meld_af", "answer_questionnaire", "interest_plain_nl"])
def test_other_participant_mail_is_no_decline(name: str) -> None:
    assert not decline.check(mail(name), AT_REMINDER)
