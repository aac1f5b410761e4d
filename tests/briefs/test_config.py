"""``meetings[].themes`` and ``meetings[].briefing`` are checked against the questionnaire; errors name the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailbot.config import parse_config
from mailbot.core.errors import ConfigError
from tests.briefs.conftest import circle_config


def load(tmp_path: Path, **meeting: Any) -> Any:
    raw = circle_config(tmp_path)
    raw["meetings"][1].update(meeting)
    return parse_config(raw, tmp_path / "config.yaml")


def test_themes_and_briefing_are_read(tmp_path: Path) -> None:
    config = load(tmp_path, themes={"themes": ["roles", "financing"], "phase": "growing"},
                  briefing={"to": ["Expert@Kennis.example"], "days_before": 14})
    b = config.briefing("m2")
    assert dict(b.themes) == {"themes": ("roles", "financing"), "phase": ("growing",)}
    assert (b.to, b.days_before) == (("Expert@Kennis.example",), 14)
    assert config.briefing("m5").themes == {} and config.briefing("m5").days_before == 10
    assert config.meetings[1].id == "m2"  # the meeting itself is read as before


@pytest.mark.parametrize(("meeting", "key", "words"), [
    ({"themes": {"thema": ["roles"]}}, "meetings[1].themes.thema", "not a question"),
    ({"themes": {"questions": ["x"]}}, "meetings[1].themes.questions", "a text question"),
    ({"themes": {"themes": ["roles", "gouvernance"]}}, "meetings[1].themes.themes[1]", "unknown option 'gouvernance'"),
    ({"themes": {"themes": []}}, "meetings[1].themes.themes", "list of option ids"),
    ({"themes": ["roles"]}, "meetings[1].themes", "mapping"),
    ({"briefing": {"to": ["geen adres"]}}, "meetings[1].briefing.to[0]", "not an email address"),
    ({"briefing": {"to": "a@b.example", "days_before": -1}}, "meetings[1].briefing.days_before", "at least 0"),
    ({"briefing": {"days_before": "tien"}}, "meetings[1].briefing.days_before", "integer"),
    ({"briefing": {"aan": ["a@b.example"]}}, "meetings[1].briefing.aan", "unknown key"),
    ({"briefing": {"to": ["a@b.example", "A@b.example"]}}, "meetings[1].briefing.to[1]", "twice"),
])
def test_a_wrong_value_names_its_key(tmp_path: Path, meeting: dict[str, Any], key: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, **meeting)
    assert caught.value.key == key
    assert words in caught.value.problem


def test_other_meeting_keys_are_still_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, thema={"themes": ["roles"]})
    assert caught.value.key == "meetings[1].thema"
