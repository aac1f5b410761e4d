"""The small pattern language of the word lists, matched on a clause's words.

    niet            the word
    aanmeld*        a word that starts so (aanmelden, aanmelding)
    *lijst          a word that ends so (deelnemerslijst)
    meld*|meldt     either
    a b             a, then b
    a .. b          a, then b with at most two words between
    meld* ~ aan     a, then b further on in the same clause (the particle of a separable verb)

A pattern is read once; a match gives the span of words it covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mailbot.language.text import words

_NEAR = 2  # "..": words between
_FAR = 12  # "~": words between, within the clause


@dataclass(frozen=True)
class _Word:
    alternatives: tuple[str, ...]

    def fits(self, word: str) -> bool:
        for alt in self.alternatives:
            if alt.endswith("*") and alt.startswith("*") and alt.strip("*") in word:
                return True
            if alt.endswith("*") and not alt.startswith("*") and word.startswith(alt[:-1]):
                return True
            if alt.startswith("*") and not alt.endswith("*") and word.endswith(alt[1:]):
                return True
            if alt == word:
                return True
        return False


@dataclass(frozen=True)
class Pattern:
    text: str
    steps: tuple[tuple[int, _Word], ...]  # (most words allowed before this one, the word)

    def find(self, said: Sequence[str]) -> list[tuple[int, int]]:
        """Every (first, past-last) span of ``said`` the pattern covers, earliest start first."""
        found = []
        for start, word in enumerate(said):
            if not self.steps[0][1].fits(word):
                continue
            end = self._rest(said, start + 1, 1)
            if end is not None:
                found.append((start, end))
        return found

    def _rest(self, said: Sequence[str], at: int, step: int) -> int | None:
        if step == len(self.steps):
            return at
        gap, word = self.steps[step]
        for index in range(at, min(len(said), at + gap + 1)):
            if word.fits(said[index]):
                end = self._rest(said, index + 1, step + 1)
                if end is not None:
                    return end
        return None


def compile_pattern(text: str) -> Pattern:
    steps: list[tuple[int, _Word]] = []
    gap = 0
    for part in text.split():
        if part == "..":
            gap = _NEAR
            continue
        if part == "~":
            gap = _FAR
            continue
        if "|" not in part and len(opened := _opened(part)) > 1:  # "can't": two words
            for word in opened:
                steps.append((gap, _Word((word,))))
                gap = 0
            continue
        steps.append((gap, _Word(tuple(_folded(alt) for alt in part.split("|")))))
        gap = 0
    if not steps:
        raise ValueError(f"empty pattern {text!r}")
    return Pattern(text, tuple(steps))


def _opened(part: str) -> list[str]:
    return words(part) if "*" not in part else [part]


def _folded(alternative: str) -> str:
    """One alternative in the words the text is read in ("níet" is "niet", "m'n" is "mijn")."""
    star_front, star_back = alternative.startswith("*"), alternative.endswith("*")
    said = words(alternative.strip("*"))
    word = "".join(said) if len(said) != 1 else said[0]
    return ("*" if star_front else "") + word + ("*" if star_back else "")


def any_match(patterns: Sequence[Pattern], said: Sequence[str]) -> list[tuple[int, int]]:
    return sorted({span for pattern in patterns for span in pattern.find(said)})
