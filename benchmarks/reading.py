"""Benchmark 7: reading one mail (parse, split, findings) against the standard library's parse of the same mail.

The mails: the backlog benchmark's sign-ups (about 2 KB of prose each) and the measured reply set
(``tests/fixtures/replies``: answers to the questionnaire in every client's layout, read against the
questionnaire mail they answer). For each mail, in the same run and process:

- parse: ``parse_mail`` (headers, body, the person's own text split from quotes and signatures);
- split: ``split_body`` against the text of our mail, as a reply to it is read;
- findings: ``understand`` (every detector, contradictions settled);
- baseline: ``email.message_from_bytes`` with the default policy and ``get_content`` of the body, what
  the acceptance baseline does for each mail before it sends a fixed reply.

The process first reads 50 other sign-ups (lists loaded, patterns compiled); then each mail is read
``--rounds`` times: the first round is each mail at first sight, as in a backlog of different mails; the
later ones read the same mails again. Prints CPU ms per mail (median and mean) and the ratio
reading/baseline. Not a test: nothing passes or fails.

    python benchmarks/reading.py [--signups 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.backlog import interest_mail  # noqa: E402
from mailbot.answers.questionnaire import load_default_questionnaire  # noqa: E402
from mailbot.core.domain import MailKind, Status  # noqa: E402
from mailbot.mail.parse import IncomingMail, parse_mail  # noqa: E402
from mailbot.mail.split import split_body  # noqa: E402
from mailbot.meetings.model import Meeting  # noqa: E402
from mailbot.understand import Reading, understand  # noqa: E402
from mailbot.understand.detect_language import detect_language  # noqa: E402

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
QUESTIONNAIRE = load_default_questionnaire(("nl", "en"))
MEETINGS = tuple(Meeting(f"m{i}", f"Bijeenkomst {i}", NOW + timedelta(days=10 * i),
                         NOW + timedelta(days=10 * i, hours=4), "Energy Valley", "Stationsplein 1, Groningen")
                 for i in range(1, 5))
REPLIES = ROOT / "tests" / "fixtures" / "replies"
CLOCK = time.process_time  # CPU time: the machine these run on is often shared; the ratio is the figure to trust


def mails(signups: int, seed: int = 2017) -> list[tuple[str, bytes, str | None]]:
    """(kind, raw bytes, the text of the mail it answers) for every mail read."""
    rnd = random.Random(seed)
    out: list[tuple[str, bytes, str | None]] = [("sign-up", interest_mail(i, rnd)[0], None) for i in range(signups)]
    for path in sorted(REPLIES.glob("*.eml")):
        meta = json.loads(path.with_suffix(".json").read_text())
        if meta.get("questionnaire", "default") == "default":
            out.append(("reply", path.read_bytes(), meta.get("sent_text")))
    return out


def read(raw: bytes, sent: str | None, times: dict[str, float]) -> None:
    started = CLOCK()
    mail = parse_mail(raw)
    parsed = CLOCK()
    text = split_body(mail.text, [sent]).new_text if sent else mail.new_text
    split = CLOCK()
    reading = _reading(mail, text, sent)
    understand(reading)
    done = CLOCK()
    times["parse"] += parsed - started
    times["split"] += split - parsed
    times["findings"] += done - split


def _reading(mail: IncomingMail, text: str, sent: str | None) -> Reading:
    subject = "" if sent else mail.subject
    return Reading(mail=mail, text=text, subject=subject, language=detect_language(f"{subject}\n{text}", "nl"),
                   status=Status.QUESTIONNAIRE_SENT if sent else None, meetings=MEETINGS, timezone=AMSTERDAM,
                   now=NOW, questionnaire=QUESTIONNAIRE, current=QUESTIONNAIRE,
                   replies_to=MailKind.QUESTIONNAIRE if sent else None, sent_text=sent)


def baseline(raw: bytes) -> None:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    _ = body.get_content() if body is not None else ""


def timed(fn: Callable[[], None]) -> float:
    started = CLOCK()
    fn()
    return CLOCK() - started


def measure(signups: int, rounds: int) -> dict[str, Any]:
    """Round 1 reads each mail for the first time (the process warmed up on other sign-ups: lists loaded,
    patterns compiled), as a backlog does; later rounds read the same mails again (what is remembered per
    process helps then: the figure for a backlog of mails that say the same)."""
    warm: dict[str, float] = {"parse": 0.0, "split": 0.0, "findings": 0.0}
    for kind, raw, sent in mails(50, seed=1):
        if kind == "sign-up":
            read(raw, sent, warm)
    batch = mails(signups)
    series: dict[str, dict[str, dict[str, list[float]]]] = {}
    for round_ in range(rounds):
        label = "first sight" if round_ == 0 else "seen again"
        for kind, raw, sent in batch:
            times = {"parse": 0.0, "split": 0.0, "findings": 0.0}
            read(raw, sent, times)
            mine = series.setdefault(label, {}).setdefault(
                kind, {"parse": [], "split": [], "findings": [], "reading": [], "baseline": []})
            for key, value in times.items():
                mine[key].append(value * 1000)
            mine["reading"].append(sum(times.values()) * 1000)
            mine["baseline"].append(timed(lambda raw=raw: baseline(raw)) * 1000)  # type: ignore[misc]
    result: dict[str, Any] = {"clock": "process_time", "rounds": {}}
    for label, kinds in series.items():
        for kind, values in kinds.items():
            result["rounds"].setdefault(label, {})[kind] = {
                "mails": sum(1 for k, _, _ in batch if k == kind),
                **{f"{key}_median_ms": statistics.median(v) for key, v in values.items()},
                **{f"{key}_mean_ms": statistics.fmean(v) for key, v in values.items()},
                "ratio_reading_to_baseline": statistics.fmean(values["reading"]) / statistics.fmean(values["baseline"]),
            }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--signups", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "reading.json"))
    args = ap.parse_args()
    result = measure(args.signups, max(2, args.rounds))
    print(f"{'round':>12} {'mails':>8} {'n':>4} {'parse':>7} {'split':>7} {'findings':>9} {'reading':>8} "
          f"{'mean':>6} {'baseline':>9} {'ratio':>6}   (CPU ms per mail, median; mean; ratio of means)")
    for label, kinds in result["rounds"].items():
        for kind, r in kinds.items():
            print(f"{label:>12} {kind:>8} {r['mails']:>4} {r['parse_median_ms']:>7.2f} {r['split_median_ms']:>7.2f} "
                  f"{r['findings_median_ms']:>9.2f} {r['reading_median_ms']:>8.2f} {r['reading_mean_ms']:>6.2f} "
                  f"{r['baseline_median_ms']:>9.2f} {r['ratio_reading_to_baseline']:>6.2f}")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), **result}, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
