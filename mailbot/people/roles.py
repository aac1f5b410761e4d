"""Which question of the questionnaire plays which part in a briefing or a match. Pure.

Nothing in the configuration says "this is the question for practice experience", so,
like ``people.organisation``, a part is found by the question's id first and by its
wording second. A questionnaire without such a question simply has no such part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.answers.questionnaire import Question, Questionnaire
from mailbot.people.organisation import organisation_question


@dataclass(frozen=True)
class Part:
    types: tuple[str, ...]
    ids: tuple[str, ...]
    wording: re.Pattern[str]


PARTS = {
    "questions": Part(("text",), ("questions", "question", "vragen", "vraag"),
                      re.compile(r"\bvra(?:ag|gen)\b|\bquestions?\b", re.IGNORECASE)),
    "experience": Part(("text",), ("experience", "ervaring", "praktijkervaring"),
                       re.compile(r"ervaring|experience", re.IGNORECASE)),
    "region": Part(("text",), ("region", "regio", "cluster"), re.compile(r"\bregio|\bregion|\bcluster\b",
                                                                            re.IGNORECASE)),
    "phase": Part(("single",), ("phase", "fase"), re.compile(r"\bfase\b|\bphase\b", re.IGNORECASE)),
    "host": Part(("yesno",), ("host", "gastheer", "ontvangen"), re.compile(r"ontvangen|\bhost\b", re.IGNORECASE)),
    "all_meetings": Part(("yesno",), ("all_meetings", "alle_bijeenkomsten"),
                         re.compile(r"\balle\b.*\bbijeenkomsten\b|\ball\b.*\bmeetings\b", re.IGNORECASE)),
    "themes": Part(("multi",), ("themes", "theme", "themas", "thema"), re.compile(r"\bthema|\btheme", re.IGNORECASE)),
    "org_type": Part(("single",), ("org_type", "organisation_type", "organization_type", "type_organisatie"),
                     re.compile(r"wat voor organisatie|soort organisatie|type (?:of )?organi[sz]ation", re.IGNORECASE)),
}


@dataclass(frozen=True)
class Roles:
    organisation: Question | None = None
    questions: Question | None = None  # the concrete questions they want answered
    experience: Question | None = None  # the practice experience they offer to share
    region: Question | None = None  # their cluster or region
    phase: Question | None = None  # their cluster's phase
    host: Question | None = None  # yes: they offer to host a meeting
    all_meetings: Question | None = None  # no: they will miss some meeting, not saying which
    themes: Question | None = None  # the themes that matter most to them (several options)
    org_type: Question | None = None  # what kind of organisation they work for


def roles_of(questionnaire: Questionnaire) -> Roles:
    organisation = organisation_question(questionnaire)
    taken: set[str] = {organisation.id} if organisation is not None else set()
    found: dict[str, Question | None] = {}
    for name, part in PARTS.items():
        question = _find(questionnaire, part, taken)
        if question is not None:
            taken.add(question.id)
        found[name] = question
    return Roles(organisation=organisation, **found)


def _find(questionnaire: Questionnaire, part: Part, taken: set[str]) -> Question | None:
    candidates = [q for q in questionnaire.questions if q.type in part.types and q.id not in taken]
    by_id = next((q for q in candidates if q.id in part.ids), None)
    if by_id is not None:
        return by_id
    return next((q for q in candidates if any(part.wording.search(t) for t in q.question.values())), None)
