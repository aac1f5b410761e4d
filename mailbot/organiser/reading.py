"""Her mail read the way she writes it: the commands, and what else she wrote, around her greeting and signature.

Outlook adds her signature to most of her mails: name, title, organisation, address, phone numbers,
sometimes a disclaimer, in any length. A command mail therefore looks like

    Hoi,                                  a greeting: set aside
    Kun je het volgende doen:             a line that introduces the commands: set aside
    aanmelden Sanne de Wit <s@x.nl>       her commands, one per line
    afwezig s@x.nl 2
    Dank je!                              thanks: set aside
    Marloes Bakker                        her signature, from her name (or a closing, or a "--") to the
    Programmamanager | Platform31         end; without either, a trailing block of contact details
    M 06 1234 5678                        (phone, address, postcode, web site, mail address)

Quoted text, "Verstuurd vanaf mijn iPhone" and legal footers are already out (``mail.split``). What is
left and is neither a command nor set aside is *hers*: it is reported back to her, never dropped and
never taken for a command. Pure: text in, ``HerLines`` out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mailbot.mail.split import (
    is_delimiter,
    is_device_signature,
    is_disclaimer_start,
    is_salutation,
    is_sign_off,
    looks_like_name,
    split_body,
)
from mailbot.understand.phrases import is_greeting, is_thanks

_PHONE = re.compile(r"(?:\+|\b0)[\d ()./-]{8,}\d")
_WEB = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|be|de|net|gov|info|example)\b\S*",
                  re.IGNORECASE)
_MAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b|\bpostbus\b|\bp\.?o\.? box\b", re.IGNORECASE)
_LABEL = re.compile(r"^(?:[TMFE]|tel|telefoon|phone|mob|mobiel|mobile|fax|e-?mail|web)\.?\s*[:|]\s*|^[TMFE]\s+",
                    re.IGNORECASE)
_SHORT_LINE = 8  # words: a title or an organisation, not a sentence


@dataclass(frozen=True)
class HerLines:
    lines: tuple[str, ...]  # her own lines in order: commands and whatever else she wrote
    set_aside: tuple[str, ...] = ()  # greetings, thanks, her signature: read as none of her commands


def her_lines(text: str, ours: Sequence[str], names: Sequence[str],
              is_command: Callable[[str], bool]) -> HerLines:
    """Her own lines of ``text`` (``ours``: texts of our mails she may have quoted; ``names``: hers, as the
    configuration and her From header give them; ``is_command``: whether a line is one of her commands)."""
    own = split_body(text, ours).new_text
    lines = [line.strip() for line in own.splitlines()]
    commands = [i for i, line in enumerate(lines) if line and is_command(line)]
    end = _signature_start(lines, commands[-1] + 1 if commands else 0, _name_forms(names))
    kept: list[str] = []
    aside: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if i >= end:  # her signature; a postscript below it is still hers
            (kept if _postscript(line) else aside).append(line)
        elif i not in commands and _courtesy(line, lines, i, commands):
            aside.append(line)
        else:
            kept.append(line)
    return HerLines(tuple(kept), tuple(aside))


def _postscript(line: str) -> bool:
    """A line below the signature that is still a message: a question, a "PS", a long sentence."""
    return line.endswith("?") or bool(re.match(r"(?:p\.?s\.?|n\.?b\.?)\b", line, re.IGNORECASE)) \
        or (line.endswith((".", "!")) and len(line.split()) >= _SHORT_LINE and not is_contact(line))


def _courtesy(line: str, lines: Sequence[str], index: int, commands: Sequence[int]) -> bool:
    """A greeting, thanks, a closing, or a line that introduces the commands below it ("Graag het volgende:")."""
    if is_greeting(line) or is_salutation(line) or is_thanks(line) or is_sign_off(line):
        return True
    introduces = line.endswith(":") and any(c > index for c in commands)
    return introduces and not any(c < index for c in commands)


def _name_forms(names: Sequence[str]) -> set[str]:
    """Her name as it may open her signature: in full, or her first name alone."""
    forms: set[str] = set()
    for name in names:
        cleaned = " ".join(name.replace('"', "").split())
        if cleaned and "@" not in cleaned:
            forms.add(cleaned.casefold())
            forms.add(cleaned.split()[0].casefold())
    return forms


def _signature_start(lines: Sequence[str], after: int, her_names: set[str]) -> int:
    """Where her signature begins (``len(lines)`` when there is none), at or after ``after``."""
    for i in range(after, len(lines)):
        line = lines[i]
        if not line:
            continue
        bare = line.strip(" ,.-—–").casefold()
        if bare in her_names or is_delimiter(line) or line in ("--", "__") or is_device_signature(line) \
                or is_disclaimer_start(line) or (is_sign_off(line) and not is_thanks(line)):
            return i
    return _contact_block(lines, after)


def _contact_block(lines: Sequence[str], after: int) -> int:
    """A trailing block of short lines holding contact details (no name of hers, no closing above it):
    an Outlook signature of a team or office. ``len(lines)`` when the end holds none."""
    start = len(lines)
    contact = False
    for i in range(len(lines) - 1, after - 1, -1):
        line = lines[i]
        if not line:
            if contact:
                break  # the block ends at the blank line above it
            continue
        if is_contact(line):
            contact = True
        elif not (looks_like_name(line) or _title_like(line)):
            break
        start = i
    return start if contact else len(lines)


def is_contact(line: str) -> bool:
    """A phone number, a web or mail address, a postal address: a signature's line, not a request."""
    rest = _LABEL.sub("", line)
    found = _PHONE.search(rest) or _WEB.search(rest) or _MAIL.search(rest) or _POSTCODE.search(rest)
    if found is None:
        return False
    leftover = _MAIL.sub("", _WEB.sub("", _PHONE.sub("", rest)))
    words = [w for w in re.split(r"[\s|,·•:()]+", leftover) if w.isalpha()]
    # a name, a street, a town, "T", "tel": no word of a sentence ("bel Piet op ... en vraag of hij komt")
    return len(words) <= 6 and not any(w.islower() and len(w) > 3 for w in words)


def _title_like(line: str) -> bool:
    """A job title or organisation line ("Programmamanager Leerkringen | Platform31"): short, no sentence."""
    return len(line.split()) <= _SHORT_LINE and not line.endswith((".", "?", "!", ":")) \
        and not re.search(r"\b(?:ik|je|jij|u|we|wij|graag|kun|kunt|wil|wilt|please|can|could|i)\b", line,
                          re.IGNORECASE)
