"""The splitter's new text against reference trims: Discourse's email_reply_trimmer suite and our own cases.

A case is ``emails/NAME.txt`` (a body) and ``trimmed/NAME.txt`` (what the person wrote). As in the
acceptance suite, lines starting with '>' are left out of both and whitespace is normalised: the
reference keeps interleaved quotes as context, mailbot keeps only the person's own words.
The peer suite is found at $MAILBOT_PEERS (default ``../shared/peers`` beside the project).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mailbot.mail.split import split_body
from tests import ROOT

OWN_CASES = ROOT / "tests" / "fixtures" / "trimming"
PEERS = Path(os.environ.get("MAILBOT_PEERS") or ROOT.parent / "shared" / "peers") / "email_reply_trimmer"


def _comparable(text: str) -> str:
    kept = "\n".join(line for line in text.splitlines() if not line.startswith(">"))
    return re.sub(r"\s+", " ", kept).strip()


def _misses(folder: Path) -> tuple[list[str], int]:
    cases = sorted((folder / "emails").glob("*.txt"))
    missed = []
    for case in cases:
        got = split_body(case.read_text(errors="replace")).new_text
        want = (folder / "trimmed" / case.name).read_text(errors="replace")
        if _comparable(got) != _comparable(want):
            missed.append(case.name)
    return missed, len(cases)


def test_our_own_dutch_and_english_cases_all_match() -> None:
    missed, total = _misses(OWN_CASES)
    assert total >= 30
    assert not missed, f"{len(missed)}/{total} differ: {missed}"


@pytest.mark.skipif(not PEERS.is_dir(), reason=f"peer suite not found at {PEERS} (set MAILBOT_PEERS)")
def test_the_email_reply_trimmer_suite_matches_at_least_95_percent() -> None:
    missed, total = _misses(PEERS)
    assert total >= 60
    assert (total - len(missed)) / total >= 0.95, f"{len(missed)}/{total} differ: {missed}"
