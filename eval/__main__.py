"""``make eval``: how well the bot reads mail written by people who never saw its rules. Prints figures.

    python -m eval                    every batch, a table per situation, the wrong ones listed
    python -m eval --batch b6         one batch (or several: --batch b5 --batch b6)
    python -m eval --case b2-017 -v   one case, with the mail, what was decided and what was sent
    python -m eval --json out.json    every verdict, for comparing two runs

The batches named in ``eval/corpus/UNSEEN`` are reported apart: nobody who writes the reading rules
has read them. This is a benchmark, not a test: it never fails a build; the safety properties it
measures are asserted by tests of their own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from eval.cases import CORPUS, Case, load_cases, unseen_batches
from eval.grade import Verdict, as_dict, grade, snapshot
from eval.seed import build_world, case_mail, make_bot


def run_case(case: Case, verbose: bool = False) -> Verdict:
    with tempfile.TemporaryDirectory(prefix="mailbot-eval-") as folder:
        world = build_world(case, Path(folder))
        before = snapshot(world)
        world.bot.receive(case_mail(case, world))
        after = snapshot(world)
        verdict = grade(case, world, before, after, world.bot.app.config.questionnaire)
        if verbose:
            _show(case, world, before.sent, verdict)
        world.bot.app.db.engine.dispose()
        return verdict


def _show(case: Case, world: object, sent_before: int, verdict: Verdict) -> None:
    print(f"== {case.id} ({case.situation}, {case.lang}, {case.client}); before: {case.sender}, "
          f"replies to {case.replies_to}")
    print(f"From: {case.from_header}\nSubject: {case.subject}\n\n{case.text}")
    print(f"-- label: status {case.status}, answers {dict(case.answers)}, attendance {dict(case.attendance)}, "
          f"to_person {case.to_person}; {case.note}")
    print(f"-- decided: {verdict.decision}")
    for s in world.bot.smtp.sent[sent_before:]:  # type: ignore[attr-defined]
        print(f"-- sent to {s.recipient}: {s.message['Subject']}\n{s.text}")
    print(f"-- {verdict.outcome}: {verdict.reasons} {verdict.irreversible} seed fixes: {verdict.seed_fixes}")


def _worker(args: tuple[Case, bool]) -> Verdict:
    logging.disable(logging.CRITICAL)
    with contextlib.redirect_stderr(io.StringIO()):
        return run_case(*args)


def table(title: str, verdicts: Iterable[Verdict], key: str) -> list[str]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for v in verdicts:
        rows[getattr(v.case, key)][v.outcome] += 1
    width = max([len(k) for k in rows] + [len(title)])
    lines = [f"{title:<{width}}  {'right':>5} {'wrong':>5} {'handed':>6} {'n':>4}  {'right %':>7}"]
    for name in sorted(rows):
        c = rows[name]
        n = sum(c.values())
        lines.append(f"{name:<{width}}  {c['right']:>5} {c['wrong']:>5} {c['handed']:>6} {n:>4}  "
                     f"{100 * c['right'] / n:>6.1f}%")
    return lines


def summary(label: str, verdicts: list[Verdict]) -> str:
    n = len(verdicts)
    if not n:
        return f"{label}: no cases"
    c = Counter(v.outcome for v in verdicts)
    irreversible = sum(bool(v.irreversible) for v in verdicts)
    vanished = sum(v.vanished for v in verdicts)
    return (f"{label}: {c['right']}/{n} right ({100 * c['right'] / n:.1f}%), {c['handed']} handed to a person, "
            f"{c['wrong']} wrong; irreversible actions taken wrongly: {irreversible}; vanished: {vanished}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__.splitlines()[0])
    parser.add_argument("--batch", action="append", help="only these batches (file names in eval/corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="another folder of batches (a held-out one)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no per-case lines: for a batch nobody may read")
    parser.add_argument("--case", action="append", help="only these cases (ids)")
    parser.add_argument("--situation", help="only situations starting with this")
    parser.add_argument("--verbose", "-v", action="store_true", help="show each case's mail and what happened")
    parser.add_argument("--json", help="write every verdict to this file")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    questionnaire = make_bot(Path(tempfile.mkdtemp(prefix="mailbot-eval-q-"))).app.config.questionnaire
    cases = load_cases(questionnaire, args.batch, args.corpus)
    if args.case:
        cases = [c for c in cases if c.id in args.case]
    if args.situation:
        cases = [c for c in cases if c.situation.startswith(args.situation)]
    problems = [(c.id, p) for c in cases for p in c.problems]
    for case_id, problem in problems:
        print(f"label not read: {case_id}: {problem}", file=sys.stderr)
    if args.verbose or args.workers <= 1:
        logging.disable(logging.CRITICAL)
        verdicts = [run_case(c, args.verbose) for c in cases]
    else:
        with ProcessPoolExecutor(args.workers) as pool:
            verdicts = list(pool.map(_worker, [(c, False) for c in cases], chunksize=8))

    if not args.quiet:
        print("\n".join(table("situation", verdicts, "situation")))
        print()
    print("\n".join(table("group", verdicts, "group")))
    print()
    print("\n".join(table("language", verdicts, "lang")))
    print()
    print("\n".join(table("batch", verdicts, "batch")))
    print()
    wrong = [v for v in verdicts if v.outcome == "wrong"]
    if wrong and not args.quiet:
        print("wrong:")
        for v in wrong:
            print(f"  {v.case.id:<8} {v.case.situation:<28} {'; '.join(v.irreversible + v.reasons)}")
        print()
    fixed = [v for v in verdicts if v.seed_fixes]
    if fixed:
        print(f"seeds set by hand (the bot read an earlier, canonical mail otherwise): {len(fixed)} cases")
    unseen = unseen_batches()
    print(summary("whole corpus", verdicts))
    if unseen:
        print(summary(f"unseen ({', '.join(unseen)})", [v for v in verdicts if v.case.batch in unseen]))
        print(summary("seen", [v for v in verdicts if v.case.batch not in unseen]))
    if args.json:
        Path(args.json).write_text(json.dumps([as_dict(v) for v in verdicts], indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
