"""`mailbot check-config` catches what would otherwise break silently: one line naming the key, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mailbot.config import load_config
from mailbot.core.errors import ConfigError

Change = Callable[[dict[str, Any], Path], None]


@pytest.fixture
def example(example: dict[str, Any]) -> dict[str, Any]:
    data = example
    data.pop("templates", None)
    data["questionnaire"] = None  # the built-in one: the example's file lives next to the example
    data.pop("questionnaire")
    return data


def write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    os.chmod(path, 0o600)
    return path


def check_config(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mailbot", "--config", str(path), "check-config"],
                          capture_output=True, text=True, env=dict(os.environ), cwd="/")


def same_folder(c: dict[str, Any], _: Path) -> None:
    c["imap"]["processed_folder"] = c["imap"].get("folder", "INBOX")


def missing_templates(c: dict[str, Any], _: Path) -> None:
    c["templates"] = "my-templates"


def template_outside_a_language(c: dict[str, Any], root: Path) -> None:
    (root / "my-templates" / "nl").mkdir(parents=True)
    (root / "my-templates" / "reminder.txt").write_text("Beste {{ participant_name }}\n")
    c["templates"] = "my-templates"


def template_with_an_unknown_name(c: dict[str, Any], root: Path) -> None:
    (root / "my-templates" / "nl").mkdir(parents=True)
    (root / "my-templates" / "nl" / "herinnering.txt").write_text("Beste {{ participant_name }}\n")
    c["templates"] = "my-templates"


def organiser_is_the_programme(c: dict[str, Any], _: Path) -> None:
    c["organisers"][0]["email"] = c["programme"]["address"].upper()


def meeting_without_location(c: dict[str, Any], _: Path) -> None:
    c["meetings"][0].pop("location")


def meeting_with_empty_location(c: dict[str, Any], _: Path) -> None:
    c["meetings"][0]["location"] = "  "


@pytest.mark.parametrize(("change", "key", "words"), [
    (same_folder, "imap.processed_folder", "imap.folder"),
    (missing_templates, "templates", "does not exist"),
    (template_outside_a_language, "templates", "reminder.txt is not in a language folder"),
    (template_with_an_unknown_name, "templates", "herinnering.txt"),
    (organiser_is_the_programme, "organisers[0].email", "programme.address"),
    (meeting_without_location, "meetings[0].location", "required"),
    (meeting_with_empty_location, "meetings[0].location", ""),
])
def test_each_silent_breakage_is_an_error_naming_its_key(tmp_path: Path, example: dict[str, Any], change: Change,
                                                          key: str, words: str) -> None:
    change(example, tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, example))
    assert caught.value.key == key and words in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("change", [same_folder, template_outside_a_language])
def test_check_config_says_it_in_one_line_and_exits_2(tmp_path: Path, example: dict[str, Any],
                                                      change: Change) -> None:
    change(example, tmp_path)
    p = check_config(write(tmp_path, example))
    assert p.returncode == 2, p.stdout + p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mailbot: configuration error: "), p.stderr
    assert "ok" not in p.stdout


def test_templates_in_language_folders_with_known_names_are_fine(tmp_path: Path, example: dict[str, Any]) -> None:
    (tmp_path / "my-templates" / "nl").mkdir(parents=True)
    (tmp_path / "my-templates" / "nl" / "reminder.txt").write_text("Beste {{ participant_name }}\n")
    (tmp_path / "my-templates" / "_layout.html").write_text("{% block body %}{% endblock %}\n")
    example["templates"] = "my-templates"
    assert load_config(write(tmp_path, example)).templates_dir == tmp_path / "my-templates"


@pytest.mark.parametrize(("given", "expected"), [
    ("sqlite:///mailbot.db", "sqlite:///{root}/mailbot.db"),
    ("sqlite:///data/mailbot.db", "sqlite:///{root}/data/mailbot.db"),
    ("sqlite:////var/lib/mailbot/mailbot.db", "sqlite:////var/lib/mailbot/mailbot.db"),
    ("sqlite:///:memory:", "sqlite:///:memory:"),
    ("postgresql+psycopg://bot@localhost/mailbot", "postgresql+psycopg://bot@localhost/mailbot"),
])
def test_a_relative_database_is_next_to_the_config_file(tmp_path: Path, example: dict[str, Any], given: str,
                                                        expected: str) -> None:
    example["database"] = {"url": given}
    config = load_config(write(tmp_path, example))
    assert config.database_url == expected.format(root=tmp_path)


def test_status_from_another_folder_opens_the_same_database(tmp_path: Path, example: dict[str, Any]) -> None:
    example["database"] = {"url": "sqlite:///mailbot.db"}
    path = write(tmp_path, example)
    p = subprocess.run([sys.executable, "-m", "mailbot", "--config", str(path), "status"], capture_output=True,
                       text=True, env=dict(os.environ), cwd=tmp_path.parent)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "mailbot.db").exists() and not (tmp_path.parent / "mailbot.db").exists()


def test_a_relative_ca_file_is_next_to_the_config_file(tmp_path: Path, example: dict[str, Any]) -> None:
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    example["imap"]["tls_ca_file"] = "ca.pem"
    assert load_config(write(tmp_path, example)).imap.tls_ca_file == str(tmp_path / "ca.pem")


def test_the_running_service_watches_every_file_the_configuration_was_read_from(tmp_path: Path,
                                                                              example: dict[str, Any]) -> None:
    from mailbot.service import ConfigFile

    (tmp_path / "my-templates" / "nl").mkdir(parents=True)
    template = tmp_path / "my-templates" / "nl" / "reminder.txt"
    template.write_text("Beste {{ participant_name }}\n")
    (tmp_path / "vragen.yaml").write_text(yaml.safe_dump([{"id": "org", "type": "text", "required": True,
                                                           "question": {"nl": "Organisatie?", "en": "Org?"}}]))
    example["templates"], example["questionnaire"] = "my-templates", "vragen.yaml"
    for meeting in example["meetings"]:
        meeting.pop("themes", None)  # they name options of the example's own questionnaire
    config = load_config(write(tmp_path, example))
    assert config.questionnaire_file == tmp_path / "vragen.yaml"
    watched = ConfigFile(config, now_ns=lambda: time.time_ns() + 10**10)  # every write long settled
    assert watched.changed(forced=True) is None, "nothing changed"
    template.write_text("Beste {{ participant_name }}, tot ziens\n")
    assert watched.changed(forced=False) is not None, "an edited template"
    watched.accepted(config, watched._digest())
    (tmp_path / "my-templates" / "nl" / "digest.txt").write_text("{{ body }}\n")
    assert watched.changed(forced=False) is not None, "a template added"
    watched.accepted(config, watched._digest())
    (tmp_path / "vragen.yaml").write_text("- [unclosed\n")
    assert watched.changed(forced=False) is not None, "an edited questionnaire file"


def test_a_file_is_read_once_it_has_settled_never_half_written(tmp_path: Path, example: dict[str, Any]) -> None:
    from mailbot.service import SETTLE_NS, ConfigFile

    path = write(tmp_path, example)
    config = load_config(path)
    now = [time.time_ns()]
    watched = ConfigFile(config, now_ns=lambda: now[0])
    path.write_text(path.read_text()[:40])  # the first part of an editor's write in place
    now[0] = path.stat().st_mtime_ns + SETTLE_NS // 10
    assert watched.changed(forced=False) is None, "written moments ago: maybe half"
    now[0] = path.stat().st_mtime_ns + SETTLE_NS
    assert watched.changed(forced=False) is not None, "settled: read it"
    assert watched.changed(forced=False) is None, "and only once"
    path.write_text(path.read_text() + "\n")
    now[0] = path.stat().st_mtime_ns + 1
    assert watched.changed(forced=True) is not None, "kill -HUP: the operator says it is done"
