"""Per-recipient return paths: the address we send from, and the token we read back from a bounce."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.mail.verp import new_verp_token, verp_address, verp_token

PROGRAMME = "leerkring@example.org"


def test_the_address_carries_the_token_after_the_tag() -> None:
    assert verp_address(PROGRAMME, "k3xq7") == "leerkring+b-k3xq7@example.org"


def test_a_new_token_is_short_url_safe_and_random() -> None:
    tokens = {new_verp_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) == 16 and t.isalnum() and t == t.lower() for t in tokens)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=32))
def test_every_valid_token_round_trips(token: str) -> None:
    assert verp_token(verp_address(PROGRAMME, token), PROGRAMME) == token


@pytest.mark.parametrize(
    "delivered_to",
    [
        "leerkring+b-k3xq7@example.org",
        "leerkring+b-k3xq7@EXAMPLE.ORG",  # domains are case-insensitive
        "Leerkring+B-K3XQ7@Example.org",  # and some systems fold the local part
        "<leerkring+b-k3xq7@example.org>",
        " leerkring+b-k3xq7@example.org ",
    ],
)
def test_the_token_is_read_back_whatever_the_case(delivered_to: str) -> None:
    assert verp_token(delivered_to, PROGRAMME) == "k3xq7"


@pytest.mark.parametrize(
    "address",
    [
        "leerkring@example.org",  # the plain programme address: no token
        "leerkring+b-@example.org",  # an empty token
        "leerkring+b-k3xq7@example.org.evil.test",  # another domain
        "leerkring+b-k3xq7@evil.test",
        "other+b-k3xq7@example.org",  # another mailbox
        "xleerkring+b-k3xq7@example.org",
        "leerkring+x-k3xq7@example.org",  # another tag
        "leerkring+b-k3x.q7@example.org",  # not a token character
        "leerkring+b-" + "a" * 40 + "@example.org",  # too long
        "not an address",
        "",
    ],
)
def test_other_addresses_have_no_token(address: str) -> None:
    assert verp_token(address, PROGRAMME) is None


@pytest.mark.parametrize("token", ["", "K3XQ7", "k3x.q7", "k3x q7", "k3x+q7", "é", "a" * 33])
def test_a_token_outside_the_alphabet_is_refused(token: str) -> None:
    with pytest.raises(ValueError, match="VERP token"):
        verp_address(PROGRAMME, token)


def test_an_address_without_a_domain_is_refused() -> None:
    with pytest.raises(ValueError, match="not an address"):
        verp_address("leerkring", "k3xq7")


def test_a_local_part_longer_than_smtp_allows_is_refused() -> None:
    with pytest.raises(ValueError, match="local part"):
        verp_address("a" * 40 + "@example.org", "b" * 30)
