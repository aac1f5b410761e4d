"""Written in a language we have no word lists for (``mailbot.language``): a person reads it; we answer in
English. Dutch, English, German and French are read."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.language.lexicon import LANGUAGES
from mailbot.understand.reading import Found, Reading, Sentences

name = "language"
READ_HERE = LANGUAGES
MIN_WORDS = 4  # "Merci!" or "Danke" is no reason to hand anything on


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.language in READ_HERE or len(reading.text.split()) < MIN_WORDS:
        return []
    return [Found(Finding.LANGUAGE, reading.text[:300], {"language": reading.language},
                  tuple(i for i, _ in sentences.unclaimed()))]
