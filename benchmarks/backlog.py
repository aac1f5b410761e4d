"""Benchmarks 1 and 3: draining a backlog (mails/s against a raw baseline) and the bot's peak memory.

For each N: N interest mails (about 2 KB, varied) are appended to a private Dovecot
(mdbox); `mailbot poll` handles them all while an aiosmtpd sink in another process
accepts the replies; then the raw baseline (imapclient BODY.PEEK[] in batches of
500, the standard library's parser, one fixed reply per mail over one SMTP
connection, no database, no logic) does the same work on the same mails.
Prints a table and writes JSON, with the bot's CPU time per mail (user and system: a figure that
holds on a shared machine, where wall-clock rates do not). Not a test: nothing here passes or fails.

    python benchmarks/backlog.py [--sizes 1000 10000] [--json benchmarks/results/backlog.json]
        [--database postgresql+psycopg://postgres@127.0.0.1:55432/postgres]

With --database each size is measured on SQLite and on that server (a fresh schema each time,
``database.schema``), in the same run, and the server's throughput is given as a share of SQLite's.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import platform
import random
import resource
import smtplib
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.servers.dovecot import Dovecot, MailboxUser, dovecot_binary  # noqa: E402

FIRST = ["Jan", "Sanne", "Pieter", "Fatima", "Kees", "Ingrid", "Mohammed", "Lotte", "Bram", "Eva", "Daan", "Noor"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "el Amrani"]
ORGS = ["provincie-overijssel.example", "gemeente-eindhoven.example", "kennispark.example", "oostnl.example",
        "foodvalley.example", "tudelft.example", "brainport.example", "rom-utrecht.example"]
BODIES = [
    "Via de nieuwsbrief las ik over de leerkring. Als beleidsadviseur economie ben ik betrokken bij het "
    "regionale cluster en ik zou graag deelnemen. Kunt u mij verder informeren over de data?",
    "Graag meld ik mij aan voor de leerkring Clusters & clusterbeleid. Wij werken in onze regio aan een "
    "clusteragenda met bedrijven, kennisinstellingen en gemeenten, en lopen tegen vragen over governance aan.",
    "I would like to take part in the learning circle on clusters and cluster policy. I work as a cluster "
    "manager and we are looking at how to finance the next phase of our campus.",
]


def interest_mail(i: int, rnd: random.Random) -> tuple[bytes, str]:
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    address = f"{name.split()[0].lower()}.{i}@{rnd.choice(ORGS)}"
    m = EmailMessage()
    m["From"] = f"{name} <{address}>"
    m["To"] = "leerkring@example.org"
    m["Subject"] = rnd.choice(["Aanmelding leerkring", "Deelname leerkring clusters", "Registration"])
    m["Date"] = format_datetime(datetime.now().astimezone())
    m["Message-ID"] = make_msgid(f"b{i}", domain=address.split("@")[1])
    body = rnd.choice(BODIES)
    filler = " ".join(rnd.choice(BODIES).split()[: rnd.randint(40, 120)])
    m.set_content(f"Beste organisatie,\n\n{body}\n\n{filler}\n\nMet vriendelijke groet,\n{name}\n")
    return m.as_bytes(policy=email.policy.SMTP), address


def start_sink(work: Path) -> tuple[subprocess.Popen[bytes], int]:
    port_file = work / "sink.port"
    proc = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "sink.py"), str(port_file), "--parse"])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if port_file.exists() and port_file.read_text().strip():
            return proc, int(port_file.read_text())
        time.sleep(0.05)
    raise TimeoutError("the sink did not start")


def sink_count(proc: subprocess.Popen[bytes], work: Path) -> int:
    count_file = work / "sink.count"
    count_file.unlink(missing_ok=True)
    proc.send_signal(__import__("signal").SIGUSR1)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if count_file.exists() and count_file.read_text().strip():
            return int(count_file.read_text())
        time.sleep(0.02)
    return -1


def run_bot(config: Path, env: dict[str, str], profile: Path | None = None) -> tuple[float, int]:
    """Wall time of `mailbot poll` and its peak RSS in KB.

    The peak is read from /proc (VmHWM) while it runs: wait4's ru_maxrss would include the
    memory of this parent process, which the child carries until it execs.
    """
    argv = [sys.executable, "-m", "mailbot", "--config", str(config), "--log-level", "warning", "poll"]
    if profile is not None:  # py-spy samples the poll from outside: every thread, waiting included
        argv = ["py-spy", "record", "--threads", "--idle", "--rate", "250", "--format", "raw",
                "--output", str(profile), "--", *argv]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env)
    peak = 0
    while proc.poll() is None:
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"mailbot poll exited {proc.returncode}")
    return elapsed, peak


def baseline(box: MailboxUser, folder: str, smtp_port: int, n: int) -> float:
    start = time.perf_counter()
    with box.client() as c:
        c.select_folder(folder, readonly=True)
        uids = c.search(["ALL"])[:n]
        smtp = smtplib.SMTP("127.0.0.1", smtp_port)
        for i in range(0, len(uids), 500):
            for _, data in c.fetch(uids[i : i + 500], ["BODY.PEEK[]"]).items():
                msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
                body = msg.get_body(preferencelist=("plain", "html"))
                _ = body.get_content() if body is not None else ""
                reply = EmailMessage()
                reply["From"] = "leerkring@example.org"
                reply["To"] = parseaddr(str(msg["From"]))[1].replace("@", "+baseline@")
                reply["Subject"] = "Re: " + str(msg["Subject"])
                reply["In-Reply-To"] = str(msg["Message-ID"])
                reply.set_content("Dank voor uw aanmelding.\n")
                smtp.send_message(reply)
        smtp.quit()
    return time.perf_counter() - start


def measure(n: int, seed: int, server: str | None = None, profile: Path | None = None) -> dict[str, Any]:
    exe = dovecot_binary()
    if exe is None:
        raise SystemExit("these benchmarks need Dovecot (apt-get install dovecot-imapd) and root")
    work = Path(tempfile.mkdtemp(prefix="mailbot-bench-"))
    dovecot = Dovecot(exe)
    dovecot.start()
    sink, sink_port = start_sink(work)
    try:
        box = dovecot.new_user()
        rnd = random.Random(seed)
        mails = [interest_mail(i, rnd)[0] for i in range(n)]
        for i in range(0, n, 1000):
            box.append(mails[i : i + 1000])
        config = {
            "timezone": "Europe/Amsterdam",
            "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
            "organisers": [{"name": "Organiser", "email": "organiser@example.org"}],
            "imap": {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": box.user,
                     "password": "${MAILBOT_BENCH_PASSWORD}", "processed_folder": "Processed"},
            "smtp": {"host": "127.0.0.1", "port": sink_port, "security": "none", "username": "", "password": ""},
            "database": {"url": f"sqlite:///{work / 'mailbot.db'}"} if server is None else
                        {"url": server, "schema": f"bench_{os.getpid()}_{n}_{int(time.time())}"},
        }
        path = work / "config.yaml"
        path.write_text(yaml.safe_dump(config))
        os.chmod(path, 0o600)
        env = dict(os.environ, MAILBOT_BENCH_PASSWORD=box.password)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)  # the sink, a child too, is waited for only later
        bot_s, rss_kb = run_bot(path, env, profile)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        sent = sink_count(sink, work)
        base_s = baseline(box, "Processed", sink_port, n)
        database = "sqlite" if server is None else server.split(":")[0]
        return {"n": n, "database": database, "bot_s": bot_s, "bot_per_s": n / bot_s, "baseline_s": base_s,
                "baseline_per_s": n / base_s, "ratio": base_s / bot_s, "peak_rss_mb": rss_kb / 1024, "replies": sent,
                "bot_cpu_ms_per_mail": cpu_s * 1000 / n}
    finally:
        sink.terminate()
        sink.wait(10)
        dovecot.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--database", help="also measure on this database server (an SQLAlchemy URL)")
    ap.add_argument("--profile", help="sample the bot with py-spy into this folder (raw stacks, one file per size)")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "backlog.json"))
    args = ap.parse_args()
    servers = [None] if args.database is None else [None, args.database]
    profiles = Path(args.profile) if args.profile else None
    if profiles is not None:
        profiles.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.seed, server,
                       profiles / f"backlog-{n}-{'sqlite' if server is None else 'server'}.txt" if profiles else None)
               for n in args.sizes for server in servers]
    print(f"{'N':>7} {'database':>20} {'bot mails/s':>12} {'baseline mails/s':>17} {'ratio':>6} {'peak RSS MB':>12} "
          f"{'replies':>8} {'bot CPU ms/mail':>16}")
    for r in results:
        print(f"{r['n']:>7} {r['database']:>20} {r['bot_per_s']:>12.0f} {r['baseline_per_s']:>17.0f} "
              f"{r['ratio']:>6.2f} {r['peak_rss_mb']:>12.1f} {r['replies']:>8} {r['bot_cpu_ms_per_mail']:>16.2f}")
    sqlite = [r for r in results if r["database"] == "sqlite"]
    if len(sqlite) >= 2:
        growth = sqlite[-1]["peak_rss_mb"] / sqlite[0]["peak_rss_mb"]
        print(f"memory: peak RSS at N={sqlite[-1]['n']} is {growth:.2f}x that at N={sqlite[0]['n']}")
    for lite, other in zip(results[::2], results[1::2], strict=False) if args.database else []:
        print(f"N={lite['n']}: {other['database']} drains at {other['bot_per_s'] / lite['bot_per_s']:.2f} "
              f"of SQLite's mails/s")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                                           "platform": platform.platform()},
                               "date": time.strftime("%Y-%m-%d"), "results": results}, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
