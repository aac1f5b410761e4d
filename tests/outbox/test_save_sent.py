"""smtp.save_sent: the organiser sees our replies in the mailbox's Sent folder."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.servers.bot import Bot, interest_mail, people
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration


def test_a_copy_of_each_reply_lands_in_the_sent_folder(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"save_sent": True})
    senders = people(3)
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    report = bot.poll()
    assert report.drain.sent == 3
    with mailbox.client() as client:
        folder = client.find_special_folder(b"\\Sent")
        assert folder == "Sent"
        client.select_folder(folder, readonly=True)
        stored = client.fetch(client.search(["ALL"]), ["FLAGS", "BODY.PEEK[]"])
    saved = {str(email.message_from_bytes(d[b"BODY[]"], policy=email.policy.default)["Message-ID"]): d[b"FLAGS"]
             for d in stored.values()}
    sent = {str(d.message["Message-ID"]) for d in smtp.deliveries}
    assert set(saved) == sent
    assert all(b"\\Seen" in flags for flags in saved.values())


def test_no_copies_unless_asked(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, "anna@org.example")])
    assert bot.poll().drain.sent == 1
    assert mailbox.count("Sent") == 0
