"""Confirmation tokens: written into our mail, found again in the reply (see tests/handlers/test_forget.py)."""

from __future__ import annotations

from mailbot.conversation.tokens import find_tokens, marked, new_token


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
