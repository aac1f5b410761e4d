"""What the fault tests check again and again: one reply per sender, nothing lost, nothing unhandled."""

from __future__ import annotations

import contextlib
import email
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

from mailbot.demo.servers import SmtpSink
from tests.servers.bot import Bot
from tests.servers.dovecot import MailboxUser

FIGURES: list[str] = []
DONE_STATES = ("handled", "quarantined", "needs_human")


def figures(line: str) -> None:
    """Print (and keep for the end of the run) one ``FIGURES:`` line."""
    text = f"FIGURES: {line}"
    FIGURES.append(text)
    print(text)


def replies_per_sender(sinks: list[SmtpSink], senders: list[str]) -> Counter[str]:
    """How many different replies each sender got, over every sink that ever listened.

    A reply sent again with the same Message-ID (after a crash left its fate unknown) is
    one reply: mail clients fold the copies into one. ``resends`` counts those copies.
    """
    ids: dict[str, set[str]] = {s: set() for s in senders}
    for sink in sinks:
        with sink.lock:
            for delivery in sink.deliveries:
                for recipient in delivery.recipients:
                    if recipient in ids:
                        ids[recipient].add(message_id_of(delivery.raw))
    return Counter({s: len(found) for s, found in ids.items()})


def resends(sinks: list[SmtpSink], senders: list[str]) -> int:
    """Copies beyond the first of a reply with the same Message-ID."""
    wanted = set(senders)
    copies: Counter[tuple[str, str]] = Counter()
    for sink in sinks:
        with sink.lock:
            for delivery in sink.deliveries:
                for recipient in delivery.recipients:
                    if recipient in wanted:
                        copies[(recipient, message_id_of(delivery.raw))] += 1
    return sum(n - 1 for n in copies.values())


def lost_and_doubled(counts: Counter[str]) -> tuple[int, int]:
    return sum(1 for c in counts.values() if c == 0), sum(1 for c in counts.values() if c > 1)


def ledger_integrity(bot: Bot) -> str:
    """``PRAGMA integrity_check`` of the send ledger beside the database (``<db>.sent``)."""
    if not str(bot.config["database"]["url"]).startswith("sqlite"):
        return "ok"  # a server database keeps the marks in the outbox table: no ledger file
    path = database_path(bot).with_name(database_path(bot).name + ".sent")
    if not path.exists():
        return "ok"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def database_path(bot: Bot) -> Path:
    return Path(str(bot.config["database"]["url"]).removeprefix("sqlite:///"))


def integrity(bot: Bot) -> str:
    """'ok' when both the database and the ledger pass SQLite's integrity check."""
    main = bot.app().db.integrity_check()
    ledger = ledger_integrity(bot)
    return "ok" if main == ledger == "ok" else f"database: {main}; ledger: {ledger}"


def unfinished(bot: Bot, message_ids: list[str]) -> list[str]:
    """Problems with the stored messages: missing, stored twice, not in a final state, quarantined without reason."""
    rows = bot.messages()
    stored = Counter(r["message_id"] for r in rows)
    problems = [f"{m}: not stored" for m in message_ids if stored[m] == 0]
    problems += [f"{m}: stored {stored[m]} times" for m in message_ids if stored[m] > 1]
    for r in rows:
        if r["state"] not in DONE_STATES:
            problems.append(f"{r['message_id']}: state {r['state']!r}")
        elif r["state"] == "quarantined" and not r["reason"]:
            problems.append(f"{r['message_id']}: quarantined without a reason")
    return problems


def log_tail(bot: Bot, n: int = 3000) -> str:
    path: Path = bot.root / "bot.log"
    return path.read_text(errors="replace")[-n:] if path.exists() else ""


def failure_lines(bot: Bot, around: int = 40) -> str:
    """The lines of the bot's log around its first traceback or error, else its tail: why a run exited."""
    path: Path = bot.root / "bot.log"
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    telling = ("Traceback", "ERROR", "error:")
    first = next((i for i, line in enumerate(lines) if any(word in line for word in telling)), None)
    if first is None:
        return "\n".join(lines[-around:])
    return "\n".join(lines[max(0, first - 5):first + around])


def poll_until_done(bot: Bot, expected: int, sinks: list[SmtpSink], tries: int = 5) -> int:
    """Run ``mailbot poll`` until the sinks hold ``expected`` mails and the INBOX is empty; return the runs."""
    for run in range(1, tries + 1):
        proc = bot.run("poll")
        assert proc.returncode == 0, proc.stderr[-2000:]
        if bot.mailbox.unseen() == 0 and sum(s.count() for s in sinks) >= expected:
            return run
        time.sleep(0.2)
    return tries


def wait_with_peak_memory(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """Wait for ``proc``; return (exit code, its peak resident memory in KiB).

    VmHWM is read from /proc while the process runs (it only grows). wait4's ru_maxrss would
    not do: Linux carries the forking parent's high-water mark over the exec into the child's.
    """
    peak = 0
    deadline = time.monotonic() + timeout
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    return proc.wait(5), peak


def message_id_of(raw: bytes) -> str:
    """The Message-ID header of a raw message we made."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode(errors="replace")
    for line in head.splitlines():
        if line.lower().startswith("message-id:"):
            return line.split(":", 1)[1].strip()
    raise ValueError("no Message-ID")


def seen_message_ids(mailbox: MailboxUser, folders: tuple[str, ...] = ("INBOX", "Processed")) -> set[str]:
    """Message-IDs of the mail the server holds as \\Seen (handled), in these folders."""
    found: set[str] = set()
    with mailbox.client() as c:
        for folder in folders:
            if not c.folder_exists(folder):
                continue
            c.select_folder(folder, readonly=True)
            uids = c.search(["SEEN"])
            if not uids:
                continue
            for item in c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).values():
                header = next(v for k, v in item.items() if k.startswith(b"BODY["))
                found.add(email.message_from_bytes(header)["Message-ID"].strip())
    return found
