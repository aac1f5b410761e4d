"""Where the quoted part of a reply starts, so that rules read only what the sender wrote.

Used to keep words from our own quoted mail ("afmelden kan door te antwoorden ...")
from being taken as the sender's; the answer parser does its own, finer reading.
"""

from __future__ import annotations

import re

_ONE_LINE_HEADERS = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:oorspronkelijk\s+bericht|original\s+message|urspr[üu]ngliche\s+nachricht|
                 message\s+d'origine|forwarded\s+message|doorgestuurd\s+bericht)\s*-{2,}
      | _{10,}
      | begin\s+forwarded\s+message:
      | op\s.{4,200}\s(?:schreef|geschreven|wrote)\b.{0,200}:
      | on\s.{4,200}\swrote:
      | am\s.{4,200}\sschrieb.{0,200}:
      | le\s.{4,200}\sa\s[ée]crit\s?:
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_WRAPPED_START = re.compile(r"^\s*(?:op|on|am|le)\s.{4,200}$", re.IGNORECASE)
_WRAPPED_END = re.compile(r"(?:schreef|geschreven|wrote|schrieb|[ée]crit)\b.{0,200}:\s*$", re.IGNORECASE)
_OUTLOOK_FIRST = re.compile(r"^\s*\*?(?:van|from|von|de)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_FIELD = re.compile(
    r"^\s*\*?(?:verzonden|sent|datum|date|gesendet|envoy[ée]|onderwerp|subject|betreff|objet|aan|to|an|[àa])\s*:",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^(?:--|-- )$")


def _wrapped_header(line: str, following: str) -> bool:
    """A quote header wrapped over two lines: Gmail breaks "Op ... schreef Naam <" before the address."""
    if not _WRAPPED_START.match(line) or _ONE_LINE_HEADERS.match(following):
        return False  # when the next line is a whole header by itself, this line is the sender's own
    return bool(_WRAPPED_END.search(following) or _ONE_LINE_HEADERS.match(f"{line} {following.strip()}"))


def quote_start(lines: list[str]) -> int | None:
    """Index of the first line of the quoted part (its header or first '>' line), or None."""
    for i, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            return i
        if _ONE_LINE_HEADERS.match(line):
            return i
        if i + 1 < len(lines) and _wrapped_header(line, lines[i + 1]):
            return i
        if _OUTLOOK_FIRST.match(line):
            following = lines[i + 1 : i + 5]
            if sum(bool(_OUTLOOK_FIELD.match(f)) for f in following) >= 2:
                return i
    return None


def new_text_of(text: str) -> str:
    """The text above the quote, without a '-- ' signature."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end = quote_start(lines)
    lines = lines[:end] if end is not None else lines
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line.rstrip("\n")):
            lines = lines[:i]
            break
    return "\n".join(lines).strip()
