"""No reading of an exported cell, whatever the separator, starts a formula (OWASP, CSV injection)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mailbot.exports.inert import FORMULA_STARTS, inert

PIECES = re.compile(r'[;,\t"\r\n]')


def pieces(text: str) -> list[str]:
    """Every substring a program could see as a cell: the text, and each part after any separator."""
    return [text, *PIECES.split(text)]


def test_a_formula_at_the_start_or_after_any_separator_gets_a_quote() -> None:
    assert inert("=1+1") == "'=1+1"
    assert inert("Twente;=1+1") == "Twente;'=1+1"
    assert inert("Regio Zwolle,=2+5") == "Regio Zwolle,'=2+5"
    assert inert("a, -1") == "a, '-1"  # spaces do not protect: some programs trim them
    assert inert("\t=cmd") == "'\t'=cmd"
    assert inert('Noord "=1+2";=1+2') == "Noord \"'=1+2\";'=1+2"
    assert inert("Twee regels\n=1+1") == "Twee regels\n'=1+1"


def test_ordinary_text_is_left_alone() -> None:
    for text in ("Gemeente Enschede", "13:00 Ontvangst - koffie", "Provincie, gemeente of regio", "e-mail", ""):
        assert inert(text) == text


@given(st.text(alphabet=st.sampled_from(list("=+-@\t\r\n;,\" 'ab1")), max_size=30))
def test_no_piece_of_any_text_starts_a_formula(text: str) -> None:
    for piece in pieces(inert(text)):
        assert piece.lstrip(" ")[:1] not in FORMULA_STARTS, (text, piece)
