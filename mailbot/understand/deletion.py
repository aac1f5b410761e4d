"""A request to erase one's data (AVG/GDPR art. 17): never a question about how long we keep it,
never "please do *not* delete my data"."""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.understand.phrases import about_someone_else, is_condition, negated
from mailbot.understand.reading import Found, Reading, Sentences

name = "deletion"

_ERASE = re.compile(
    r"\bverwijder(?:en|d|t)?\b|\bwissen\b|\bwis\b|\bvergeten\b|\bdelete\b|\berase\b|\bremove\b|\bforget\b")
_DATA = re.compile(r"\b(?:(?:persoons)?gegevens|data|details|information|informatie|adres|e-?mailadres)\b")
_RIGHT = re.compile(r"\brecht op (?:vergetelheid|verwijdering)\b|\bright to (?:be forgotten|erasure)\b")
_POLICY_QUESTION = re.compile(r"\b(?:hoe lang|wat doe|wat gebeurt|waar|wie|how long|what happens|what do you do"
                              r"|where|who)\b")
_MY = re.compile(r"\b(?:mijn|m'n|my|me|mij)\b")


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    for index, sentence in sentences.unclaimed():
        lower = sentence.lower()
        asks = bool(_RIGHT.search(lower)) or (bool(_ERASE.search(lower)) and bool(_DATA.search(lower))
                                               and bool(_MY.search(lower)))
        if not asks or is_condition(lower) or about_someone_else(lower) or negated(lower, _ERASE):
            continue
        if "?" in lower and _POLICY_QUESTION.search(lower) and not re.search(r"\b(?:kunt|wilt|can|could|will)\b",
                                                                           lower):
            continue  # "hoe lang bewaart u mijn gegevens?" is a question for a person
        return [Found(Finding.DELETION, sentence, {}, (index,))]
    return []
