"""A word's stem, so that "financiering" and "Financieren", "groeifase" and "Groeiend", "working" and "work"
meet. Light on purpose: endings off, nothing else; a stem of three letters or fewer stays the word."""

from __future__ import annotations

from functools import lru_cache

_ENDINGS = ("ingen", "ing", "ende", "end", "en", "ed", "es", "s", "e")
_SHORTEST = 4


@lru_cache(maxsize=65536)  # pure, and called for every word against every cue: remembered per process
def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST:
            return word[: -len(ending)]
    return word


_TYPO_LENGTH = 7  # shorter words one letter apart are often other words ("groep", "groet", "groei")


def same_stem(a: str, b: str) -> bool:
    """Equal, or (for longer stems) one typo apart ("governence")."""
    if a == b:
        return True
    if min(len(a), len(b)) < _TYPO_LENGTH or abs(len(a) - len(b)) > 1:
        return False
    return _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]
