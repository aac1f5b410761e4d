"""Sending from a process of its own (``mailbot.outbox.process``): the real child, real SQLite or PostgreSQL,
a real SMTP sink; the same round as the threads, its report or its error back in the poller."""

from __future__ import annotations

import dataclasses
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.core.domain import MailKind, OutboxState
from mailbot.core.errors import ConfigError
from mailbot.demo.servers import SmtpSink
from mailbot.engine.runner import batch_sizes
from mailbot.outbox.process import SendingProcess
from mailbot.outbox.queue import Outbox
from mailbot.store.db import naive_utc, utcnow
from mailbot.store.models import OutboxMail
from tests.fakes import FakeBot
from tests.faults.helpers import lost_and_doubled, replies_per_sender, resends
from tests.servers.bot import Bot, interest_mail, people, wait_until
from tests.servers.dovecot import MailboxUser


def queued(tmp_path: Path, *recipients: str, **extra: object) -> FakeBot:
    """A bot (its fake servers unused) with a mail to each of ``recipients`` waiting in the outbox."""
    bot = FakeBot.make(tmp_path, **extra)
    queue(bot, *recipients)
    return bot


def queue(bot: FakeBot, *recipients: str) -> None:
    app = bot.app
    with app.db.session() as session:
        outbox = Outbox(session, app.config, app.templates, naive_utc(utcnow()))
        for address in recipients:
            outbox.queue(kind=MailKind.ORGANISER_REPLY, template="service_problem", to_address=address,
                         to_name="", lang="nl", context={"what": "IMAP", "problem": "test", "path": "", "since": ""})
    assert all(states(bot)[r] == OutboxState.PENDING for r in recipients)


def states(bot: FakeBot) -> dict[str, str]:
    with bot.app.db.read_session() as session:
        return {recipient: state for recipient, state in session.execute(select(OutboxMail.recipient,
                                                                                OutboxMail.state))}


FORKED_OR_SPAWNED = pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])


@FORKED_OR_SPAWNED
def test_the_child_sends_what_waits_and_reports_it(tmp_path: Path, smtp: SmtpSink, fork: bool) -> None:
    bot = queued(tmp_path, "anna@org.example", "piet@org.example", smtp={"port": smtp.port})
    sending = SendingProcess(bot.app.config, fork).start()
    assert sending.pid is not None and sending.pid != os.getpid()
    report = sending.finish()
    assert (report.sent, report.error) == (2, "")
    assert sorted(r for d in smtp.deliveries for r in d.recipients) == ["anna@org.example", "piet@org.example"]
    assert states(bot) == {"anna@org.example": OutboxState.SENT, "piet@org.example": OutboxState.SENT}


@FORKED_OR_SPAWNED
def test_what_is_committed_after_the_start_goes_out_when_woken(tmp_path: Path, smtp: SmtpSink, fork: bool) -> None:
    bot = queued(tmp_path, "anna@org.example", smtp={"port": smtp.port})
    sending = SendingProcess(bot.app.config, fork).start()
    queue(bot, "piet@org.example")  # committed while the child runs
    sending.wake()
    assert sending.finish().sent == 2
    assert states(bot) == {"anna@org.example": OutboxState.SENT, "piet@org.example": OutboxState.SENT}


@FORKED_OR_SPAWNED
def test_trouble_at_the_smtp_server_comes_back_as_the_report_and_nothing_is_lost(tmp_path: Path, fork: bool) -> None:
    bot = queued(tmp_path, "anna@org.example")  # smtp: 127.0.0.1, port 1: nobody listens
    report = SendingProcess(bot.app.config, fork).start().finish()
    assert report.sent == 0 and "127.0.0.1" in report.error
    assert states(bot) == {"anna@org.example": OutboxState.PENDING}


@FORKED_OR_SPAWNED
def test_an_error_in_the_child_is_raised_in_the_poller(tmp_path: Path, fork: bool) -> None:
    bot = queued(tmp_path, "anna@org.example")
    config = bot.app.config
    gone = tmp_path / "gone" / "mailbot.db"  # its folder does not exist
    broken = dataclasses.replace(config, database_url=f"sqlite:///{gone}")
    with pytest.raises(ConfigError, match="database.url: folder does not exist") as raised:
        SendingProcess(broken, fork).start().finish()
    assert raised.value.key == "database.url", "the error crossed the pipe whole, its key with it"


@FORKED_OR_SPAWNED
def test_a_child_that_dies_leaves_a_report_that_says_so_and_the_mail_waits(tmp_path: Path, smtp: SmtpSink,
                                                                           fork: bool) -> None:
    bot = queued(tmp_path, "anna@org.example", smtp={"port": smtp.port})
    sending = SendingProcess(bot.app.config, fork).start()
    assert sending.pid is not None
    os.kill(sending.pid, signal.SIGKILL)
    report = sending.finish()
    assert report.sent == 0 and "without a report" in report.error
    assert bot.drain().sent + len(smtp.deliveries) == 1, "sent once: by the next round, or by the child before it died"


def test_batches_are_small_at_both_ends_and_cover_every_message() -> None:
    for total in (0, 1, 9, 10, 11, 37, 150, 999, 2000):
        for batch in (1, 4, 25, 100, 500):
            sizes = batch_sizes(total, batch)
            assert sum(sizes) == total and all(0 < n <= batch for n in sizes), (total, batch, sizes)
            if sizes:
                assert sizes[0] <= 10 and sizes[-1] <= 10, (total, batch, sizes)
    assert batch_sizes(2000, 100)[-4:] == [80, 40, 20, 10], "the last batches halve: sending ends soon after"


@pytest.mark.integration
def test_a_backlog_poll_sends_from_its_own_process(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"sending_process_from": 20}, imap={"batch_size": 10})
    senders = people(30, "backlog")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    done = bot.run("--log-level", "info", "poll")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sending from a process of its own" in done.stderr
    assert lost_and_doubled(replies_per_sender([smtp], senders)) == (0, 0) and mailbox.unseen() == 0
    mailbox.append([interest_mail(30, "one@org.example")])  # one new mail: below the threshold, the threads send
    done = bot.run("--log-level", "info", "poll")
    assert done.returncode == 0 and "sending from a process of its own" not in done.stderr
    assert replies_per_sender([smtp], ["one@org.example"])["one@org.example"] == 1


@pytest.mark.integration
def test_a_killed_pollers_sending_process_finishes_and_the_next_poll_sends_nothing_twice(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"sending_process_from": 1}, imap={"batch_size": 20})
    senders = people(150, "orphan")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    poller = bot.popen("poll")
    assert wait_until(lambda: smtp.count() >= 20, 60), "the child began to send"
    os.kill(poller.pid, signal.SIGKILL)  # the poller alone: its sending process lives on, orphaned
    poller.wait(10)
    done = bot.run("poll")  # waits for the orphan's send lock, then reads and answers the rest
    assert done.returncode == 0, done.stderr[-2000:]
    assert wait_until(lambda: not _alive(poller.pid), 30), "the orphan ended once its round was sent"
    counts = replies_per_sender([smtp], senders)
    assert lost_and_doubled(counts) == (0, 0), {a: c for a, c in counts.items() if c != 1}
    assert resends([smtp], senders) == 0, "the orphan finished its sends: no fate was unknown"
    assert mailbox.unseen() == 0


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
