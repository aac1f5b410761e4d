"""Many circles on one database server: each its own schema (or SQLite file), each answers all of its own
mail and none of the other's, and a service refuses to start on another circle's data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.database import schema_name, server_url
from tests.servers.bot import Bot, interest_mail, kill, people, polls_done, quiescent
from tests.servers.dovecot import Dovecot, MailboxUser

pytestmark = pytest.mark.integration
CIRCLES = ("clusters", "wonen")
MAILS = 25


def circle_bot(root: Path, name: str, mailbox: MailboxUser, smtp: SmtpSink, schema: str) -> Bot:
    root.mkdir()
    database: dict[str, str] = {}
    base = server_url()
    if base is not None:
        database = {"url": base, "schema": schema}  # one server, one database, a schema per circle
    return Bot(root, mailbox, smtp, programme={"address": f"{name}@example.org", "name": f"Leerkring {name}"},
               **({"database": database} if database else {}))


def test_two_circles_on_one_server_each_answer_all_of_their_own_mail(
        tmp_path: Path, dovecot: Dovecot | None, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    if dovecot is None:
        pytest.skip("needs Dovecot: two mailboxes at once")
    boxes = {CIRCLES[0]: mailbox, CIRCLES[1]: dovecot.new_user()}
    bots = {name: circle_bot(tmp_path / name, name, boxes[name], smtp, schema_name(str(tmp_path / name)))
            for name in CIRCLES}
    senders = people(MAILS, "both")  # the same people write to both circles: each circle has them once
    for name in CIRCLES:
        boxes[name].append([interest_mail(i, a, subject=f"Aanmelding {name}") for i, a in enumerate(senders)])
    for name in CIRCLES:
        done = bots[name].run("poll")
        assert done.returncode == 0, done.stderr
    for name in CIRCLES:
        replies = [d for d in smtp.deliveries if d.mail_from == f"{name}@example.org"]
        assert sorted(r for d in replies for r in d.recipients) == sorted(senders), f"{name}: one reply each"
        assert len(bots[name].participants()) == MAILS

    # a service pointed at the other circle's data refuses to start, in one line that names the key
    other = bots[CIRCLES[1]]
    other.config["database"] = bots[CIRCLES[0]].config["database"]
    other.write()
    refused = other.run("poll")
    assert refused.returncode == 2, refused.stderr
    assert "circle of clusters@example.org" in refused.stderr and refused.stderr.count("\n") == 1


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.slow
def test_fail_over_two_services_of_one_circle_and_one_killed(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, imap={"idle": False, "poll_interval": 5})
    first, second = bot.popen("run"), bot.popen("run")  # two hosts running the same circle
    try:
        before, after = people(20, "before"), people(20, "after")
        mailbox.append([interest_mail(i, a) for i, a in enumerate(before)])
        assert wait_until(lambda: all(smtp.to(a) for a in before), 90), "both running: every mail answered"
        kill(first)  # one host dies without a word
        mailbox.append([interest_mail(100 + i, a) for i, a in enumerate(after)])
        assert wait_until(lambda: all(smtp.to(a) for a in after), 120), "the other one goes on alone"
        assert wait_until(lambda: quiescent(bot), 60) and polls_done(bot, 1, 60), "all it will send is out"
    finally:
        kill(first)
        kill(second)
    assert {len(smtp.to(a)) for a in before + after} == {1}, "each mail answered exactly once"
