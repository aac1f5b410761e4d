from mailbot.rules import duplicate

from ._mail import OWN, facts, mail


def test_a_message_stored_before_is_a_duplicate() -> None:
    assert duplicate.check(mail("interest_plain_nl"), facts(duplicate=True))


def test_a_new_message_is_not() -> None:
    assert not duplicate.check(mail("interest_plain_nl"), OWN)
