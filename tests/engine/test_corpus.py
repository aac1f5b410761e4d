"""Every raw message of the public corpus through parse_mail and the chain.

The corpus is not part of the project: set MAILBOT_CORPUS to its directory (one folder per
category: autoreply/, bounce/, list/, reply/, html/, encoding/, other/; bodies/ holds bare
bodies and is skipped). Run with -s to see the kinds per folder.
"""

from __future__ import annotations

import os
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from mailbot.core.domain import MACHINE_KINDS
from mailbot.engine.classify import classify
from mailbot.mail.parse import MalformedMail, parse_mail
from mailbot.rules import Facts

CORPUS = os.environ.get("MAILBOT_CORPUS", "")
pytestmark = pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")

FACTS = Facts(own_addresses=frozenset({"leerkring@example.org"}), own_domain="example.org")
MACHINE_FOLDERS = ("autoreply", "bounce", "list")
PERSON = "person"  # not machine mail: ``mailbot.understand`` reads it, and may answer or change a participant
HUMAN_KINDS = frozenset({PERSON})


@dataclass(frozen=True)
class Outcome:
    folder: str
    name: str
    kind: str  # a Kind, "malformed", or "crash"
    is_report: bool = False  # a multipart/report (DSN, MDN, ARF): made by a machine whatever its folder
    error: str = ""


def _read(path: Path) -> Outcome:
    folder = path.parent.name
    try:
        mail = parse_mail(path.read_bytes())
        machine = classify(mail, FACTS)
        kind = machine.kind if machine is not None else PERSON
    except MalformedMail:
        return Outcome(folder, path.name, "malformed")
    except Exception:  # noqa: BLE001 - this is what the test looks for
        return Outcome(folder, path.name, "crash", error=traceback.format_exc(limit=3))
    return Outcome(folder, path.name, kind, is_report=mail.content_type == "multipart/report")


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    root = Path(CORPUS)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and p.name != "bodies")
    found = [_read(path) for folder in folders for path in sorted(folder.iterdir()) if path.is_file()]
    assert found, f"no messages under {root}"
    return found


def _table(outcomes: list[Outcome]) -> str:
    per_folder: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        per_folder.setdefault(outcome.folder, Counter())[outcome.kind] += 1
    lines = [f"corpus {CORPUS}: {len(outcomes)} messages"]
    for folder, kinds in sorted(per_folder.items()):
        counts = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
        lines.append(f"  {folder:10} {sum(kinds.values()):4}  {counts}")
    return "\n".join(lines)


def test_kinds_per_folder(outcomes: list[Outcome]) -> None:
    print("\n" + _table(outcomes))


def test_nothing_but_malformed_mail_escapes(outcomes: list[Outcome]) -> None:
    crashes = [o for o in outcomes if o.kind == "crash"]
    assert not crashes, "\n".join(f"{o.folder}/{o.name}\n{o.error}" for o in crashes)


@pytest.mark.parametrize("folder", MACHINE_FOLDERS)
def test_machine_mail_is_never_taken_for_a_person(outcomes: list[Outcome], folder: str) -> None:
    wrong = [f"{o.name}: {o.kind}" for o in outcomes if o.folder == folder and o.kind in HUMAN_KINDS]
    assert [o for o in outcomes if o.folder == folder], f"no {folder}/ in the corpus"
    assert not wrong, f"{len(wrong)} machine messages in {folder}/ taken for a person:\n" + "\n".join(wrong)


def test_reports_are_machine_mail_in_every_folder(outcomes: list[Outcome]) -> None:
    """Delivery, read and abuse (ARF) reports also sit in other/ and encoding/; none is a person."""
    wrong = [f"{o.folder}/{o.name}: {o.kind}" for o in outcomes if o.is_report and o.kind not in MACHINE_KINDS]
    assert not wrong, "\n".join(wrong)
