"""The data the questionnaire templates render: one ``QuestionView`` per question.

The layout itself lives in ``templates/<lang>/_questionnaire.{txt,html}``; the reply
parser relies on it (numbered question lines, ``[ ] Label`` option lines, an
``Antwoord:`` line under open questions), so the words it needs are defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.answers.questionnaire import Question, Questionnaire, option_label

# The line under text and scale questions where participants type their answer.
ANSWER_PLACEHOLDERS = {"nl": "Antwoord:", "en": "Answer:"}
# The two option lines of a yes/no question, (yes, no).
YES_NO_LABELS = {"nl": ("Ja", "Nee"), "en": ("Yes", "No")}
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class QuestionView:
    number: int  # as rendered: "1.", "2.", ...; replies may refer to a question by it
    id: str
    type: str
    text: str
    options: tuple[str, ...]  # option labels; "Ja"/"Nee" for yesno; empty for text and scale
    placeholder: str  # "Antwoord:" for text and scale; empty when the question has option lines


def questionnaire_view(questionnaire: Questionnaire, lang: str) -> list[QuestionView]:
    # the same views for every mail (frozen, so shared): a template's partial remembers its text per view
    known = _VIEWS.get((id(questionnaire), lang))
    if known is None or known[0] is not questionnaire:
        if len(_VIEWS) >= 64:
            _VIEWS.clear()
        known = _VIEWS[(id(questionnaire), lang)] = (questionnaire, tuple(
            _view(number, q, lang) for number, q in enumerate(questionnaire.questions, start=1)))
    return list(known[1])


_VIEWS: dict[tuple[int, str], tuple[Questionnaire, tuple[QuestionView, ...]]] = {}


def yes_no_labels(lang: str) -> tuple[str, str]:
    return YES_NO_LABELS.get(lang, YES_NO_LABELS[FALLBACK_LANGUAGE])


def answer_placeholder(lang: str) -> str:
    return ANSWER_PLACEHOLDERS.get(lang, ANSWER_PLACEHOLDERS[FALLBACK_LANGUAGE])


def _view(number: int, question: Question, lang: str) -> QuestionView:
    if question.type == "yesno":
        options: tuple[str, ...] = yes_no_labels(lang)
    else:
        options = tuple(option_label(o, lang) for o in question.options)
    placeholder = answer_placeholder(lang) if question.type in ("text", "scale") else ""
    return QuestionView(number, question.id, question.type, question.text(lang), options, placeholder)
