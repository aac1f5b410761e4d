"""Disk trouble: a read-only database file and a full disk stop the bot before it marks mail it could not store.

Both are made real for root too (root ignores file modes): the database file is made
immutable with ``chattr +i`` (the kernel refuses root as well), and the disk is a small
tmpfs filled up to the last few kilobytes. A test is skipped where the sandbox forbids
the mechanism (no CAP_LINUX_IMMUTABLE, no mount).
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.database import sqlite_only
from tests.faults.helpers import (
    database_path,
    figures,
    integrity,
    lost_and_doubled,
    message_id_of,
    replies_per_sender,
    seen_message_ids,
    unfinished,
)
from tests.servers.bot import Bot, interest_mail, people
from tests.servers.dovecot import MailboxUser

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _stored_ids(bot: Bot) -> set[str]:
    return {m["message_id"] for m in bot.messages()}


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here (file system or capabilities)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs for the database."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up to ``leave`` bytes."""
    filler = disk / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    size = filler.stat().st_size
    with filler.open("r+b") as f:
        f.truncate(max(size - leave, 0))
    return filler


def _server_side(mailbox: MailboxUser, failed: subprocess.CompletedProcess[str]) -> tuple[set[str], int]:
    """The poll failed; what the server holds as handled, and how many mails wait."""
    assert failed.returncode == 1, (failed.returncode, failed.stderr[-3000:])
    return seen_message_ids(mailbox), mailbox.unseen()


def _marked_were_stored(bot: Bot, marked: set[str]) -> None:
    """Read once the trouble is over (a full disk cannot even open the database) and before the next poll."""
    stored = _stored_ids(bot)
    assert marked <= stored, f"marked handled but not stored: {marked - stored}"


def _said_why(failed: subprocess.CompletedProcess[str], words: tuple[str, ...]) -> str:
    """The one line the operator reads; it must name the problem, without a traceback."""
    last = failed.stderr.strip().splitlines()[-1] if failed.stderr.strip() else ""
    assert "Traceback" not in failed.stderr, failed.stderr[-3000:]
    assert last.startswith("mailbot: ") and any(w in last for w in words), failed.stderr[-3000:]
    return last


@sqlite_only
def test_read_only_database_stops_the_bot_and_resumes(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(60, "readonly")
    raws = [interest_mail(i, a) for i, a in enumerate(senders)]
    mailbox.append(raws[:10])
    assert bot.run("poll").returncode == 0
    mailbox.append(raws[10:])
    with _immutable(database_path(bot)):
        failed = bot.run("poll")
        marked, waiting = _server_side(mailbox, failed)
    _marked_were_stored(bot, marked)
    said = _said_why(failed, ("readonly", "read-only"))
    assert bot.run("poll").returncode == 0
    counts = replies_per_sender([smtp], senders)
    lost, doubled = lost_and_doubled(counts)
    figures(f"read-only database (chattr +i): poll exited {failed.returncode} with "
            f"{said!r}; {waiting}/50 mails left unseen; after the fix "
            f"{sum(counts.values())}/60 replies, {lost} lost, {doubled} doubled")
    assert waiting == 50
    assert (lost, doubled) == (0, 0)
    assert mailbox.unseen() == 0 and unfinished(bot, [message_id_of(r) for r in raws]) == []
    assert integrity(bot) == "ok"


@sqlite_only  # it fills the disk under the SQLite file and its ledger; a server's disk is the server's
@pytest.mark.parametrize("left", [
    pytest.param(512 * 1024, id="full-while-storing"),
    pytest.param(32 * 1024, id="full-at-ledger"),
    pytest.param(0, id="full-at-start"),
])
def test_full_disk_stops_the_bot_and_resumes(
        tmp_path: Path, small_disk: Path, mailbox: MailboxUser, smtp: SmtpSink, left: int) -> None:
    bot = Bot(tmp_path, mailbox, smtp, database={"url": f"sqlite:///{small_disk / 'mailbot.db'}"})
    senders = people(200, "full")
    raws = [interest_mail(i, a) for i, a in enumerate(senders)]
    mailbox.append(raws[:10])
    assert bot.run("poll").returncode == 0
    mailbox.append(raws[10:])
    filler = _fill(small_disk, leave=left)
    failed = bot.run("poll")
    marked, waiting = _server_side(mailbox, failed)
    filler.unlink()
    _marked_were_stored(bot, marked)
    assert bot.run("poll").returncode == 0
    counts = replies_per_sender([smtp], senders)
    lost, doubled = lost_and_doubled(counts)
    last = failed.stderr.strip().splitlines()[-1] if failed.stderr.strip() else ""
    figures(f"full disk (16 MB tmpfs, {left // 1024} KB left): poll exited {failed.returncode} with "
            f"{last!r}; {waiting}/190 mails left unseen; after freeing space "
            f"{sum(counts.values())}/200 replies, {lost} lost, {doubled} doubled")
    assert waiting > 0, "the disk was full before the bot had stored everything"
    assert (lost, doubled) == (0, 0)
    assert mailbox.unseen() == 0 and unfinished(bot, [message_id_of(r) for r in raws]) == []
    assert integrity(bot) == "ok"
    _said_why(failed, ("full", "disk"))
