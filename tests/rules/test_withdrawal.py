import pytest

from mailbot.rules import withdrawal

from ._mail import AT_REMINDER, OWN, mail


@pytest.mark.parametrize("name", ["withdrawal_meld_af", "withdrawal_uitschrijven", "withdrawal_en"])
def test_leaving_the_circle_needs_no_known_participant(name: str) -> None:
    assert withdrawal.check(mail(name), OWN)


@pytest.mark.parametrize("name", ["decline_meeting_nl", "decline_meeting_en"])
def test_missing_one_meeting_is_no_withdrawal_even_when_our_quote_says_afmelden(name: str) -> None:
    assert not withdrawal.check(mail(name), AT_REMINDER)


def test_words_from_our_quoted_mail_do_not_count() -> None:
    assert "afmelden" in mail("answer_outlook_quoted_nl").text
    assert not withdrawal.check(mail("answer_outlook_quoted_nl"), OWN)


@pytest.mark.parametrize("name", ["interest_plain_nl", "interest_question_inside", "question_bijdrage", "forget_en"])
def test_other_human_mail_is_no_withdrawal(name: str) -> None:
    assert not withdrawal.check(mail(name), OWN)
