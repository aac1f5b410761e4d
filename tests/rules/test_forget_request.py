import pytest

from mailbot.rules import forget_request

from ._mail import OWN, mail


@pytest.mark.parametrize("name", ["forget_nl", "forget_en"])
def test_requests_to_delete_ones_data(name: str) -> None:
    assert forget_request.check(mail(name), OWN)


@pytest.mark.parametrize("name", ["withdrawal_meld_af", "withdrawal_uitschrijven", "withdrawal_en", "interest_plain_nl",
                                  "question_bijdrage", "confirmation_reply"])
def test_leaving_or_asking_is_no_forget_request(name: str) -> None:
    assert not forget_request.check(mail(name), OWN)
