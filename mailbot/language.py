"""Which language a participant writes in: Dutch or English, by counting common words."""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-zà-ÿ']+")
_DUTCH = frozenset("""de het een en van ik je u uw wij we zijn is niet met voor op aan dat die dit graag
    bij ook maar naar als wil zou kan kunt mij me mijn hierbij groet vriendelijke beste geachte hallo
    leerkring aanmelden aanmelding deelnemen werk ben heb hebben wordt worden onze ons over""".split())
_ENGLISH = frozenset("""the a an and of i you your we are is not with for on to that this would like
    could can my me am have has be in at as by dear regards kind best thanks thank hello hi please
    learning circle register participate join interested work our us about""".split())


def detect_language(text: str, default: str = "nl") -> str:
    words = _WORDS.findall(text.lower())
    dutch = sum(w in _DUTCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if english > dutch * 1.2 and english >= 2:
        return "en"
    if dutch > english and dutch >= 2:
        return "nl"
    return default
