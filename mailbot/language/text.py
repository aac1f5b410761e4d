"""Words of a text as the reading compares them: lower case, accents folded, contractions opened.

"níét" is "niet", "Teilnahme" is "teilnahme", "can't" is "can not", "m'n" is "mijn", "s'il" is "si il".
Every word list (``words/*.yaml``) goes through the same function, so a list is written as people write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# a word: letters and digits, with inner apostrophes, hyphens and dots ("start-up", "n.v.t", "don't")
_WORD = re.compile(r"[\w]+(?:['\u2019\-.][\w]+)*'?")
_ENGLISH = {"n't": "not", "'ll": "will", "'d": "would", "'re": "are", "'ve": "have", "'m": "am"}
_IRREGULAR = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"], "cannot": ["can", "not"],
              "m'n": ["mijn"], "z'n": ["zijn"], "'t": ["het"], "d'r": ["haar"]}
_ELIDED = re.compile(r"^(m|j|l|d|n|qu|s|t|c)'(\w.*)$")  # French: m'inscrire, j'ai, s'il, qu'il
_ELISION = {"m": "me", "j": "je", "l": "le", "d": "de", "n": "ne", "qu": "que", "s": "si", "t": "te", "c": "ce"}


@lru_cache(maxsize=16384)  # pure; a sentence is folded by several readers
def fold(text: str) -> str:
    """Lower case without accents ("é" is "e", "ß" is "ss"), apostrophes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Token:
    word: str  # folded: what lists are compared with
    raw: str  # as written: capitals tell a name
    start: int  # offset in the text it came from
    end: int


def tokens(text: str) -> list[Token]:
    return list(_tokens(text))


@lru_cache(maxsize=16384)  # pure; a clause is cut into words by several readers
def _tokens(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for match in _WORD.finditer(text):
        raw = match.group().rstrip("'")
        out.extend(Token(word, raw, match.start(), match.end()) for word in _open(fold(raw)))
    return tuple(out)


def words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def _open(word: str) -> list[str]:
    """A contraction as its words; a Dutch plural with an apostrophe as one word ("thema's": "themas")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending, full in _ENGLISH.items():
        if word.endswith(ending) and len(word) > len(ending):
            return [word[: -len(ending)], full]
    elided = _ELIDED.match(word)
    if elided and elided.group(1) in _ELISION and not word.endswith("'s"):
        return [_ELISION[elided.group(1)], elided.group(2)]
    return [word.replace("'", "")]
