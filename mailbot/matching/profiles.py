"""Participant records -> the profiles matching reads, by the parts their questions play. Pure.

Only people taking part are matched. A questionnaire without a question for the concrete
questions or for the experience gives no one anything to match.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire
from mailbot.core.domain import ACTIVE
from mailbot.matching.model import Profile
from mailbot.people.organisation import organisation_of
from mailbot.people.records import ParticipantRecord
from mailbot.people.roles import roles_of

INTRODUCTIONS = "introductions"  # the yes/no question: may we introduce you? (the default questionnaire's last)


def profiles_of(records: Sequence[ParticipantRecord], questionnaire: Questionnaire,
                declined: Collection[int] = ()) -> list[Profile]:
    """Everyone taking part, in order of registration; ``declined``: who said they do not want introductions
    (by mail, or where the questionnaire has no such question)."""
    roles = roles_of(questionnaire)
    out = []
    for r in records:
        if r.status not in ACTIVE:
            continue
        org = organisation_of(r.answers, r.guessed_organisation, roles.organisation)
        themes = r.answers.get(roles.themes.id) if roles.themes is not None else None
        out.append(Profile(
            id=r.id, name=r.name, email=r.email, organisation=org.name, language=r.language,
            question=_text(r.answers, roles.questions), experience=_text(r.answers, roles.experience),
            themes=frozenset(str(t) for t in themes) if isinstance(themes, list) else frozenset(),
            phase=_text(r.answers, roles.phase), org_type=_text(r.answers, roles.org_type),
            region=_text(r.answers, roles.region),
            introductions=r.id not in declined and r.answers.get(INTRODUCTIONS) is not False))
    return out


def _text(answers: Mapping[str, AnswerValue], question: Question | None) -> str:
    value = answers.get(question.id) if question is not None else None
    return value.strip() if isinstance(value, str) else ""
