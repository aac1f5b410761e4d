"""The kind of organisation a person's organisation's name says, when the words around it did not: the name is
read as if they had written "ik werk bij <name>" (``read_organisation``), so that its words ("gemeente",
"University") choose the type as they would in the person's own sentence. Filled in only where nothing is known:
the reply lists what was noted, and the person corrects a wrong reading.

Not from a signature: the writers of the evaluation, each on their own, do not take a signature's organisation
for an answer (64 sign-ups and answer mails with one say so, one batch says otherwise), and the questionnaire
asks it.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailbot.answers.prose import organisation_question, read_organisation
from mailbot.answers.questionnaire import AnswerValue
from mailbot.understand.reading import Reading

# the words that put a name after them as the writer's workplace, per language (``organisation_work``)
WORK_AT = {"nl": "Ik werk bij", "en": "I work at", "de": "Ich arbeite bei", "fr": "Je travaille chez"}


def with_kind(reading: Reading, stated: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """The kind of an organisation its name says, when the words around it did not ("namens de gemeente Helmond"
    read as the name only): "gemeente" chooses the type as it would in the person's own sentence."""
    asked = organisation_question(reading.current, reading.lexicon)
    named = _as_workplace(reading, str(stated[asked])) if asked is not None and asked in stated else {}
    return {**named, **stated} if asked in named else dict(stated)


def _as_workplace(reading: Reading, name: str) -> dict[str, AnswerValue]:
    if not name:
        return {}
    said = f"{WORK_AT.get(reading.language, WORK_AT['en'])} {name}."
    return dict(read_organisation(said, reading.current, reading.lexicon).answers)

