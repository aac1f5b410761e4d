"""The needs inventory: how the circle answered, per question. Pure.

Nothing here knows which question is "the themes" or "the organisation type": every
question with fixed answers (single, multi, yes/no, scale) gets a distribution, every
text question gets its answers quoted in full. Withdrawn participants are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import SCALE_RANGE, AnswerValue, Question, Questionnaire, option_label
from mailbot.digest.collect import ParticipantFacts, Period


class Answered(Protocol):
    """Anyone with current answers: the digest's ParticipantFacts, the exports' ParticipantRecord."""

    @property
    def answers(self) -> Mapping[str, AnswerValue]: ...


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int


@dataclass(frozen=True)
class Distribution:
    question: Question
    answered: int  # participants who answered this question; each option's count is out of this
    options: tuple[OptionCount, ...]


@dataclass(frozen=True)
class Quote:
    participant: ParticipantFacts
    text: str
    new: bool  # came in during the digest's period


@dataclass(frozen=True)
class Quotes:
    question: Question
    quotes: tuple[Quote, ...]


def _choices(question: Question, lang: str) -> list[tuple[AnswerValue, str]]:
    """The possible answers of a closed question, in questionnaire order, with their labels."""
    if question.type in ("single", "multi"):
        return [(o.id, option_label(o, lang)) for o in question.options]
    if question.type == "yesno":
        return [(v, describe_answer(question, v, lang)) for v in (True, False)]
    if question.type == "scale":
        return [(v, str(v)) for v in SCALE_RANGE]
    return []


def _chosen(value: AnswerValue) -> list[AnswerValue]:
    return list(value) if isinstance(value, list) else [value]


def distribution(question: Question, participants: Iterable[Answered], lang: str) -> Distribution:
    counts: Counter[AnswerValue] = Counter()
    answered = 0
    for p in participants:
        if question.id in p.answers:
            answered += 1
            counts.update(set(_chosen(p.answers[question.id])))
    choices = _choices(question, lang)
    known = {value for value, _ in choices}
    # an option removed from the configuration after people chose it still shows, under its id
    strays = sorted((v for v in counts if v not in known), key=str)
    options = [OptionCount(label, counts.get(value, 0)) for value, label in choices]
    options += [OptionCount(str(value), counts[value]) for value in strays]
    return Distribution(question=question, answered=answered, options=tuple(options))


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
