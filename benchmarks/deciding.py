"""Benchmark 8: the deciding thread's CPU per mail, in process (no server).

The backlog benchmark's interest mails are put in the in-memory mailbox of ``tests/fakes.py`` and polled once
on a SQLite file, with the real templates and the real outbox; the fake SMTP server keeps what it is handed.
The figure is the CPU time of the thread that polls (fetching, deciding, queueing, committing): in a backlog
the other threads wait for it. CPU time of one thread holds better than wall time on a shared machine; still,
compare two versions in the same run, alternating. Not a test: nothing passes or fails.

    python benchmarks/deciding.py [--mails 1000] [--profile FILE]

With --profile, cProfile's statistics of the polling thread are written to FILE (``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.backlog import interest_mail  # noqa: E402
from tests.fakes import FakeBot  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mails", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--profile", help="write cProfile's statistics of the polling thread here")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    bot = FakeBot.make(Path(tempfile.mkdtemp(prefix="mailbot-deciding-")))
    rnd = random.Random(args.seed)
    bot.mailbox.deliver(*[interest_mail(i, rnd)[0] for i in range(args.mails)])
    runner = bot.runner
    profiler = cProfile.Profile() if args.profile else None
    cpu, wall = time.thread_time(), time.perf_counter()
    if profiler is not None:
        profiler.enable()
    runner.poll()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    print(f"{args.mails} mails: the polling thread {1000 * cpu / args.mails:.2f} CPU ms per mail, "
          f"{1000 * wall / args.mails:.2f} ms per mail wall-clock; {len(bot.smtp.sent)} mails sent")


if __name__ == "__main__":
    main()
