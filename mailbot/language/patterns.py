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
from dataclasses import dataclass, field

from mailbot.language.text import words

_NEAR = 2  # "..": words between
_FAR = 12  # "~": words between, within the clause


@dataclass(frozen=True)
class _Word:
    alternatives: tuple[str, ...]
    # the alternatives sorted by kind once, so that a word is tried with a few C-level checks
    exact: frozenset[str] = field(init=False, repr=False, compare=False)
    starts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    ends: tuple[str, ...] = field(init=False, repr=False, compare=False)
    inside: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alts = self.alternatives
        set_ = object.__setattr__
        set_(self, "exact", frozenset(alts))
        set_(self, "inside", tuple(a.strip("*") for a in alts if a.startswith("*") and a.endswith("*")))
        set_(self, "starts", tuple(a[:-1] for a in alts if a.endswith("*") and not a.startswith("*")))
        set_(self, "ends", tuple(a[1:] for a in alts if a.startswith("*") and not a.endswith("*")))

    @property
    def only_exact(self) -> bool:
        return not (self.starts or self.ends or self.inside)

    def fits(self, word: str) -> bool:
        return (word in self.exact or (bool(self.starts) and word.startswith(self.starts))
                or (bool(self.ends) and word.endswith(self.ends)) or any(part in word for part in self.inside))


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
    index = _index_of(patterns)
    candidates = set(index.always)
    for word in set(said):
        candidates.update(index.gated.get(word, ()))
    return sorted({span for at in candidates for span in patterns[at].find(said)})


@dataclass(frozen=True)
class _Index:
    """Which patterns of a list can match at all, by the words said: a pattern with a step that takes only
    whole words needs one of them in the clause ("niet"); the others (only "aanmeld*" and the like) are tried."""

    always: tuple[int, ...]
    gated: dict[str, tuple[int, ...]]


_INDEXES: dict[int, tuple[Sequence[Pattern], _Index]] = {}


def _index_of(patterns: Sequence[Pattern]) -> _Index:
    known = _INDEXES.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1]
    always: list[int] = []
    gated: dict[str, list[int]] = {}
    for at, pattern in enumerate(patterns):
        gate = next((word for _, word in pattern.steps if word.only_exact), None)
        if gate is None:
            always.append(at)
        for word in gate.exact if gate is not None else ():
            gated.setdefault(word, []).append(at)
    index = _Index(tuple(always), {word: tuple(ats) for word, ats in gated.items()})
    if len(_INDEXES) > 1024:  # lists are few and live as long as the process; a caller's own tuples may not
        _INDEXES.clear()
    _INDEXES[id(patterns)] = (patterns, index)  # the list is kept alive with its index: its id stays its own
    return index
