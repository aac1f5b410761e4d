"""Two `mailbot poll` processes started at the same moment on the same mailbox and database."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.faults.helpers import (
    failure_lines,
    figures,
    integrity,
    lost_and_doubled,
    message_id_of,
    replies_per_sender,
    unfinished,
)
from tests.servers.bot import Bot, interest_mail, people
from tests.servers.dovecot import MailboxUser

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROUNDS, PER_ROUND = 3, 100


def test_two_polls_at_once_reply_once_per_mail(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(ROUNDS * PER_ROUND, "twice")
    raws = [interest_mail(i, a) for i, a in enumerate(senders)]
    codes = []
    for r in range(ROUNDS):  # round 0 also races on creating the database
        mailbox.append(raws[r * PER_ROUND:(r + 1) * PER_ROUND])
        procs = [bot.popen("poll"), bot.popen("poll")]
        codes += [p.wait(120) for p in procs]
        assert codes == [0] * len(codes), f"round {r}: {codes}\n{failure_lines(bot)}"
    counts = replies_per_sender([smtp], senders)
    lost, doubled = lost_and_doubled(counts)
    check = integrity(bot)
    figures(f"concurrency: {ROUNDS} rounds of {PER_ROUND} mails, two `mailbot poll` started together each round "
            f"(exit codes {codes}): {sum(counts.values())} replies, {lost} lost, {doubled} doubled, "
            f"integrity {check}")
    assert (lost, doubled) == (0, 0), {a: c for a, c in counts.items() if c != 1}
    assert smtp.count() == len(senders)
    assert mailbox.unseen() == 0 and unfinished(bot, [message_id_of(r) for r in raws]) == []
    assert check == "ok"
