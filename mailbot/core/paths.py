"""Where mailbot's own files are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def shipped_templates_dir() -> Path:
    """The templates shipped with mailbot: inside an installed wheel, or at the top of a checkout."""
    packaged = PACKAGE / "templates"
    return packaged if packaged.is_dir() else PACKAGE.parent / "templates"
