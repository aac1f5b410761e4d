"""A mail in which nothing else was found, but a person said something: a person reads it.

Greetings, thanks and sign-offs are not a message ("Dank u wel!" needs no answer). ``understand``
asks this only when no other detector found anything: beside other findings, left-over sentences
are context, not a message of their own.
"""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_greeting, is_thanks
from mailbot.understand.reading import Found, Reading, Sentences

name = "leftovers"
MIN_WORDS = 3


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    said = [(i, s) for i, s in sentences.unclaimed() if not is_greeting(s) and not is_thanks(s)
            and not _is_name(s, reading.mail.sender_name)]
    if sum(len(s.split()) for _, s in said) < MIN_WORDS:
        if not reading.text.strip() and reading.mail.set_aside:  # no new text, yet words outside the quote
            return [Found(Finding.MESSAGE, reading.mail.set_aside[:500], {"reason": "set_aside"})]
        return []
    return [Found(Finding.MESSAGE, " ".join(s for _, s in said)[:500], {}, tuple(i for i, _ in said))]


def _is_name(sentence: str, sender_name: str) -> bool:
    words = sentence.strip(" .,").split()
    return 0 < len(words) <= 4 and (sentence.strip(" .,").lower() in sender_name.lower()
                                    or all(w[:1].isupper() for w in words))
