"""``meetings[].themes`` and ``meetings[].briefing``: what a meeting is about and who gets its briefing.

They are read apart from the rest of a meeting (``meetings.model`` knows nothing of the
questionnaire), checked against the questionnaire, and kept per meeting id on the Config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.answers.questionnaire import CHOICE_TYPES, Questionnaire
from mailbot.config.model import BriefingConfig, default
from mailbot.config.reader import Section, kind_of
from mailbot.core.errors import ConfigError

BRIEFING_KEYS = ("themes", "briefing")


def split_briefings(raw: object, key: str = "meetings") -> tuple[object, list[dict[str, Any]]]:
    """The meetings without their briefing keys (for ``load_meetings``), and those keys per meeting."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return raw, []
    plain: list[object] = []
    taken: list[dict[str, Any]] = []
    for item in raw:
        if isinstance(item, Mapping):
            plain.append({k: v for k, v in item.items() if k not in BRIEFING_KEYS})
            taken.append({k: item[k] for k in BRIEFING_KEYS if k in item})
        else:
            plain.append(item)
            taken.append({})
    return plain, taken


def load_briefings(taken: list[dict[str, Any]], meeting_ids: Sequence[str], questionnaire: Questionnaire,
                   key: str = "meetings") -> dict[str, BriefingConfig]:
    """Meeting id -> its themes and briefing; a meeting without either gets the defaults."""
    out: dict[str, BriefingConfig] = {}
    for index, (found, meeting_id) in enumerate(zip(taken, meeting_ids, strict=False)):
        item_key = f"{key}[{index}]"
        themes = _themes(found.get("themes"), f"{item_key}.themes", questionnaire)
        s = Section(found.get("briefing"), f"{item_key}.briefing")
        to = s.raw_value("to", [])
        if isinstance(to, str):
            to = [to]
        if not isinstance(to, list):
            raise ConfigError(s.path("to"), f"expected a list of email addresses, got {kind_of(to)}")
        addresses = tuple(_address(a, s.path(f"to[{i}]")) for i, a in enumerate(to))
        for i, address in enumerate(addresses):
            if address.lower() in (a.lower() for a in addresses[:i]):
                raise ConfigError(s.path(f"to[{i}]"), f"{address} is listed twice")
        days_before = s.int("days_before", default(BriefingConfig, "days_before"), minimum=0, maximum=365)
        s.done()
        out[meeting_id] = BriefingConfig(themes=themes, to=addresses, days_before=days_before)
    return out


def _address(value: object, key: str) -> str:
    """One address of a list, checked as every address of the config is (``Section.email``)."""
    try:
        return str(Section({"address": value}, "").email("address"))
    except ConfigError as e:
        raise ConfigError(key, e.problem) from None


def _themes(raw: object, key: str, questionnaire: Questionnaire) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ConfigError(key, "expected a mapping of question id to option ids, like {themes: [governance]}")
    choice_ids = [q.id for q in questionnaire.questions if q.type in CHOICE_TYPES]
    themes: dict[str, tuple[str, ...]] = {}
    for question_id, options in raw.items():
        question = questionnaire.get(str(question_id))
        where = f"{key}.{question_id}"
        if question is None or question.type not in CHOICE_TYPES:
            what = "not a question of the questionnaire" if question is None else f"a {question.type} question"
            raise ConfigError(where, f"{what}; themes name options of a choice question "
                                     f"({', '.join(choice_ids) or 'there is none'})")
        if isinstance(options, str):
            options = [options]
        if not isinstance(options, list) or not options:
            raise ConfigError(where, "expected a list of option ids")
        known = [o.id for o in question.options]
        for i, option in enumerate(options):
            if str(option) not in known:
                raise ConfigError(f"{where}[{i}]", f"unknown option {option!r} of question {question.id} "
                                                   f"(options: {', '.join(known)})")
        themes[question.id] = tuple(dict.fromkeys(str(o) for o in options))
    return themes
