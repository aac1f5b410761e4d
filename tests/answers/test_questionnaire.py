"""Validation of the questionnaire definition: every error names its key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from mailbot.answers.questionnaire import load_default_questionnaire, load_questionnaire
from mailbot.core.errors import ConfigError

LANGS = ["nl", "en"]


def valid() -> list[dict[str, Any]]:
    return [
        {"id": "organisation", "type": "text", "required": True, "question": {"nl": "Waar?", "en": "Where?"}},
        {
            "id": "themes",
            "type": "multi",
            "question": {"nl": "Welke thema's?", "en": "Which themes?"},
            "options": [
                {"id": "governance", "label": {"nl": "Governance", "en": "Governance"}},
                {"id": "roles", "label": {"nl": "Rollen", "en": "Roles"}},
            ],
        },
        {"id": "lunch", "type": "yesno", "question": {"nl": "Lunch?", "en": "Lunch?"}},
    ]


def error_of(raw: object, languages: list[str] = LANGS) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_questionnaire(raw, languages, Path("."))
    return caught.value


def test_valid_list_loads_with_defaults() -> None:
    questionnaire = load_questionnaire(valid(), LANGS, Path("."))
    assert [q.id for q in questionnaire.questions] == ["organisation", "themes", "lunch"]
    assert questionnaire.required_ids == frozenset({"organisation"})
    themes = questionnaire.get("themes")
    assert themes is not None and [o.id for o in themes.options] == ["governance", "roles"]
    assert questionnaire.get("nope") is None


def test_path_is_read_relative_to_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / "vragen.yaml").write_text(
        '- {id: naam, type: text, question: {nl: "Naam?", en: "Name?"}}\n', encoding="utf-8"
    )
    questionnaire = load_questionnaire("vragen.yaml", LANGS, tmp_path)
    assert questionnaire.questions[0].id == "naam"


def test_missing_file_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_questionnaire("missing.yaml", LANGS, tmp_path)
    assert caught.value.key == "questionnaire"
    assert "missing.yaml" in caught.value.problem


def test_broken_yaml_file_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text("- {id: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_questionnaire("q.yaml", LANGS, tmp_path)
    assert caught.value.key == "questionnaire"


def mutate(path: list[Any], value: object) -> list[dict[str, Any]]:
    raw = valid()
    target: Any = raw
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"id": "x"}, "questionnaire"),
        ([], "questionnaire"),
        (["just text"], "questionnaire[0]"),
        (mutate([0, "id"], KeyError), "questionnaire[0].id"),
        (mutate([0, "id"], "Organisatie"), "questionnaire[0].id"),
        (mutate([0, "id"], "org-type"), "questionnaire[0].id"),
        (mutate([2, "id"], "organisation"), "questionnaire[2].id"),
        (mutate([0, "type"], "essay"), "questionnaire[0].type"),
        (mutate([0, "required"], "yes"), "questionnaire[0].required"),
        (mutate([0, "question"], "Waar?"), "questionnaire[0].question"),
        (mutate([0, "question", "en"], KeyError), "questionnaire[0].question.en"),
        (mutate([0, "question", "nl"], "  "), "questionnaire[0].question.nl"),
        (mutate([0, "hint"], "x"), "questionnaire[0].hint"),
        (mutate([1, "options"], KeyError), "questionnaire[1].options"),
        (mutate([1, "options"], [{"id": "a", "label": {"nl": "A", "en": "A"}}]), "questionnaire[1].options"),
        (
            mutate([2, "options"], [{"id": "a", "label": {"nl": "A", "en": "A"}}] * 2),
            "questionnaire[2].options",
        ),
        (mutate([1, "options", 1, "id"], "governance"), "questionnaire[1].options[1].id"),
        (mutate([1, "options", 1, "id"], "Roles!"), "questionnaire[1].options[1].id"),
        (mutate([1, "options", 1, "label", "en"], KeyError), "questionnaire[1].options[1].label.en"),
        (mutate([1, "options", 0, "label"], "Governance"), "questionnaire[1].options[0].label"),
        (mutate([1, "options", 0, "colour"], "red"), "questionnaire[1].options[0].colour"),
        (mutate([1, "options", 1], "roles"), "questionnaire[1].options[1]"),
    ],
)
def test_each_error_names_its_key(raw: object, key: str) -> None:
    error = error_of(copy.deepcopy(raw))
    assert error.key == key
    assert str(error).startswith(f"{key}: ")


def test_missing_label_message_matches_the_documented_form() -> None:
    raw = mutate([1, "options", 1, "label", "en"], KeyError)
    assert str(error_of(raw)) == "questionnaire[1].options[1].label.en: missing"


def test_only_the_offered_languages_are_required() -> None:
    raw = mutate([0, "question", "en"], KeyError)
    questionnaire = load_questionnaire(raw, ["nl"], Path("."))
    assert questionnaire.questions[0].text("nl") == "Waar?"


def test_a_custom_key_prefix_is_used() -> None:
    with pytest.raises(ConfigError) as caught:
        load_questionnaire(mutate([0, "type"], "essay"), LANGS, Path("."), key="programmes[1].questionnaire")
    assert caught.value.key == "programmes[1].questionnaire[0].type"


def test_default_questionnaire_fits_the_learning_circle() -> None:
    questionnaire = load_default_questionnaire(LANGS)
    ids = [q.id for q in questionnaire.questions]
    assert ids == [
        "organisation", "org_type", "region", "themes", "phase",
        "questions", "experience", "all_meetings", "host", "introductions",
    ]  # fmt: skip: a new question goes last, so that the numbers people answer by never shift
    themes = questionnaire.get("themes")
    assert themes is not None and themes.type == "multi" and len(themes.options) == 4
    assert questionnaire.required_ids == {"organisation", "org_type", "themes", "questions", "all_meetings"}
    for question in questionnaire.questions:
        assert len(f"10. {question.text('nl')}") <= 72, "question lines must not be wrapped by mail clients"
        assert all(len(f"> [ ] {label}") <= 72 for o in question.options for label in o.label.values())


def test_default_questionnaire_refuses_a_language_it_lacks() -> None:
    with pytest.raises(ConfigError) as caught:
        load_default_questionnaire(["nl", "de"])
    assert caught.value.key == "questionnaire[0].question.de"
