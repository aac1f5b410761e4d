"""Servers failing: IMAP stops mid-batch, SMTP refuses and then vanishes; nothing is lost or doubled."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from mailbot.demo.servers import SmtpController, SmtpSink
from tests.faults.helpers import (
    figures,
    integrity,
    log_tail,
    lost_and_doubled,
    message_id_of,
    replies_per_sender,
    resends,
    unfinished,
)
from tests.servers.bot import Bot, interest_mail, people
from tests.servers.dovecot import Dovecot, MailboxUser

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _wait_until(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_imap_server_stopped_and_restarted_mid_batch(
        tmp_path: Path, private_dovecot: Dovecot, private_mailbox: MailboxUser, smtp: SmtpSink) -> None:
    mailbox = private_mailbox
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(300, "imapdown")
    raws = [interest_mail(i, a) for i, a in enumerate(senders)]
    mailbox.append(raws)
    outages, codes = [], []
    for handled_before_stop in (10, 60):  # after the first small batch, and well into the backlog
        proc = bot.popen("poll")
        wanted = mailbox.count("Processed") + handled_before_stop
        assert _wait_until(lambda n=wanted: mailbox.count("Processed") >= n, 60), log_tail(bot)
        # freeze the bot where it is, so that the server goes away mid-batch however loaded the machine
        os.kill(proc.pid, signal.SIGSTOP)
        left = mailbox.unseen()
        _crash(private_dovecot)
        os.kill(proc.pid, signal.SIGCONT)
        assert left > 0, "the bot had finished before the server went away"
        stopped_at = smtp.count()
        codes.append(proc.wait(60))  # 0 or not: both are fine, losing or doubling is not
        outages.append(stopped_at)
        down = bot.run("poll")
        assert down.returncode == 1 and "IMAP" in down.stderr and "cannot connect" in down.stderr, down.stderr
        private_dovecot.start()
    runs = 0
    while mailbox.unseen() and runs < 5:
        runs += 1
        assert bot.run("poll").returncode == 0, log_tail(bot)
    counts = replies_per_sender([smtp], senders)
    lost, doubled = lost_and_doubled(counts)
    check = integrity(bot)
    assert runs > 0, "the second outage came after the bot had finished"
    figures(f"imap restart: 300 mails, Dovecot killed twice mid-batch (after {outages[0]} and {outages[1]} "
            f"replies; the polls exited {codes}), {runs} poll(s) after the restart, {lost} lost, {doubled} doubled, "
            f"integrity {check}")
    assert (lost, doubled) == (0, 0), {a: c for a, c in counts.items() if c != 1}
    assert mailbox.unseen() == 0
    assert unfinished(bot, [message_id_of(r) for r in raws]) == []
    assert check == "ok"


def _crash(server: Dovecot) -> None:
    """Kill Dovecot and every process it started at once: connections drop in the middle of a command."""
    assert server.proc is not None
    family = {server.proc.pid}
    grew = True
    while grew:  # every descendant, by walking parent ids
        grew = False
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                pid, rest = stat.read_text().split(" ", 1)
            except OSError:
                continue
            ppid = int(rest.rsplit(")", 1)[1].split()[1])
            if ppid in family and int(pid) not in family:
                family.add(int(pid))
                grew = True
    for member in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(member, signal.SIGKILL)
    server.proc.wait(10)
    server.proc = None


class _Closing:
    """An SMTP server on its way down: every transaction is answered 421."""

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          options: Any) -> str:
        return "421 4.3.2 Service shutting down, try again later"


def _closing_server(port: int) -> SmtpController:
    controller = SmtpController(_Closing(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.mark.parametrize("connections", [1, 2])
def test_smtp_refusing_then_unreachable_then_back(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, connections: int) -> None:
    """451, then 421, then nothing listening; back again: each reply once, in order of arrival (one connection)."""
    bot = Bot(tmp_path, mailbox, smtp, smtp={"connections": connections})
    senders = people(60, f"smtpdown{connections}-")
    waves = [senders[0:20], senders[20:40], senders[40:60]]
    port = smtp.port
    sinks = [smtp]
    # 451 on every recipient
    smtp.refusing = True
    mailbox.append([interest_mail(i, a) for i, a in enumerate(waves[0])])
    refused = bot.run("poll")
    assert refused.returncode == 0 and "451" in refused.stderr, refused.stderr
    # 421 on MAIL FROM
    smtp.stop()
    closing = _closing_server(port)
    try:
        mailbox.append([interest_mail(20 + i, a) for i, a in enumerate(waves[1])])
        shutting = bot.run("poll")
        assert shutting.returncode == 0 and "421" in shutting.stderr, shutting.stderr
    finally:
        closing.stop()
    # nothing listening at all
    mailbox.append([interest_mail(40 + i, a) for i, a in enumerate(waves[2])])
    unreachable = bot.run("poll")
    assert unreachable.returncode == 0 and "cannot connect" in unreachable.stderr, unreachable.stderr
    assert mailbox.unseen() == 0, "mail is handled while replies wait"
    assert sum(s.count() for s in sinks) == 0
    # back
    back = SmtpSink(port).start()
    sinks.append(back)
    try:
        assert bot.run("poll").returncode == 0
        counts = replies_per_sender(sinks, senders)
        order = [d.recipients[0] for d in back.deliveries]
    finally:
        back.stop()
    lost, doubled = lost_and_doubled(counts)
    in_order = order == senders
    figures(f"smtp outage ({connections} connection(s)): 60 mails while the server answered 451, 421, then was "
            f"unreachable; after it came back: {sum(counts.values())} replies, {lost} lost, {doubled} doubled, "
            f"in order of arrival: {'yes' if in_order else 'no'}")
    assert (lost, doubled) == (0, 0), {a: c for a, c in counts.items() if c != 1}
    if connections == 1:
        assert in_order, order
    assert integrity(bot) == "ok"


def test_smtp_server_vanishing_while_sending_never_doubles(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    """The SMTP server stops in the middle of the outbox: every reply arrives, a second copy only with the
    same Message-ID (one whose fate the lost connection left unknown)."""
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(200, "vanish")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    port = smtp.port
    proc = bot.popen("poll")
    assert _wait_until(lambda: smtp.count() >= 40, 60), log_tail(bot)
    smtp.stop()
    code = proc.wait(60)
    first = smtp.count()
    back = SmtpSink(port).start()
    try:
        for _ in range(3):
            assert bot.run("poll").returncode == 0
        counts = replies_per_sender([smtp, back], senders)
        again = resends([smtp, back], senders)
    finally:
        back.stop()
    app = bot.app()
    with app.db.read_session() as session:
        from mailbot.engine.reports import status

        outbox = status(session)["outbox"]
    lost, doubled = lost_and_doubled(counts)
    figures(f"smtp vanishing mid-send: 200 mails, server stopped after {first} deliveries (poll exited {code}); "
            f"after it came back: {sum(counts.values())} replies, {lost} lost, {doubled} doubled, {again} sent again "
            f"with the same Message-ID; outbox {outbox}")
    assert doubled == 0, {a: c for a, c in counts.items() if c > 1}
    assert lost == 0, {a: c for a, c in counts.items() if c == 0}
    assert again <= bot.app().config.smtp.connections, "at most the one in flight on each connection"
    assert mailbox.unseen() == 0
    assert integrity(bot) == "ok"


class _DropAtDot:
    """Takes the whole message, then drops the connection instead of answering: the client cannot know."""

    def __init__(self) -> None:
        self.dropped = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.dropped += 1
        server.transport.abort()
        return "250 OK"


def test_a_reply_the_server_never_confirmed_goes_out_again_with_the_same_message_id(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"connections": 1})
    port = smtp.port
    smtp.stop()
    dropping = _DropAtDot()
    controller = SmtpController(dropping, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mailbox.append([interest_mail(1, "limbo@org.example")])
        assert bot.run("poll").returncode == 0
    finally:
        controller.stop()
    back = SmtpSink(port).start()
    try:
        assert bot.run("poll").returncode == 0
        assert bot.run("poll").returncode == 0
        again = back.to("limbo@org.example")
    finally:
        back.stop()
    figures(f"smtp dropped at the final dot: {dropping.dropped} message taken without an answer; sent again "
            f"{len(again)} time(s) once the server was back, with the same Message-ID")
    assert dropping.dropped == 1 and len(again) == 1, "never lost: its fate was unknown, so it goes out again"
    with bot.app().db.read_session() as session:
        from sqlalchemy import select

        from mailbot.store.models import OutboxMail

        message_id = session.scalar(select(OutboxMail.message_id))
    assert message_id_of(again[0].raw) == message_id, "the same Message-ID: mail clients fold it into one"
