"""Text a spreadsheet could run as a formula, made inert. Pure.

OWASP's advice on CSV injection: no cell may begin with ``=``, ``+``, ``-``, ``@``,
tab, carriage return or line feed, and it is "not sufficient to make sure that the
untrusted user input does not start with these characters": a separator inside
the text starts a new cell in a program that splits on it (``Twente;=1+1`` read
with ``;``, ``Regio Zwolle,=2+5`` read with ``,``). So a single quote goes before
such a character at the start of the text *and* after every ``;``, ``,``, tab or
double quote inside it (spaces in between do not help: some programs trim them).
A spreadsheet shows the quote and reads the rest as plain text.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r\n")
SEPARATORS = frozenset(';,\t"\r\n')
TEXT_MARK = "'"


def inert(text: str) -> str:
    """``text`` with a ``'`` before every character that would start a formula in some reading of the file."""
    out: list[str] = []
    starts_cell = True  # at the start of the text, or after a separator (and any spaces)
    for char in text:
        if starts_cell and char in FORMULA_STARTS:
            out.append(TEXT_MARK)
        out.append(char)
        if char in SEPARATORS:
            starts_cell = True
        elif char != " ":
            starts_cell = False
    return "".join(out)


def starts_formula(text: str) -> bool:
    """Would a spreadsheet read this cell (as a whole) as a formula?"""
    return text[:1] in FORMULA_STARTS
