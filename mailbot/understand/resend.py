"""A participant asks for the questionnaire again (it got lost, or they want to start over)."""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.understand.reading import Found, Reading, Sentences

name = "resend"

_RESEND = re.compile(
    r"\b(?:nogmaals|opnieuw|nog een keer|nog eens)\b.{0,60}\b(?:sturen|versturen|toesturen|zenden|mailen)\b|"
    r"\bvragenlijst\b.{0,60}\b(?:niet (?:ontvangen|gekregen)|kwijt|nogmaals|opnieuw)\b|"
    r"\b(?:resend|send (?:it |me )?(?:the )?(?:questionnaire|questions|form) again|send again)\b|"
    r"\bquestionnaire\b.{0,60}\b(?:again|not (?:received|arrived)|lost)\b",
    re.IGNORECASE,
)


def asks_for_resend(text: str) -> bool:
    return bool(_RESEND.search(text))


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if not reading.participant:
        return []
    for index, sentence in sentences.unclaimed():
        if asks_for_resend(sentence):
            return [Found(Finding.RESEND, sentence, {}, (index,))]
    return []
