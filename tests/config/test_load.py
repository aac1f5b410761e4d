"""Configuration: the shipped example is valid; every mistake names its key; the CLI exits 2 with one line."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mailbot.config import load_config, parse_config
from mailbot.core.errors import ConfigError
from tests import ROOT


def test_example_config_is_valid_and_complete(example: dict[str, Any]) -> None:
    config = parse_config(example, ROOT / "config.example.yaml")
    assert config.imap.password == "imap-secret" and config.smtp.password == "smtp-secret"
    assert config.programme.domain == "example.org"
    ids = [q.id for q in config.questionnaire.questions]
    assert {"organisation", "org_type", "themes", "questions", "all_meetings"} <= set(ids)
    assert config.meetings and config.reminders.before


def test_every_example_key_is_commented() -> None:
    text = (ROOT / "config.example.yaml").read_text()
    settings = text.split("\nquestionnaire:", 1)[0]  # the questionnaire is documented as a whole above it
    for number, line in enumerate(settings.splitlines(), start=1):
        stripped = line.strip().lstrip("- ")
        if not stripped or stripped.startswith("#") or stripped.endswith((":", "|")):
            continue
        if line.startswith("      "):
            continue  # the lines of a multi-line text value
        assert "#" in line, f"config.example.yaml line {number} has no comment: {line.strip()}"


@pytest.mark.parametrize(("change", "key", "words"), [
    (lambda c: c["imap"].update(port="abc"), "imap.port", "integer"),
    (lambda c: c["imap"].pop("host"), "imap.host", "missing"),
    (lambda c: c["imap"].update(colour="blue"), "imap.colour", "unknown key"),
    (lambda c: c["imap"].update(security="none"), "imap.security", "refused"),
    (lambda c: c["programme"].update(address="not-an-address"), "programme.address", "email"),
    (lambda c: c.update(timezone="Mars/Olympus"), "timezone", "zone"),
    (lambda c: c["questionnaire"][1].pop("options"), "questionnaire[1].options", ""),
    (lambda c: c["questionnaire"].append(copy.deepcopy(c["questionnaire"][0])), "questionnaire[9].id", ""),
    (lambda c: c["meetings"][0].update(end="2027-02-11 12:00"), "meetings[0].end", ""),
    (lambda c: c["reminders"].update(before=["7x"]), "reminders.before", ""),
    (lambda c: c.update(organisers=[]), "organisers", ""),
])
def test_errors_name_the_key(example: dict[str, Any], change: Any, key: str, words: str) -> None:
    change(example)
    with pytest.raises(ConfigError) as caught:
        parse_config(example, ROOT / "config.example.yaml")
    assert caught.value.key.startswith(key), str(caught.value)
    assert words.lower() in str(caught.value).lower()


@pytest.mark.parametrize("where", [("smtp", "password"), ("imap", "password")])
def test_an_unset_secret_is_refused_only_where_it_is_needed(example: dict[str, Any], where: tuple[str, str]) -> None:
    """Reading the database (``participants``, ``export``, ``messages``) needs no mail password; signing in does,
    and the error names the key and the variable (issue 26)."""
    example[where[0]][where[1]] = "${MAILBOT_NOT_SET_ANYWHERE}"
    config = parse_config(example, ROOT / "config.example.yaml")
    with pytest.raises(ConfigError) as caught:
        config.require_secrets()
    assert caught.value.key == ".".join(where) and "MAILBOT_NOT_SET_ANYWHERE" in str(caught.value)
    assert "MAILBOT_NOT_SET_ANYWHERE" not in "".join(config.secrets)


def test_literal_password_in_a_readable_file_is_refused(tmp_path: Path, example: dict[str, Any]) -> None:
    example["imap"]["password"] = "hunter2"
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(example))
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == "imap.password" and "hunter2" not in str(caught.value)
    os.chmod(path, 0o600)
    assert load_config(path).imap.password == "hunter2"


def test_cli_reports_a_bad_config_in_one_line_with_exit_code_2(tmp_path: Path, example: dict[str, Any]) -> None:
    example["imap"]["port"] = "abc"
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(example))
    os.chmod(path, 0o600)
    p = subprocess.run([sys.executable, "-m", "mailbot", "--config", str(path), "status"], capture_output=True,
                       text=True, env=dict(os.environ))
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "imap.port" in lines[0]


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "mailbot", "--config", str(tmp_path / "nope.yaml"), "poll"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "not found" in p.stderr


def test_bad_digest_schedule_names_its_key(example: dict[str, Any]) -> None:
    example["digest"]["schedule"] = "someday 25:00"
    with pytest.raises(ConfigError) as caught:
        parse_config(example, ROOT / "config.example.yaml")
    assert caught.value.key == "digest.schedule"
