"""Check that contrib/mailbot.service works as README.md's install recipe says.

    .venv/bin/python scripts/check_systemd_unit.py [--require-systemd]

Checks, without root and without installing anything:
  - the secrets file the unit reads (EnvironmentFile) has an example, contrib/mailbot.env.example,
    whose variable names are exactly the ${...} names config.example.yaml uses;
  - the unit creates its folders (StateDirectory, ConfigurationDirectory), runs in the state folder,
    reads its config from the configuration folder and reloads with SIGHUP (ExecReload);
  - README.md's recipe names the same files and commands;
  - the template for many circles, contrib/mailbot@.service, names in its install recipe only the
    secrets' real names (those of the example), and its upgrade command loads the instance's secrets
    file, as the service does (EnvironmentFile);
  - ``systemd-analyze verify`` accepts the unit (ExecStart pointed at an existing program), when
    systemd-analyze is installed; ``--require-systemd`` makes its absence an error.
Prints one line per problem and exits 1 when there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "contrib" / "mailbot.service"
TEMPLATE = ROOT / "contrib" / "mailbot@.service"
ENV_EXAMPLE = ROOT / "contrib" / "mailbot.env.example"
CONFIG_EXAMPLE = ROOT / "config.example.yaml"
README = ROOT / "README.md"
RECIPE_HEADING = "## Installing as a service"


def unit_settings(text: str) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")) or "=" not in line:
            continue
        key, _, value = line.partition("=")
        settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def config_variables() -> set[str]:
    return set(re.findall(r"\$\{([A-Z0-9_]+)\}", CONFIG_EXAMPLE.read_text())) - {"ENV_VAR"}  # ENV_VAR: the doc


def env_example_variables() -> set[str]:
    return set(re.findall(r"^#?\s*([A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))


def problems_in_template() -> list[str]:
    """The template's install comment: secrets under their real names; an upgrade that loads them."""
    found: list[str] = []
    text = TEMPLATE.read_text()
    env_file = unit_settings(text).get("EnvironmentFile", [""])[0].lstrip("-")
    if not env_file:
        found.append(f"{TEMPLATE.name}: no EnvironmentFile=")
        return found
    comments = [line.lstrip("# ").rstrip() for line in text.splitlines() if line.startswith("#")]
    known = env_example_variables() | {"MAILBOT_CONFIG"}
    for name in sorted({n for line in comments for n in re.findall(r"\b([A-Z][A-Z0-9_]*)=", line)} - known):
        found.append(f"{TEMPLATE.name}: {name} is not a name the secrets file uses ({ENV_EXAMPLE.name})")
    loads = re.compile(r"\. " + re.escape(env_file).replace("%i", r"\w+") + r"\b")
    upgrades = [line for line in comments if re.search(r"bin/mailbot\b.*\bupgrade\b", line)]  # commands
    if not upgrades:
        found.append(f"{TEMPLATE.name}: its recipe has no `mailbot upgrade` line")
    for line in upgrades:
        if not loads.search(line):
            found.append(f"{TEMPLATE.name}: the upgrade does not load {env_file} (set -a && . FILE): {line}")
    return found


def problems_in_files() -> list[str]:
    found: list[str] = problems_in_template()
    unit = unit_settings(UNIT.read_text())

    def one(key: str) -> str:
        values = unit.get(key, [])
        if len(values) != 1:
            found.append(f"{UNIT.name}: expected one {key}=, found {len(values)}")
            return ""
        return values[0]

    state, conf = one("StateDirectory"), one("ConfigurationDirectory")
    if one("WorkingDirectory") != f"/var/lib/{state}":
        found.append(f"{UNIT.name}: WorkingDirectory should be the StateDirectory, /var/lib/{state}")
    if f"MAILBOT_CONFIG=/etc/{conf}/config.yaml" not in unit.get("Environment", []):
        found.append(f"{UNIT.name}: Environment=MAILBOT_CONFIG=/etc/{conf}/config.yaml is missing")
    env_file = one("EnvironmentFile").lstrip("-")
    if not env_file.startswith(f"/etc/{conf}/"):
        found.append(f"{UNIT.name}: EnvironmentFile {env_file} is not in the ConfigurationDirectory /etc/{conf}")
    if "-HUP" not in one("ExecReload"):
        found.append(f"{UNIT.name}: ExecReload should send SIGHUP (kill -HUP $MAINPID)")
    if not ENV_EXAMPLE.is_file():
        found.append(f"{ENV_EXAMPLE.name} is missing: the example of {env_file}")
    else:
        wanted, given = config_variables(), env_example_variables()
        for name in sorted(wanted - given):
            found.append(f"{ENV_EXAMPLE.name}: {name} (used in config.example.yaml) is missing")
        for name in sorted(given - wanted):
            found.append(f"{ENV_EXAMPLE.name}: {name} is not a variable config.example.yaml uses")
    readme = README.read_text()
    if RECIPE_HEADING not in readme:
        found.append(f"README.md: no section {RECIPE_HEADING!r}")
    else:
        recipe = readme.split(RECIPE_HEADING, 1)[1].split("\n## ", 1)[0]
        for needed in ("contrib/mailbot.service", "contrib/mailbot.env.example", env_file,
                       f"/etc/{conf}/config.yaml", f"/var/lib/{state}/", "systemctl reload mailbot",
                       "check-config"):
            if needed not in recipe:
                found.append(f"README.md, {RECIPE_HEADING[3:]}: does not mention {needed}")
    return found


def verify_with_systemd(analyze: str) -> list[str]:
    """``systemd-analyze verify`` on a copy whose ExecStart names a program that exists here."""
    text = UNIT.read_text()
    start = unit_settings(text)["ExecStart"][0].split()[0]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "mailbot.service"
        copy.write_text(text.replace(f"ExecStart={start}", f"ExecStart={shutil.which('true') or '/bin/true'}"))
        result = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=120)
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines() if line.strip())
    if result.returncode != 0 or output:
        return [f"systemd-analyze verify: {line}" for line in (output or f"exit {result.returncode}").splitlines()]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-systemd", action="store_true", help="fail when systemd-analyze is missing")
    args = parser.parse_args(argv)
    found = problems_in_files()
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if args.require_systemd:
            found.append("systemd-analyze is not installed")
        else:
            print("systemd-analyze: not installed, unit not verified")
    else:
        found += verify_with_systemd(analyze)
        if not found:
            print("systemd-analyze verify: ok")
    for problem in found:
        print(problem)
    if not found:
        print(f"{UNIT.relative_to(ROOT)}: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
