"""Answers in words, for the confirmation mail and the organiser's overview."""

from __future__ import annotations

from mailbot.answers.questionnaire import AnswerValue, Question, option_label

_YES_NO_WORDS = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def describe_answer(question: Question, value: AnswerValue, lang: str) -> str:
    """ "Rijksoverheid", "Cluster governance, Financieren en investeren", "ja", "4", or the text."""
    if isinstance(value, bool):
        yes, no = _YES_NO_WORDS.get(lang, _YES_NO_WORDS["en"])
        return yes if value else no
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(_label(question, option_id, lang) for option_id in value)
    if question.type == "single":
        return _label(question, value, lang)
    return value


def _label(question: Question, option_id: str, lang: str) -> str:
    option = question.option(option_id)
    return option_label(option, lang) if option is not None else option_id
