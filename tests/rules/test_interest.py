import pytest

from mailbot.rules import interest

from ._mail import OWN, mail

INTEREST = ["interest_plain_nl", "interest_outlook_html_only", "interest_gmail_multipart", "interest_question_inside",
            "interest_en", "interest_de", "interest_fr", "enc_base64_body", "enc_latin1_8bit_headers"]


@pytest.mark.parametrize("name", INTEREST)
def test_human_mail_with_a_sender_is_interest_by_default(name: str) -> None:
    assert interest.check(mail(name), OWN)


def test_without_a_sender_address_there_is_nobody_to_register() -> None:
    assert mail("unknown_from_without_address").sender == ""
    assert not interest.check(mail("unknown_from_without_address"), OWN)
