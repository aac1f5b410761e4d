"""mailbot's tests. The layout mirrors ``mailbot/``; ``servers/`` is the harness for real servers on loopback,
``fakes.py`` the in-memory stand-ins behind the same Protocols, ``faults/`` and ``integration/`` run across modules."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATES = ROOT / "templates"
