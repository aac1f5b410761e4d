import pytest

from mailbot.rules import receipt

from ._mail import OWN, mail


def test_a_disposition_notification_is_a_receipt() -> None:
    assert receipt.check(mail("receipt_mdn"), OWN)


def test_an_outlook_read_notice_is_a_receipt_by_its_subject() -> None:
    assert receipt.check(mail("receipt_outlook_gelezen"), OWN)


def test_an_abuse_feedback_report_is_a_machine_report() -> None:
    assert receipt.check(mail("receipt_arf_feedback"), OWN)


@pytest.mark.parametrize("name", ["interest_plain_nl", "answer_questionnaire", "autoreply_gmail_vacation",
                                  "calendar_reply_declined", "decline_meeting_nl"])
def test_people_and_other_machines_are_no_receipt(name: str) -> None:
    assert not receipt.check(mail(name), OWN)
