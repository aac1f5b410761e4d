"""An operator's edit of a template is used within a second, also when the file edited is an include."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mailbot.wording import templates as module
from mailbot.wording.templates import Templates


def test_an_edited_include_is_read_again_after_the_recheck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])  # the clock the templates read
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "note.txt").write_text('Note: {% include "nl/_part.txt" %}\n')
    part = tmp_path / "nl" / "_part.txt"
    part.write_text("first")
    templates = Templates(tmp_path)
    assert templates.render_one("note.txt", "nl", {}) == "Note: first"

    part.write_text("second")
    later = part.stat().st_mtime + 10
    os.utime(part, (later, later))  # a new modification time, whatever the file system's resolution
    assert templates.render_one("note.txt", "nl", {}) == "Note: first"  # within the second: as found
    clock[0] += module._RECHECK_SECONDS
    assert templates.render_one("note.txt", "nl", {}) == "Note: second"
