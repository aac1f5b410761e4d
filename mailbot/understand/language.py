"""Written in a language other than Dutch or English: a person reads it; we answer in English."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.reading import Found, Reading, Sentences

name = "language"
READ_HERE = ("nl", "en")
MIN_WORDS = 4  # "Merci!" or "Danke" is no reason to hand anything on


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.language in READ_HERE or len(reading.text.split()) < MIN_WORDS:
        return []
    return [Found(Finding.LANGUAGE, reading.text[:300], {"language": reading.language},
                  tuple(i for i, _ in sentences.unclaimed()))]
