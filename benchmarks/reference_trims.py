"""The splitter against other parsers' reference trims: how often our new text is theirs, and never a word lost.

Suites (each ``emails/NAME.txt``, the body, and ``trimmed/NAME.txt``, what the person wrote):

- ``tests/fixtures/reference_trims/*``: the test suites of other open-source quote parsers, kept with
  their licences (``SOURCE.md`` in each folder says where each case comes from);
- ``tests/fixtures/trimming``: our own Dutch and English cases;
- ``$MAILBOT_PEERS/email_reply_trimmer`` (default ``../shared/peers``): Discourse's suite, when present.

As in the acceptance suite, lines starting with '>' are left out and whitespace is normalised. A case
that differs is one of: *more kept* (every line of the reference is in our new text, and more),
*by policy* (listed with its reason in the suite's ``policy.tsv``: we keep a sign-off, we set a
signature apart), or *words lost* (a line of the reference is missing: where it went is printed).
``--splitter DIR`` reads the splitter from another copy of mailbot (to print the figures before a change).
Prints figures; not a test (the test is ``tests/mail/test_reference_trims.py``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "reference_trims"


def _comparable(text: str) -> str:
    kept = "\n".join(line for line in text.splitlines() if not line.startswith(">"))
    return re.sub(r"\s+", " ", kept).strip()


def _lines(text: str) -> list[str]:
    return [_comparable(line) for line in text.splitlines() if _comparable(line)]


@dataclass(frozen=True)
class Verdict:
    name: str
    outcome: str  # exact | more kept | by policy | words lost
    detail: str = ""


def judge(folder: Path, split_body: object) -> list[Verdict]:
    policy = _policy(folder / "policy.tsv")
    verdicts = []
    for case in sorted((folder / "emails").glob("*.txt")):
        body = case.read_text(encoding="utf-8", errors="replace")
        want = (folder / "trimmed" / case.name).read_text(encoding="utf-8", errors="replace")
        split = split_body(body)  # type: ignore[operator]
        got = _comparable(split.new_text)
        if got == _comparable(want):
            verdicts.append(Verdict(case.stem, "exact"))
            continue
        if case.stem in policy:
            verdicts.append(Verdict(case.stem, "by policy", policy[case.stem]))
            continue
        missing = [line for line in _lines(want) if line not in got]
        if not missing:
            verdicts.append(Verdict(case.stem, "more kept", got[len(_comparable(want)):][:80].strip()))
            continue
        went = [part for part in ("quoted", "signature", "disclaimer", "ours")
                if any(line in _comparable(getattr(split, part)) for line in missing)]
        verdicts.append(Verdict(case.stem, "words lost", f"{missing[0][:60]!r} went to {', '.join(went) or 'nowhere'}"))
    return verdicts


def _policy(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    rows = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {name.strip(): why.strip() for name, why in rows if not name.startswith("#")}


def suites() -> list[tuple[str, Path]]:
    found = [(folder.name, folder) for folder in sorted(REFERENCE.iterdir()) if (folder / "emails").is_dir()]
    found.append(("mailbot (ours)", ROOT / "tests" / "fixtures" / "trimming"))
    peers = Path(os.environ.get("MAILBOT_PEERS") or ROOT.parent / "shared" / "peers") / "email_reply_trimmer"
    if peers.is_dir():
        found.append(("email_reply_trimmer (Discourse)", peers))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splitter", type=Path, help="a folder holding another copy of the mailbot package")
    args = parser.parse_args()
    if args.splitter:
        sys.path.insert(0, str(args.splitter.resolve()))
    split_body = importlib.import_module("mailbot.mail.split").split_body
    outcomes = ("exact", "more kept", "by policy", "words lost")
    print(f"{'suite':34} {'cases':>5} " + " ".join(f"{o:>10}" for o in outcomes))
    details = []
    for name, folder in suites():
        verdicts = judge(folder, split_body)
        counts = [sum(v.outcome == o for v in verdicts) for o in outcomes]
        print(f"{name:34} {len(verdicts):>5} " + " ".join(f"{c:>10}" for c in counts))
        details += [f"  {name}: {v.name}: {v.outcome}: {v.detail}" for v in verdicts if v.outcome != "exact"]
    if details:
        print("\nnot exact:")
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
