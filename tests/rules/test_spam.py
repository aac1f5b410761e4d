import pytest

from mailbot.rules import spam

from ._mail import OWN, mail


def test_x_spam_flag_yes_is_spam() -> None:
    assert spam.check(mail("spam_flag"), OWN)


def test_a_subject_tagged_by_a_filter_is_spam() -> None:
    assert spam.check(mail("spam_subject_tag"), OWN)


@pytest.mark.parametrize("name", ["interest_plain_nl", "bulk_list_newsletter", "interest_gmail_multipart"])
def test_unflagged_mail_is_not(name: str) -> None:
    assert not spam.check(mail(name), OWN)
