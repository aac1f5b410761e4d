"""``mailbot run`` while the operator edits config.yaml, and across a digest slot it was down for."""

from __future__ import annotations

import datetime as dt
import signal
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mailbot.demo.servers import Delivery, SmtpSink
from tests.servers.bot import Bot, interest_mail, kill, people
from tests.servers.dovecot import MailboxUser
from tests.test_service import log, stop, wait_until

pytestmark = pytest.mark.integration
TZ = ZoneInfo("Europe/Amsterdam")
FMT = "%Y-%m-%d %H:%M"
ORGANISER = "organiser@example.org"


def meeting(start: dt.datetime, location: str = "Energy Valley") -> dict[str, str]:
    return {"id": "m1", "title": "Bijeenkomst 1", "start": start.strftime(FMT),
            "end": (start + dt.timedelta(hours=4)).strftime(FMT), "location": location}


def of_kind(smtp: SmtpSink, address: str, kind: str) -> list[Delivery]:
    return [d for d in smtp.to(address) if f"mailbot.{kind}." in str(d.message["Message-ID"])]


def test_config_edits_while_running(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    start = (dt.datetime.now(TZ) + dt.timedelta(days=20)).replace(hour=13, minute=0, second=0, microsecond=0)
    bot = Bot(tmp_path, mailbox, smtp, imap={"idle": False, "poll_interval": 1}, meetings=[meeting(start)])
    crowd = people(2, "cfg")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(crowd)])
    proc = bot.popen("run")
    try:
        assert wait_until(lambda: all(smtp.to(a) for a in crowd), 30), log(bot)
        # a moved meeting: the organiser gets a preview, participants nothing yet
        moved = start + dt.timedelta(days=7)
        bot.config["meetings"] = [meeting(moved, "Food Valley")]
        bot.write()
        assert wait_until(lambda: of_kind(smtp, ORGANISER, "confirm_request"), 20), log(bot)
        assert "configuration reloaded" in log(bot)
        # a broken file: the old configuration keeps running; one log line, one mail to the organiser
        good = bot.path.read_text()
        bot.path.write_text(good + "\nmeetings: [unclosed\n")
        assert wait_until(lambda: "not valid, still running with the previous one" in log(bot), 20), log(bot)
        proc.send_signal(signal.SIGHUP)  # reading the same broken file again says nothing new
        mailbox.append([interest_mail(7, "late@org.example")])
        assert wait_until(lambda: smtp.to("late@org.example"), 20), "the service works on: " + log(bot)
        text = log(bot)
        assert text.count("not valid, still running with the previous one") == 1, text
        problem = [d for d in of_kind(smtp, ORGANISER, "organiser_reply")
                   if "configuratie is niet gebruikt" in str(d.message["Subject"])]
        assert len(problem) == 1
        assert "line" in problem[0].message.get_body(preferencelist=("plain",)).get_content()
        # fixed again (the file is what runs already), and her yes: each participant hears of the move once
        bot.path.write_text(good)
        time.sleep(2)
        assert log(bot).count("configuration reloaded") == 1
        preview = of_kind(smtp, ORGANISER, "confirm_request")[0]
        yes = (f"From: {ORGANISER}\nTo: leerkring@example.org\nSubject: Re: {preview.message['Subject']}\n"
               f"Message-ID: <yes1@example.org>\nIn-Reply-To: {preview.message['Message-ID']}\n"
               "Content-Type: text/plain; charset=utf-8\n\nJA\n").encode()
        mailbox.append([yes])
        assert wait_until(lambda: all(of_kind(smtp, a, "meeting_update") for a in crowd), 20), log(bot)
        time.sleep(3)  # anything doubled would arrive now
        assert [len(of_kind(smtp, a, "meeting_update")) for a in crowd] == [1, 1]
        assert len(of_kind(smtp, ORGANISER, "confirm_request")) == 1, "one preview for one edit"
        assert "Food Valley" in of_kind(smtp, crowd[0], "meeting_update")[0].message.get_body(
            preferencelist=("plain",)).get_content()
        assert stop(proc) == 0
    finally:
        kill(proc)


def test_a_digest_slot_missed_while_down_is_sent_at_start_once(tmp_path: Path, mailbox: MailboxUser,
                                                               smtp: SmtpSink) -> None:
    slot = dt.datetime.now(TZ) - dt.timedelta(minutes=30)
    digest = {"schedule": f"daily {slot:%H:%M}", "send_empty": True}
    bot = Bot(tmp_path, mailbox, smtp, imap={"idle": False, "poll_interval": 1}, digest={**digest, "grace": "10m"})
    proc = bot.popen("run")  # the slot is older than the grace period: too late to be useful
    try:
        assert wait_until(lambda: "mailbot running" in log(bot), 30), log(bot)
        time.sleep(3)
        assert of_kind(smtp, ORGANISER, "digest") == []
        assert stop(proc) == 0
    finally:
        kill(proc)
    bot.config["digest"] = digest  # the default grace, 12 h
    bot.write()
    for started in (2, 3):  # a restart does not send it again
        proc = bot.popen("run")
        try:
            assert wait_until(lambda n=started: log(bot).count("mailbot running") == n, 30), log(bot)
            assert wait_until(lambda: of_kind(smtp, ORGANISER, "digest"), 30), log(bot)
            time.sleep(3)
            assert stop(proc) == 0
        finally:
            kill(proc)
    assert len(of_kind(smtp, ORGANISER, "digest")) == 1
    assert log(bot).count("the digest slot passed while mailbot was not running") == 1
