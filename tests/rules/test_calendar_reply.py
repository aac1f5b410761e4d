import pytest

from mailbot.rules import calendar_reply

from ._mail import OWN, mail


def test_a_declined_invitation_is_a_calendar_reply() -> None:
    assert calendar_reply.check(mail("calendar_reply_declined"), OWN)
    assert b"PARTSTAT=DECLINED" in (mail("calendar_reply_declined").calendar or b"")


@pytest.mark.parametrize("name", ["decline_meeting_nl", "interest_plain_nl", "autoreply_exchange_nl"])
def test_mail_without_a_calendar_is_not(name: str) -> None:
    assert not calendar_reply.check(mail(name), OWN)
