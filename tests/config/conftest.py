"""The shipped example configuration, as the config tests start from it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests import ROOT


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """config.example.yaml as YAML gives it, with its password variables set."""
    monkeypatch.setenv("MAILBOT_IMAP_PASSWORD", "imap-secret")
    monkeypatch.setenv("MAILBOT_SMTP_PASSWORD", "smtp-secret")
    data = yaml.safe_load((ROOT / "config.example.yaml").read_text())
    assert isinstance(data, dict)
    return data
