"""Confirmation tokens and the confirmation rule."""

from __future__ import annotations

from mailbot.classify import classify
from mailbot.domain import Status
from mailbot.mail.parse import parse_mail
from mailbot.privacy.tokens import find_tokens, marked, new_token
from mailbot.rules import Facts
from tests.privacy.conftest import BOT, mail_bytes


def test_a_new_token_is_found_again_in_subject_and_quoted_text() -> None:
    token = new_token()
    assert new_token() != token
    assert find_tokens(f"Re: Bevestig de verwijdering van uw gegevens {marked(token)}", "") == {token}
    assert find_tokens("Re: Bevestig", f"Ja graag.\n\n> Laat het kenmerk {marked(token)} staan.\n") == {token}
    assert find_tokens(f"RE: AW: {marked(token)}", f"> > {marked(token)}") == {token}


def test_only_well_formed_tokens_count() -> None:
    assert find_tokens("[ref:short]", "ref:AAAAAAAAAAAAAAAAAAAAAA [ref:AAAAAAAAAAAAAAAAAAAAAAA]") == frozenset()
    assert find_tokens("", "[ref:AAAAAAAAAAAAAAAAAAAAAA] [ref:BBBBBBBBBBBBBBBBBBBBBB]") == {
        "AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB"}


def facts(replies_to: str | None, tokens: frozenset[str]) -> Facts:
    return Facts(own_addresses=frozenset({BOT}), own_domain="example.org", participant_status=Status.QUESTIONNAIRE_SENT,
                 replies_to=replies_to, reply_tokens=tokens)


def test_a_reply_with_our_token_is_a_confirmation_even_when_it_says_delete_my_data() -> None:
    token = new_token()
    mail = parse_mail(mail_bytes("anna@gemeente.example", f"Re: Bevestig {marked(token)}",
                                 "Ja, verwijder mijn gegevens.\n"))
    assert classify(mail, facts("forget_confirm", frozenset({token}))).kind == "confirmation"
    assert classify(mail, facts(None, frozenset({token}))).kind == "confirmation", "threading headers dropped"
    assert classify(mail, facts("forget_confirm", frozenset())).kind == "forget_request"
    assert classify(mail, facts("questionnaire", frozenset({token}))).kind != "confirmation"
