"""Questionnaire versions: what a mail carried, kept so that a reply is read against it.

The organiser may insert, remove or reword questions after the questionnaire went out. A numbered
reply to the old mail answers the old numbering; ``carry_over`` then moves answers read against the
version the person saw onto the questions as they are now, by question id and by option label. What
does not map cleanly (a question gone, its type changed, an option whose label no longer exists) is
not guessed: it is reported, and the mail goes to a person.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mailbot.answers.matching import normalize
from mailbot.answers.questionnaire import CHOICE_TYPES, AnswerValue, Option, Question, Questionnaire


def definition(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """The questionnaire as plain data (JSON), in its order."""
    return [{"id": q.id, "type": q.type, "required": q.required, "question": dict(q.question),
             "options": [{"id": o.id, "label": dict(o.label), **_said(o.synonyms)} for o in q.options],
             **_said(q.synonyms)}
            for q in questionnaire.questions]


def _said(synonyms: tuple[str, ...]) -> dict[str, list[str]]:
    """Synonyms only when there are any: a questionnaire without them keeps the fingerprint it had."""
    return {"synonyms": list(synonyms)} if synonyms else {}


def fingerprint(questionnaire: Questionnaire) -> str:
    """The same questions, options and wording give the same fingerprint."""
    text = json.dumps(definition(questionnaire), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_definition(data: object) -> Questionnaire | None:
    """The questionnaire a stored definition describes; None when it cannot be read (never a crash)."""
    if not isinstance(data, list) or not data:
        return None
    try:
        return Questionnaire(tuple(
            Question(str(q["id"]), str(q["type"]), bool(q["required"]), dict(q["question"]),
                     tuple(Option(str(o["id"]), dict(o["label"]), tuple(map(str, o.get("synonyms") or ())))
                           for o in q.get("options") or ()),
                     tuple(map(str, q.get("synonyms") or ())))
            for q in data))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


@dataclass(frozen=True)
class CarriedOver:
    answers: dict[str, AnswerValue]  # keyed by the current questions' ids, values in their terms
    unplaced: tuple[str, ...]  # why an answer could not be placed, one line each (for the organiser)


def carry_over(answers: Mapping[str, AnswerValue], seen: Questionnaire, current: Questionnaire) -> CarriedOver:
    """Answers read against ``seen``, placed on ``current`` by question id and option label."""
    if seen == current:
        return CarriedOver(dict(answers), ())
    placed: dict[str, AnswerValue] = {}
    unplaced: list[str] = []
    for question_id, value in answers.items():
        old, new = seen.get(question_id), current.get(question_id)
        if old is None or new is None:
            unplaced.append(f"{question_id}: the question is no longer in the questionnaire")
            continue
        if old.type != new.type:
            unplaced.append(f"{question_id}: the question changed from {old.type} to {new.type}")
            continue
        if new.type not in CHOICE_TYPES:
            placed[question_id] = value
            continue
        chosen = value if isinstance(value, list) else [value]
        mapped = [_same_option(old.option(str(v)), new) for v in chosen]
        if any(m is None for m in mapped):
            lost = [str(v) for v, m in zip(chosen, mapped, strict=True) if m is None]
            unplaced.append(f"{question_id}: the option(s) {', '.join(lost)} changed since the mail was sent")
            continue
        ids = [m.id for m in mapped if m is not None]
        placed[question_id] = ids if isinstance(value, list) else ids[0]
    return CarriedOver(placed, tuple(unplaced))


def _same_option(option: Option | None, question: Question) -> Option | None:
    """The option of ``question`` that is the one the person chose: same id and label, else same label."""
    if option is None:
        return None
    labels = {normalize(text) for text in option.label.values()}
    by_id = question.option(option.id)
    if by_id is not None and labels & {normalize(text) for text in by_id.label.values()}:
        return by_id
    by_label = [o for o in question.options if labels & {normalize(text) for text in o.label.values()}]
    return by_label[0] if len(by_label) == 1 else None
