"""Questions for a person: what the sender asks that nothing else here explains.

"Wat kost deelname?" under a sign-up, "PS: mag ik een collega meenemen?" under answers, a question
typed into a calendar decline: each reaches the organiser, never dropped.
"""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_greeting, is_question, is_request
from mailbot.understand.reading import Found, Reading, Sentences

name = "question"


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    asked = [(i, s) for i, s in sentences.unclaimed() if not is_greeting(s) and (is_question(s) or is_request(s))]
    if not asked:
        return []
    return [Found(Finding.QUESTION, " ".join(s for _, s in asked), {}, tuple(i for i, _ in asked))]
