"""Quote marks, quote headers, signatures and salutations in a reply's text.

These never carry answers. The headers are the ones Dutch and English participants'
clients write: Gmail (``Op <datum> schreef <naam> <adres>:``, often wrapped over two
lines), Apple Mail (``Op <datum> heeft <naam> het volgende geschreven:``), Outlook header
blocks (``Van:``/``Verzonden:``/``Aan:``/``Onderwerp:``), Outlook on the web (a line of
underscores before that block) and ``-----Oorspronkelijk bericht-----``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_QUOTE_PREFIX = re.compile(r"^((?:[ \t]*>)+)[ \t]?")
_ON_DATE_WROTE = re.compile(
    r"^(?=.*\d)(?:op|on|am|le|el|il|den)\s.{4,}?(?:\bschreef\b|\bwrote\b|\bschrieb\b|\ba écrit\b|\bescribió\b"
    r"|\bhet volgende geschreven\b|\bgeschreven\b).{0,200}:\s*$",
    re.IGNORECASE,
)
_SOMEONE_WROTE = re.compile(
    r"^.{0,200}(?:@|\d).{0,200}\b(?:schreef|wrote|schrieb)\b.{0,120}:\s*$", re.IGNORECASE
)
_SEPARATOR = re.compile(
    r"^-{2,}\s*(?:oorspronkelijk bericht|original message|ursprüngliche nachricht|message d'origine"
    r"|doorgestuurd bericht|forwarded message|begin forwarded message|begin doorgestuurd bericht)\s*-*:?\s*$",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"^_{8,}\s*$")
_FIELD = re.compile(
    r"^\*?(van|from|de|von|verzonden|sent|datum|date|gesendet|envoyé|aan|to|an|à|cc|bcc|onderwerp"
    r"|subject|betreff|objet|beantwoorden|reply-to|prioriteit|priority)\s*:\*?\s*",
    re.IGNORECASE,
)
_FROM_FIELD = re.compile(r"^\*?(van|from|von|de)\s*:\*?\s*\S", re.IGNORECASE)
_SENT_FIELD = re.compile(r"^\*?(verzonden|sent|datum|date|gesendet|envoyé)\s*:", re.IGNORECASE)
_SUBJECT_FIELD = re.compile(r"^\*?(onderwerp|subject|betreff|objet)\s*:", re.IGNORECASE)

_SIGNATURE = re.compile(
    r"^(?:(?:met\s+)?(?:vriendelijke|hartelijke|beste|warme|collegiale|zonnige|fijne)?\s*groet(?:en|jes)?\b"
    r"|mvg\b|m\.v\.g\b|gr\.?,?$|vr\.? ?gr\b"
    r"|(?:kind|best|warm|warmest|kindest|with kind|many thanks and kind)\s+regards\b|regards\b"
    r"|best(?: wishes)?,?$|cheers\b|sincerely\b|yours sincerely\b"
    r"|(?:many )?thanks[,!.]?$|thank you[,!.]?$|(?:alvast )?bedankt[,!.]?$|dank(?:je| je| u)?(?: wel)?[,!.]?$"
    r"|(?:verzonden|verstuurd)\s+(?:vanaf|met|van|via)\s+\S+|sent from (?:my|outlook|mail)\b"
    r"|get outlook for\b|outlook voor (?:ios|android)\b|von meinem .* gesendet|mit freundlichen grüßen"
    r"|--\s*$|__\s*$"
    r"|dit (?:e-?mail)?\s?(?:bericht|e-?mail)\S*\s.*\b(?:uitsluitend|alleen|enkel)\b.*bestemd"
    r"|de informatie (?:verzonden )?(?:in|met) dit (?:e-?mail)?bericht"
    r"|this (?:e-?mail|message)\b.*\b(?:intended|confidential)\b|the information (?:contained )?in this"
    r"|disclaimer\b|please consider the environment)",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:beste|hoi|hallo|hai|hi|hello|hey|dear|geachte|goedemorgen|goedemiddag|goedenavond"
    r"|good (?:morning|afternoon|evening))\b[^.?!]{0,60}[,!:]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReplyLine:
    depth: int  # number of quote marks (">") in front
    content: str  # the line without its quote marks, stripped

    @property
    def blank(self) -> bool:
        return not self.content


def split_lines(text: str) -> list[ReplyLine]:
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw = raw.replace("\xa0", " ").replace("\u200b", "")
        match = _QUOTE_PREFIX.match(raw)
        depth = match.group(1).count(">") if match else 0
        content = raw[match.end() :] if match else raw
        lines.append(ReplyLine(depth, content.strip()))
    return lines


def quote_header_length(lines: Sequence[ReplyLine], index: int) -> int:
    """How many lines starting at ``index`` form a quote header (0: none starts here)."""
    first = lines[index].content
    if not first:
        return 0
    for size in (1, 2, 3):
        joined = " ".join(line.content for line in lines[index : index + size])
        if size > 1 and not all(line.content for line in lines[index : index + size]):
            break
        if _ON_DATE_WROTE.match(joined) or (size == 1 and _SOMEONE_WROTE.match(joined)):
            return size
    if _SEPARATOR.match(first) or _UNDERSCORES.match(first):
        after = index + 1
        while after < len(lines) and lines[after].blank and after - index <= 2:
            after += 1
        fields = _field_block_length(lines, after)
        return (after - index) + fields if fields or _SEPARATOR.match(first) else 0
    return _field_block_length(lines, index)


def _field_block_length(lines: Sequence[ReplyLine], index: int) -> int:
    """An Outlook-style block: From/Van, then Sent/Verzonden ... Subject/Onderwerp."""
    if index >= len(lines) or not _FROM_FIELD.match(lines[index].content):
        return 0
    window = [line.content for line in lines[index : index + 8]]
    if not any(_SENT_FIELD.match(c) for c in window) or not any(_SUBJECT_FIELD.match(c) for c in window):
        return 0
    end = index
    while end < len(lines) and lines[end].content and end - index < 12:
        content = lines[end].content
        if not _FIELD.match(content) and not _is_field_continuation(lines[end - 1].content, content):
            break
        end += 1
        if _SUBJECT_FIELD.match(content):
            break
    return end - index


def _is_field_continuation(previous: str, content: str) -> bool:
    """Long To/Cc lists wrap: the next line holds more addresses."""
    return bool(re.match(r"^\*?(aan|to|cc|an)\s*:", previous, re.IGNORECASE)) and (
        "@" in content or ";" in content
    )


def is_signature_start(content: str) -> bool:
    return bool(_SIGNATURE.match(content))


def is_salutation(content: str) -> bool:
    return len(content.split()) <= 6 and bool(_SALUTATION.match(content))


def looks_like_name(content: str) -> bool:
    """A lone sign-off name ("Jan", "Jan de Vries") left at the end of a reply."""
    words = content.split()
    return (
        0 < len(words) <= 4
        and not re.search(r"[.?!:;,0-9@]", content)
        and all(w[:1].isupper() or w in ("de", "van", "der", "den", "ter") for w in words)
    )
