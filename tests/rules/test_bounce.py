import pytest

from mailbot.rules import bounce

from ._mail import OWN, mail

BOUNCES = ["bounce_postfix_dsn", "bounce_exchange_ndr_nl", "bounce_delay_warning", "bounce_qmail"]


@pytest.mark.parametrize("name", BOUNCES)
def test_delivery_reports_are_bounces(name: str) -> None:
    assert bounce.check(mail(name), OWN)


def test_a_bounce_quoting_our_questionnaire_is_still_a_bounce() -> None:
    assert bounce.check(mail("bounce_exchange_ndr_nl"), OWN)


def test_the_delay_warning_carries_its_delivery_status() -> None:
    assert "Action: delayed" in mail("bounce_delay_warning").delivery_status


@pytest.mark.parametrize(
    "name",
    ["interest_plain_nl", "autoreply_exchange_nl", "receipt_mdn", "receipt_arf_feedback", "bulk_null_return_path",
     "question_bijdrage", "withdrawal_meld_af"],
)
def test_other_mail_is_no_bounce(name: str) -> None:
    assert not bounce.check(mail(name), OWN)
