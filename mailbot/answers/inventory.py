"""How a group answered one question with fixed answers: a count per option. Pure.

The digest's needs inventory and the export's workbook count with the same function.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import SCALE_RANGE, AnswerValue, Question, option_label


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
