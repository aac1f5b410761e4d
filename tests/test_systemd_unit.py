"""contrib/mailbot.service works as the README's install recipe says (scripts/check_systemd_unit.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests import ROOT

SCRIPT = ROOT / "scripts" / "check_systemd_unit.py"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=180)


def test_the_unit_matches_the_recipe_and_the_config_example() -> None:
    p = check()
    assert p.returncode == 0, p.stdout + p.stderr
    assert "contrib/mailbot.service: ok" in p.stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_the_unit() -> None:
    p = check("--require-systemd")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "systemd-analyze verify: ok" in p.stdout
