from mailbot.rules import confirmation

from ._mail import OWN, facts, mail


def test_a_reply_with_our_token_to_our_confirmation_request() -> None:
    confirming = facts(replies_to="forget_confirm", reply_tokens=frozenset({"K7Q2-MX9P"}))
    assert confirmation.check(mail("confirmation_reply"), confirming)


def test_without_the_token_it_is_no_confirmation() -> None:
    assert not confirmation.check(mail("confirmation_reply"), facts(replies_to="forget_confirm"))


def test_a_token_in_a_reply_to_other_mail_is_no_confirmation() -> None:
    tokens = frozenset({"K7Q2-MX9P"})
    assert not confirmation.check(mail("confirmation_reply"), facts(replies_to="questionnaire", reply_tokens=tokens))
    assert not confirmation.check(mail("confirmation_reply"), OWN)
