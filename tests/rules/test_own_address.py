import pytest

from mailbot.rules import own_address

from ._mail import OWN, facts, mail


def test_mail_from_our_own_address_is_a_loop() -> None:
    assert own_address.check(mail("loop_own_address"), OWN)


def test_our_x_loop_marker_is_a_loop() -> None:
    assert own_address.check(mail("loop_x_loop"), OWN)


def test_x_loop_of_someone_else_is_no_loop_of_ours() -> None:
    other = facts(own_addresses=frozenset({"aanmelden@example.net"}), own_domain="example.net")
    assert not own_address.check(mail("loop_x_loop"), other)


@pytest.mark.parametrize("name", ["interest_plain_nl", "bounce_postfix_dsn", "withdrawal_en"])
def test_mail_that_quotes_or_mentions_us_is_not_ours(name: str) -> None:
    assert not own_address.check(mail(name), OWN)
