"""A text cut into sentences: at . ! ? (not after "Dr." or an initial), at blank lines, before a list item,
and at the end of a short line (a long one was wrapped by the mail client)."""

from __future__ import annotations

import re
from functools import lru_cache

# a wink, a tongue or tears of laughter: what it ends was a joke (not a smile: "graag :)"); a sentence ends there
_WINKS = "\U0001F609\U0001F61C\U0001F61D\U0001F61B\U0001F92A\U0001F643\U0001F602\U0001F923"
_WINKED = re.compile(rf"(?:[{_WINKS}]|;-?[)D]|:-?[Pp]\b)\W*$")
# (not before a sign that carries a list on: "gov. + rolverd.", "fin. & gov.", "prov. / gem.")
_BREAK = re.compile(rf"(?<=[.!?{_WINKS}])\s+(?=[^\s+&/])"
                    r"|(?<=;-\))\s+|(?<=;\))\s+|\n\s*\n|\n(?=\s*(?:[-*•→]|\d+[.)]|ps\b|p\.s\.))", re.IGNORECASE)
_ABBREVIATED = re.compile(r"(?:^|\s)(?:dr|drs|prof|ir|mr|mrs|ms|dhr|mevr|mw|st|bijv|ca|vs|nr|[A-Z])\.$", re.IGNORECASE)
# "am 30. Januar": a German date, no sentence end
_DAY_NUMBER = re.compile(r"(?:^|\s)\d{1,2}\.$")
_MONTH = re.compile(r"(?:januar|februar|m(?:ä|ae)rz|april|mai|juni|juli|august|september|oktober|november|dezember)\b",
                    re.IGNORECASE)
_SHORT_LINE = 55  # a line this short that ends in a line break ended there; a longer one was wrapped
_WRAPPED = 80  # clients wrap at 72 to 78 characters
_LABEL_LINE = re.compile(r"^\s*[\w' /&?-]{2,40}\s*(?::|>|\s[–-]\s)")


def winked(sentence: str) -> bool:
    """"Daar haak ik direct voor af 😉", "ik schrijf me maar uit ;-)": said with a wink."""
    return bool(_WINKED.search(sentence))


def split(text: str) -> list[str]:
    return list(_split(text))


@lru_cache(maxsize=256)  # one mail's text is cut by the detectors and again by the prose reader
def _split(text: str) -> tuple[str, ...]:
    parts: list[str] = []
    for chunk in _BREAK.split(text):
        for line in _lines(chunk):
            sentence = " ".join(line.split())
            if sentence and parts and not chunk.startswith("\n") and (
                    _ABBREVIATED.search(parts[-1]) or (_DAY_NUMBER.search(parts[-1]) and _MONTH.match(sentence))
                    or _open_quote(parts[-1]) and len(parts[-1]) < _QUOTED):
                # "Frau Dr. Julia Schneider", "mevrouw N. Oudshoorn", 'bij "Kunt u ... zijn? nee" dacht ik'
                parts[-1] = f"{parts[-1]} {sentence}"
            elif sentence:
                parts.append(sentence)
    return tuple(parts)


_QUOTED = 300  # characters: a quotation longer than this was a stray quote mark, not one sentence


def _open_quote(text: str) -> bool:
    """The text ends inside a quotation: what it quotes ends no sentence of the writer's."""
    straight = text.count('"')
    if "\u201e" in text:  # German „ opens; “, ” or a plain " closes it, as keyboards mix them
        return text.count("\u201e") > text.count("\u201c") + text.count("\u201d") + straight
    if "\u201c" in text:
        return text.count("\u201c") > text.count("\u201d") + straight
    return straight % 2 == 1


def _lines(chunk: str) -> list[str]:
    """A paragraph's lines: a short line, or one that ends a sentence, ends there; a long one was wrapped."""
    out: list[str] = []
    current: list[str] = []
    for line in chunk.split("\n"):
        stripped = line.strip()
        if current and _LABEL_LINE.match(stripped):
            out.append(" ".join(current))
            current = []
        current.append(stripped)
        short = len(stripped) < _SHORT_LINE and not _runs_on(chunk, line)
        if short or stripped.endswith((".", "!", "?", ":", ";")) or _starts_anew(chunk, line):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


_RUN_ON_WORDS = 3


def _runs_on(chunk: str, line: str) -> bool:
    """A short line of a sentence that goes on below in small letters ("Ik kan helaas niet" above "komen op 20
    januari."): the writer broke it by hand."""
    lines = chunk.split("\n")
    index = lines.index(line)
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1].strip()
    return bool(following[:1].islower()) and len(line.split()) >= _RUN_ON_WORDS \
        and not line.rstrip().endswith((",", ".", "!", "?", ":", ";")) and not _LABEL_LINE.match(following)


def _starts_anew(chunk: str, line: str) -> bool:
    """The next line starts with a capital and this one does not run on (no comma or hyphen at its end):
    a line of its own ("Twente, vooral de maakindustrie" above "Hoe voorkom je ..."), not a wrapped one."""
    lines = chunk.split("\n")
    index = lines.index(line)
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1].strip()
    return bool(following[:1].isupper()) and not line.rstrip().endswith((",", "-", "–")) and len(line) < _WRAPPED
