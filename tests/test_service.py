"""``mailbot run`` against Dovecot: push delivery by IDLE, polling without it, and a server that goes away."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.servers.bot import Bot, interest_mail, kill, people, quiescent, state, wait_until
from tests.servers.dovecot import Dovecot, MailboxUser, dovecot_binary
from tests.servers.idp import IdentityProvider
from tests.servers.tls import Certificates

pytestmark = pytest.mark.integration


@pytest.fixture
def own_dovecot(certs: Certificates, idp: IdentityProvider) -> Iterator[Dovecot]:
    """A Dovecot of this test's own, free to be stopped and restarted."""
    exe = dovecot_binary()
    if exe is None:
        pytest.skip("needs Dovecot (and root)")
    server = Dovecot(exe, certs, idp).start()
    yield server
    server.cleanup()


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(15)
    except subprocess.TimeoutExpired:
        kill(proc)
        raise AssertionError("mailbot run did not stop within 15 s of SIGTERM") from None


def log(bot: Bot) -> str:
    """The bot's log without its per-message decisions."""
    text = (bot.root / "bot.log").read_text(errors="replace")
    return "\n".join(line for line in text.splitlines() if "mailbot.decision" not in line)


@pytest.mark.slow
def test_idle_delivers_at_once_and_is_renewed(tmp_path: Path, box: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, box, smtp, imap={"idle": True, "poll_interval": 300, "idle_refresh": 10})
    proc = bot.popen("--log-level", "debug", "run")
    try:
        assert wait_until(lambda: "IDLE: listening for new mail" in log(bot), 30), log(bot)
        latencies = []
        for i, address in enumerate(people(2)):
            if i:  # the IDLE command was renewed in between
                assert wait_until(lambda: "IDLE renewed" in log(bot), 30), log(bot)
            box.append([interest_mail(i, address)])
            appended = time.monotonic()
            assert wait_until(lambda a=address: smtp.to(a), 5), f"no reply to mail {i} within 5 s: {log(bot)}"
            latencies.append(smtp.to(address)[0].at - appended)
        assert max(latencies) < 2.0, latencies  # polling would take 300 s
        assert stop(proc) == 0
    finally:
        kill(proc)
    assert all(len(smtp.to(a)) == 1 for a in people(2))


def test_without_idle_the_bot_polls_and_says_so(tmp_path: Path, certs: Certificates, idp: IdentityProvider,
                                                smtp: SmtpSink) -> None:
    exe = dovecot_binary()
    if exe is None:
        pytest.skip("needs Dovecot (and root)")
    server = Dovecot(exe, certs, idp, without_idle=True).start()
    try:
        box = server.new_user()
        bot = Bot(tmp_path, box, smtp, imap={"poll_interval": 1})
        proc = bot.popen("run")
        try:
            assert wait_until(lambda: "does not offer IDLE: polling every 1 s" in log(bot), 30), log(bot)
            box.append([interest_mail(1, "anna@org.example")])
            assert wait_until(lambda: smtp.to("anna@org.example"), 10), log(bot)
            assert stop(proc) == 0
        finally:
            kill(proc)
    finally:
        server.cleanup()


@pytest.mark.slow
def test_server_restart_in_the_middle_of_a_batch(tmp_path: Path, own_dovecot: Dovecot, smtp: SmtpSink) -> None:
    """Nothing lost, nothing twice, one log line for the outage, and the bot carries on by itself."""
    box = own_dovecot.new_user()
    crowd = people(2000)  # enough that the server goes away mid-batch even on a fast or a loaded machine
    bot = Bot(tmp_path, box, smtp, imap={"idle": True, "poll_interval": 300, "batch_size": 20})
    box.append([interest_mail(i, a) for i, a in enumerate(crowd)])  # the backlog is there when it starts
    proc = bot.popen("run")
    try:
        assert wait_until(lambda: box.count("Processed") >= 40, 30, 0.05), log(bot)
        handled = box.count("Processed")
        own_dovecot.stop()
        assert handled < len(crowd) - 100, "the batch was nearly over before the server went away: use more mail"
        assert wait_until(lambda: "IMAP unavailable" in log(bot), 30), log(bot)  # it noticed the outage
        own_dovecot.start()
        assert wait_until(lambda: smtp.count() >= len(crowd), 120, 0.2), (smtp.count(), log(bot))
        assert wait_until(lambda: quiescent(bot), 30), "all marked, nothing left to send: " + log(bot)
        counts = [len(smtp.to(a)) for a in crowd]
        assert counts.count(1) == len(crowd), f"{counts.count(0)} lost, {sum(c > 1 for c in counts)} doubled"
        assert wait_until(lambda: box.unseen() == 0, 10), "every message is marked handled on the server"
        assert box.count("Processed") == len(crowd)
        assert proc.poll() is None, "mailbot run is still running"
        error = state(bot, "last_error")
        assert error is not None and error["ongoing"] is False and error["what"] == "IMAP", (error, log(bot))
        assert stop(proc) == 0
    finally:
        kill(proc)
    text = log(bot)
    assert text.count("IMAP unavailable") == 1, text
    assert text.count("IMAP works again") == 1, text
