"""contrib/mailbot.service works as the README's install recipe says (scripts/check_systemd_unit.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_templates_upgrade_command_loads_the_instances_secrets_and_upgrades(tmp_path: Path) -> None:
    """The recipe's own line, run as written (paths moved here): without the env file, no password."""
    import os
    import shlex

    import yaml

    from mailbot.store import schema
    from tests.database import database_url
    from tests.fakes import config_dict
    from tests.store.test_migrations import build_v1

    comments = [line.lstrip("# ").rstrip() for line in (ROOT / "contrib" / "mailbot@.service").read_text().splitlines()
                if line.startswith("#")]
    [command] = [line for line in comments if "bin/mailbot" in line and " upgrade" in line]
    url = database_url(tmp_path)
    build_v1(url)
    config = tmp_path / "clusters.yaml"
    config.write_text(yaml.safe_dump(config_dict(tmp_path, database={"url": url},
                                                 imap={"password": "${MAILBOT_IMAP_PASSWORD}"})))
    config.chmod(0o600)
    secrets = tmp_path / "clusters.env"
    secrets.write_text("MAILBOT_IMAP_PASSWORD=from-the-file\nMAILBOT_SMTP_PASSWORD=also\n")
    here = (command.replace("sudo -u mailbot ", "").replace("/etc/mailbot/clusters.env", str(secrets))
            .replace("/etc/mailbot/clusters.yaml", str(config)).replace("/var/lib/mailbot", str(tmp_path))
            .replace("/opt/mailbot/.venv/bin/mailbot", f"{shlex.quote(sys.executable)} -m mailbot"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_") or k == "MAILBOT_TEST_DATABASE_URL"}
    done = subprocess.run(["sh", "-c", here], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"upgraded from 0001 to {schema.head()}" in done.stdout and "backup: " in done.stdout
