"""Which organisation someone is with: what they answered; the guess from their mail only as a fallback.

At registration mailbot guesses an organisation from the signature or the mail
domain ("Tudelft", "Minezk"). Once the participant answers the questionnaire's
organisation question, that answer is *the* organisation and the guess is never
shown beside it; without an answer the guess is shown, marked as a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire

_ORGANISATION_IDS = ("organisation", "organization", "organisatie", "werkgever", "employer")
_ASKS_FOR_ORGANISATION = re.compile(r"welke organisatie|which organi[sz]ation|werkgever|employer", re.IGNORECASE)


@dataclass(frozen=True)
class Organisation:
    name: str
    guessed: bool  # from the mail domain or signature, not from the participant


def organisation_question(questionnaire: Questionnaire) -> Question | None:
    """The text question asking where someone works: by its id, else by its wording; None when there is none."""
    texts = [q for q in questionnaire.questions if q.type == "text"]
    by_id = next((q for q in texts if q.id in _ORGANISATION_IDS), None)
    if by_id is not None:
        return by_id
    return next((q for q in texts if any(_ASKS_FOR_ORGANISATION.search(t) for t in q.question.values())), None)


def organisation_of(answers: Mapping[str, AnswerValue], guess: str, question: Question | None) -> Organisation:
    answered = str(answers.get(question.id) or "").strip() if question is not None else ""
    if answered:
        return Organisation(answered, guessed=False)
    return Organisation(guess.strip(), guessed=bool(guess.strip()))
