"""The organiser's mail against a real Dovecot and SMTP server: commands, and an announcement to 200
participants that survives SIGKILLs while it goes out: each participant gets it exactly once."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.faults.helpers import figures, log_tail
from tests.mails import mail, reply
from tests.servers.bot import ORGANISER, Bot, interest_mail, kill, people
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration

PASS = {"Authentication-Results": "mx.example.org; dkim=pass header.d=example.org; spf=pass "
                                  "smtp.mailfrom=example.org; dmarc=pass header.from=example.org"}
TRUSTED = {"authentication": {"trusted_servers": ["mx.example.org"]}}
ANNOUNCEMENT = "programma bijeenkomst 1"


def from_her(body: str, subject: str = "Leerkring") -> bytes:
    return mail(ORGANISER, body, subject=subject, name="Organiser", headers=PASS)


def test_every_command_by_mail(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, **TRUSTED)
    mailbox.append([interest_mail(1, "anna@org.example", name="Anna Smit")])
    bot.poll()
    mailbox.append([from_her("aanmelden Piet de Boer <piet@gemeente.example>\n"
                             "notitie anna@org.example belt volgende week\n"
                             "afwezig anna@org.example 1\n")])
    bot.poll()
    assert bot.participants()["piet@gemeente.example"]["status"] == "questionnaire_sent"
    assert len(smtp.to("piet@gemeente.example")) == 1
    mailbox.append([from_her("vragenlijst piet@gemeente.example")])
    bot.poll()
    assert len(smtp.to("piet@gemeente.example")) == 2
    mailbox.append([from_her("afmelden piet@gemeente.example")])
    bot.poll()
    assert bot.participants()["piet@gemeente.example"]["status"] == "withdrawn"
    mailbox.append([from_her("overzicht")])
    bot.poll()
    mailbox.append([from_her("help")])
    bot.poll()
    replies = [str(d.message["Subject"]) for d in smtp.to(ORGANISER)]
    assert len(replies) == 5, replies  # one reply per mail of hers: the overview is the reply to "overzicht"
    assert ORGANISER not in bot.participants()
    assert len(smtp.to("piet@gemeente.example")) == 2, "withdrawn by her: nothing mailed to Piet"


def test_an_announcement_to_200_survives_kills_and_reaches_each_participant_once(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, rate_limit={"max_replies": 10}, **TRUSTED)
    senders = people(200, "ann")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    done = bot.run("poll", timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    mailbox.append([from_her("Beste deelnemers,\n\nHet programma staat online.\n",
                             subject=f"Aan alle deelnemers: {ANNOUNCEMENT}")])
    assert bot.run("poll").returncode == 0
    [preview] = [d for d in smtp.to(ORGANISER) if "200" in (d.message.get_body(("plain",)) or d.message).get_content()]
    mailbox.append([reply(preview, ORGANISER, "JA", name="Organiser", headers=PASS)])

    def delivered() -> int:
        return sum(1 for d in smtp.deliveries if str(d.message["Subject"]) == ANNOUNCEMENT)

    rnd, kills, runs = random.Random(20261203), 0, 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if delivered() >= 200 and mailbox.unseen() == 0 and runs > kills:
            break
        proc = bot.popen("poll")
        runs += 1
        # killed a random number of announcements into the run, while they go out; the last runs finish
        target = delivered() + rnd.randint(1, 40) if kills < 5 else None
        while proc.poll() is None and (target is None or delivered() < target) and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is None:
            time.sleep(rnd.uniform(0, 0.03))
            kill(proc)
            kills += 1
            continue
        assert proc.returncode == 0, log_tail(bot)
    announced = [d for d in smtp.deliveries if str(d.message["Subject"]) == ANNOUNCEMENT]
    per_person = Counter(d.recipients for d in announced)
    ids = Counter((d.recipients, str(d.message["Message-ID"])) for d in announced)
    figures(f"announcement: 200 recipients, {kills} kills in {runs} runs, {len(announced)} deliveries, "
            f"{len(announced) - len(per_person)} resent with the same Message-ID")
    assert kills >= 1, "the test must kill at least one run while the announcement goes out"
    assert sorted(r[0] for r in per_person) == sorted(senders), "every participant got it"
    assert len(ids) == len(per_person), "a copy sent again has the same Message-ID: never a second, different mail"
    assert all(len(d.recipients) == 1 for d in announced), "each gets it alone"
