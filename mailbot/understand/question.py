"""Questions for a person: what the sender asks that nothing else here explains.

"Wat kost deelname?" under a sign-up, "PS: mag ik een collega meenemen?" under answers, a question
typed into a calendar decline: each reaches the organiser, never dropped. A sentence asks when one of
its clauses is a question or it asks us in so many words ("graag hoor ik wat het kost").
"""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_greeting
from mailbot.understand.reading import Found, Reading, Sentences

name = "question"


def asks(sentences: Sentences, index: int) -> bool:
    found = sentences.clauses[index]
    # asking words may run over a comma: "ich hoffe, das ist kein Problem"
    return any(c.question for c in found) or sentences.lex.has("asking", [w for c in found for w in c.words])


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    asked = [(i, s) for i, s in sentences.unclaimed() if not is_greeting(s) and asks(sentences, i)]
    if not asked:
        return []
    return [Found(Finding.QUESTION, " ".join(s for _, s in asked), {}, tuple(i for i, _ in asked))]
