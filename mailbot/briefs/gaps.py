"""What the planned meetings leave out: input for planning the next ones. Pure.

The *theme questions* are those that some meeting names in its ``themes``. A participant
whose chosen options on them are all outside every meeting's themes is uncovered; an option
that people chose and no meeting covers is a theme without a meeting (most chosen first);
a question from someone who chose no theme at all is *unassigned*, never put into a meeting
at random. No meeting with themes: no gaps to report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import AnswerValue, Questionnaire
from mailbot.briefs.compute import Themes, chosen
from mailbot.core.domain import ACTIVE
from mailbot.people.roles import roles_of


class Answering(Protocol):
    """A participant with current answers: the exports' ParticipantRecord, the digest's ParticipantFacts."""

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def answers(self) -> Mapping[str, AnswerValue]: ...


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class ThemeCount:
    question_id: str
    option_id: str
    count: int  # participants taking part who chose it


@dataclass(frozen=True)
class Gaps:
    uncovered: tuple[Person, ...] = ()  # chose themes, but only ones no meeting covers
    themes: tuple[ThemeCount, ...] = ()  # chosen themes without a meeting, most chosen first
    unassigned: tuple[tuple[Person, str], ...] = ()  # (who, their question): chose no theme

    @property
    def empty(self) -> bool:
        return not (self.uncovered or self.themes or self.unassigned)


def compute_gaps(records: Sequence[Answering], questionnaire: Questionnaire,
                 themes_by_meeting: Mapping[str, Themes]) -> Gaps:
    covered = {(q, o) for themes in themes_by_meeting.values() for q, options in themes.items() for o in options}
    theme_questions = [q for q in questionnaire.questions if any(q.id == qid for qid, _ in covered)]
    if not theme_questions:
        return Gaps()
    questions = roles_of(questionnaire).questions
    uncovered: list[Person] = []
    unassigned: list[tuple[Person, str]] = []
    counts: dict[tuple[str, str], int] = {}
    for r in (r for r in records if r.status in ACTIVE):
        picked = {(q.id, o) for q in theme_questions for o in chosen(r.answers, q.id)}
        person = Person(r.name or r.email, r.email)
        for pair in picked - covered:
            counts[pair] = counts.get(pair, 0) + 1
        if picked and not picked & covered:
            uncovered.append(person)
        text = str(r.answers.get(questions.id) or "").strip() if questions is not None else ""
        if not picked and text:
            unassigned.append((person, text))
    order = {(q.id, o.id): (i, j) for i, q in enumerate(theme_questions) for j, o in enumerate(q.options)}
    themes = sorted((ThemeCount(q, o, n) for (q, o), n in counts.items()),
                    key=lambda t: (-t.count, order.get((t.question_id, t.option_id), (99, 99)), t.option_id))
    return Gaps(uncovered=tuple(uncovered), themes=tuple(themes), unassigned=tuple(unassigned))


TOP_THEMES = 5  # the digest's section stays short: the most chosen themes without a meeting
NAMES = 15  # and names this many people per list; the rest is a number


def gaps_context(gaps: Gaps, questionnaire: Questionnaire, lang: str) -> dict[str, Any] | None:
    """The digest's "gaps" block: None when there is nothing to plan for."""
    if gaps.empty:
        return None
    themes = []
    for t in gaps.themes[:TOP_THEMES]:
        question = questionnaire.get(t.question_id)
        label = describe_answer(question, [t.option_id], lang) if question is not None else t.option_id
        themes.append({"label": label, "count": t.count})
    unassigned = [p for p, _ in gaps.unassigned]
    return {"themes": themes, "uncovered": _names(gaps.uncovered), "uncovered_count": len(gaps.uncovered),
            "unassigned": _names(unassigned), "unassigned_count": len(unassigned)}


def _names(people: Sequence[Person]) -> list[str]:
    return [p.name for p in people[:NAMES]]
