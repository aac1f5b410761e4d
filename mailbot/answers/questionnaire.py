"""The needs questionnaire: its model and the validation of its YAML definition.

``questionnaire:`` in the config is either a list of question mappings or a path to a
YAML file holding that list. Every problem is a ``ConfigError`` naming the dotted key
(``questionnaire[3].options[1].label.en``) so the organiser can find it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from mailbot.core.errors import ConfigError

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser, when PyYAML has it

AnswerValue = str | list[str] | bool | int

QUESTION_TYPES = ("text", "single", "multi", "yesno", "scale")
# the default questionnaire's question whether one can come to every meeting: a decline of one meeting
# answers it ("no"), and what is typed under it may name the meeting missed
ALL_MEETINGS = "all_meetings"
CHOICE_TYPES = frozenset({"single", "multi"})
SCALE_RANGE = range(1, 6)

_ID_PATTERN = re.compile(r"[a-z0-9_]+")
_QUESTION_KEYS = frozenset({"id", "type", "required", "question", "options", "synonyms"})
_OPTION_KEYS = frozenset({"id", "label", "synonyms"})
_DEFAULT_RESOURCE = "default_questionnaire.yaml"


@dataclass(frozen=True)
class Option:
    id: str
    label: Mapping[str, str]  # language -> label
    # other ways people name it, in any language ("hogeschool", "TNO", "Landkreis"): read, never shown; not
    # part of what was asked, so two versions that differ only here are the same questionnaire
    synonyms: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # one of QUESTION_TYPES
    required: bool
    question: Mapping[str, str]  # language -> question text
    options: tuple[Option, ...] = ()
    # words that name its subject ("Soort", "Fase", "Hosten", "Stage"): a short label or a prose cue
    synonyms: tuple[str, ...] = field(default=(), compare=False)

    def text(self, lang: str) -> str:
        """The question in ``lang``, falling back to any language it has."""
        return self.question.get(lang) or next(iter(self.question.values()))

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def required_ids(self) -> frozenset[str]:
        return frozenset(q.id for q in self.questions if q.required)


def option_label(option: Option, lang: str) -> str:
    return option.label.get(lang) or next(iter(option.label.values()))


def load_questionnaire(
    raw: object, languages: Sequence[str], base_dir: Path, key: str = "questionnaire"
) -> Questionnaire:
    """Validate what YAML gave for ``questionnaire:`` (a list, or a path to a YAML file with one)."""
    if isinstance(raw, str):
        raw = _read_yaml_file(raw, base_dir, key)
    if not isinstance(raw, list):
        raise ConfigError(key, "must be a list of questions or the path of a YAML file holding one")
    if not raw:
        raise ConfigError(key, "must hold at least one question")
    questions: list[Question] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        item_key = f"{key}[{index}]"
        question = _question(item, languages, item_key)
        if question.id in seen:
            raise ConfigError(f"{item_key}.id", f"duplicate question id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    if key != _SHIPPED_KEY:
        questions = [_with_shipped_synonyms(q) for q in questions]
    return Questionnaire(tuple(questions))


_SHIPPED_KEY = "questionnaire (shipped)"


@cache
def _shipped_synonyms() -> Mapping[str, tuple[str, ...]]:
    """The shipped questionnaire's option synonyms by label (any language, lower case): what the words of a
    language say about an option ("in de kinderschoenen" is Opkomend) holds in any questionnaire that offers it."""
    text = resources.files("mailbot.answers").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")
    shipped = load_questionnaire(yaml.load(text, Loader=SAFE_LOADER), ("nl", "en"), Path("."), key=_SHIPPED_KEY)
    return {label.strip().lower(): o.synonyms
            for q in shipped.questions for o in q.options for label in o.label.values()}


def _with_shipped_synonyms(question: Question) -> Question:
    """An option that declares no synonyms of its own takes those of the shipped option with its label."""
    known = _shipped_synonyms()
    options = tuple(o if o.synonyms else replace(o, synonyms=next(
        (known[label.strip().lower()] for label in o.label.values() if label.strip().lower() in known), ()))
        for o in question.options)
    return replace(question, options=options)


def load_default_questionnaire(languages: Sequence[str]) -> Questionnaire:
    """The shipped *Clusters & clusterbeleid* questionnaire, validated for ``languages``."""
    text = resources.files("mailbot.answers").joinpath(_DEFAULT_RESOURCE).read_text(encoding="utf-8")
    return load_questionnaire(yaml.load(text, Loader=SAFE_LOADER), languages, Path("."), key="questionnaire")


def questionnaire_path(path_text: str, base_dir: Path) -> Path:
    """Where ``questionnaire: <file>`` points: a relative path is next to the configuration file."""
    path = Path(path_text).expanduser()
    return path if path.is_absolute() else base_dir / path


def _read_yaml_file(path_text: str, base_dir: Path, key: str) -> object:
    path = questionnaire_path(path_text, base_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(key, f"cannot read questionnaire file {str(path)!r}: {exc.strerror}") from exc
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ConfigError(key, f"questionnaire file {str(path)!r} is not valid YAML: {exc}") from exc


def _question(item: object, languages: Sequence[str], key: str) -> Question:
    if not isinstance(item, Mapping):
        raise ConfigError(key, "must be a mapping with id, type and question")
    _refuse_unknown_keys(item, _QUESTION_KEYS, key)
    question_id = _simple_id(item.get("id"), f"{key}.id")
    kind = item.get("type")
    if kind not in QUESTION_TYPES:
        raise ConfigError(f"{key}.type", f"must be one of {', '.join(QUESTION_TYPES)}, not {kind!r}")
    required = item.get("required", False)
    if not isinstance(required, bool):
        raise ConfigError(f"{key}.required", "must be true or false")
    question = _texts(item.get("question"), languages, f"{key}.question")
    options = _options(item.get("options"), kind, languages, f"{key}.options")
    synonyms = _synonyms(item.get("synonyms"), f"{key}.synonyms")
    return Question(question_id, kind, required, question, options, synonyms)


def _options(raw: object, kind: str, languages: Sequence[str], key: str) -> tuple[Option, ...]:
    if kind not in CHOICE_TYPES:
        if raw is not None:
            raise ConfigError(key, f"only single and multi questions have options, not {kind}")
        return ()
    if not isinstance(raw, list) or len(raw) < 2:
        raise ConfigError(key, f"a {kind} question needs a list of at least two options")
    options: list[Option] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        item_key = f"{key}[{index}]"
        if not isinstance(item, Mapping):
            raise ConfigError(item_key, "must be a mapping with id and label")
        _refuse_unknown_keys(item, _OPTION_KEYS, item_key)
        option_id = _simple_id(item.get("id"), f"{item_key}.id")
        if option_id in seen:
            raise ConfigError(f"{item_key}.id", f"duplicate option id {option_id!r}")
        seen.add(option_id)
        options.append(Option(option_id, _texts(item.get("label"), languages, f"{item_key}.label"),
                              _synonyms(item.get("synonyms"), f"{item_key}.synonyms")))
    named: dict[str, str] = {}
    for index, option in enumerate(options):
        for word in option.synonyms:
            other = named.setdefault(word.casefold(), option.id)
            if other != option.id:
                raise ConfigError(f"{key}[{index}].synonyms", f"{word!r} already names option {other!r}")
    return tuple(options)


def _texts(raw: object, languages: Sequence[str], key: str) -> Mapping[str, str]:
    """A language -> text mapping with a non-empty text for every offered language."""
    if not isinstance(raw, Mapping):
        raise ConfigError(key, f"must map each language ({', '.join(languages)}) to a text")
    for lang in languages:
        if lang not in raw:
            raise ConfigError(f"{key}.{lang}", "missing")
    texts: dict[str, str] = {}
    for lang, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key}.{lang}", "must be a non-empty text")
        texts[str(lang)] = " ".join(value.split())
    return texts


def _synonyms(raw: object, key: str) -> tuple[str, ...]:
    """Other words for a question's subject or an option: a list, or a list per language
    (``{nl: [hogeschool], de: [Hochschule]}``); the language only keeps the file readable."""
    if raw is None:
        return ()
    groups: list[tuple[str, object]] = list(raw.items()) if isinstance(raw, Mapping) else [("", raw)]
    found: list[str] = []
    for lang, words in groups:
        where = f"{key}.{lang}" if lang else key
        if not isinstance(words, list):
            raise ConfigError(where, "must be a list of words or phrases")
        for index, word in enumerate(words):
            if not isinstance(word, str) or not word.strip():
                raise ConfigError(f"{where}[{index}]", "must be a non-empty text")
            found.append(" ".join(word.split()))
    return tuple(dict.fromkeys(found))


def _simple_id(raw: object, key: str) -> str:
    if raw is None:
        raise ConfigError(key, "missing")
    if not isinstance(raw, str) or not _ID_PATTERN.fullmatch(raw):
        raise ConfigError(key, f"must use only a-z, 0-9 and _, not {raw!r}")
    return raw


def _refuse_unknown_keys(item: Mapping[object, object], allowed: frozenset[str], key: str) -> None:
    unknown = sorted(str(k) for k in item if k not in allowed)
    if unknown:
        raise ConfigError(f"{key}.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
