"""The needs inventory of the digest: how the circle answered, per question. Pure.

Nothing here knows which question is "the themes" or "the organisation type": every
question with fixed answers (single, multi, yes/no, scale) gets a distribution, every
text question gets its answers quoted in full. Withdrawn participants are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mailbot.answers.inventory import Distribution, distribution
from mailbot.answers.questionnaire import Question, Questionnaire
from mailbot.digest.collect import ParticipantFacts, Period


@dataclass(frozen=True)
class Quote:
    participant: ParticipantFacts
    text: str
    new: bool  # came in during the digest's period


@dataclass(frozen=True)
class Quotes:
    question: Question
    quotes: tuple[Quote, ...]


def distributions(questionnaire: Questionnaire, participants: Sequence[ParticipantFacts],
                  lang: str) -> list[Distribution]:
    active = [p for p in participants if p.active]
    return [distribution(q, active, lang) for q in questionnaire.questions if q.type != "text"]


def quotes(questionnaire: Questionnaire, participants: Sequence[ParticipantFacts], period: Period) -> list[Quotes]:
    """Every text answer in full, in order of registration, per text question.

    An answer is ``new`` when it came in since the previous digest; in the first digest
    everything would be, so nothing is marked.
    """
    active = [p for p in participants if p.active]
    first_digest = period.start is None
    out = []
    for q in questionnaire.questions:
        if q.type != "text":
            continue
        found = [Quote(p, str(p.answers[q.id]), not first_digest and period.contains(p.answered_at.get(q.id)))
                 for p in active if str(p.answers.get(q.id) or "").strip()]
        out.append(Quotes(question=q, quotes=tuple(found)))
    return out
