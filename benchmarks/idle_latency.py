"""Reply latency with IDLE: from the moment a mail is appended to the mailbox until our reply is accepted by SMTP.

Runs ``mailbot run`` (imap.idle: true, poll_interval 300, so only push can be this fast)
against a private Dovecot and an in-process SMTP sink, appends mails one at a time with
random gaps, and prints p50/p95/p99 and the maximum. Needs Dovecot and root, like the tests.

    python benchmarks/idle_latency.py [--mails 30] [--json idle_latency.json]

Dovecot announces new mail about 0.5 s after it arrives; that is most of the latency.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.demo.servers import SmtpSink  # noqa: E402
from tests.servers.bot import Bot, interest_mail, kill, people  # noqa: E402
from tests.servers.dovecot import Dovecot, dovecot_binary  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, as the acceptance suite computes it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered))) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=30)
    parser.add_argument("--json", default="idle_latency.json", help="write the figures here")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    exe = dovecot_binary()
    if exe is None:
        print("idle_latency: needs Dovecot and root", file=sys.stderr)
        return 2
    rnd = random.Random(args.seed)
    dovecot = Dovecot(exe)
    dovecot.start()
    sink = SmtpSink().start()
    root = Path(tempfile.mkdtemp(prefix="mailbot-bench-"))
    proc = None
    try:
        box = dovecot.new_user()
        bot = Bot(root, box, sink, imap={"idle": True, "poll_interval": 300})
        proc = bot.popen("run")
        time.sleep(4)  # start-up, the first poll, IDLE
        latencies: list[float] = []
        for i, address in enumerate(people(args.mails, prefix="bench")):
            box.append([interest_mail(i, address)])
            appended = time.monotonic()
            deadline = appended + 20
            while time.monotonic() < deadline and not sink.to(address):
                time.sleep(0.005)
            got = sink.to(address)
            latencies.append(got[0].at - appended if got else float("inf"))
            time.sleep(rnd.uniform(0.5, 2.0))
        figures = {"mails": len(latencies), "p50": statistics.median(latencies), "p95": percentile(latencies, 95),
                   "p99": percentile(latencies, 99), "max": max(latencies), "min": min(latencies),
                   "latencies": latencies}
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            finally:
                kill(proc)
        sink.stop()
        dovecot.cleanup()
        shutil.rmtree(root, ignore_errors=True)
    print(f"{'mails':>6} {'min':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}   (seconds, append -> SMTP accepted)")
    print(f"{figures['mails']:>6} " + " ".join(f"{figures[k]:>7.3f}" for k in ("min", "p50", "p95", "p99", "max")))
    Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if float(str(figures["p95"])) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
