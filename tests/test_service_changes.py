"""``mailbot run`` while the operator edits config.yaml, and across a digest slot it was down for."""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from mailbot.demo.servers import SmtpSink
from tests.mails import reply
from tests.servers.bot import Bot, interest_mail, kill, of_kind, people, polls_done, quiescent, text_of, wait_until
from tests.servers.dovecot import MailboxUser
from tests.test_service import log, stop

pytestmark = pytest.mark.integration
TZ = ZoneInfo("Europe/Amsterdam")
FMT = "%Y-%m-%d %H:%M"
ORGANISER = "organiser@example.org"


def meeting(start: dt.datetime, location: str = "Energy Valley") -> dict[str, str]:
    return {"id": "m1", "title": "Bijeenkomst 1", "start": start.strftime(FMT),
            "end": (start + dt.timedelta(hours=4)).strftime(FMT), "location": location}


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
        assert polls_done(bot, 2), log(bot)  # each cycle looks at the file
        assert log(bot).count("configuration reloaded") == 1
        preview = of_kind(smtp, ORGANISER, "confirm_request")[0]
        yes = (f"From: {ORGANISER}\nTo: leerkring@example.org\nSubject: Re: {preview.message['Subject']}\n"
               f"Message-ID: <yes1@example.org>\nIn-Reply-To: {preview.message['Message-ID']}\n"
               "Content-Type: text/plain; charset=utf-8\n\nJA\n").encode()
        mailbox.append([yes])
        assert wait_until(lambda: all(of_kind(smtp, a, "meeting_update") for a in crowd), 20), log(bot)
        assert wait_until(lambda: quiescent(bot), 20) and polls_done(bot, 1), log(bot)  # all it will send is out
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
        assert polls_done(bot, 2), log(bot)  # the start-up jobs ran before the first poll
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
            assert polls_done(bot, 2) and quiescent(bot), log(bot)
            assert stop(proc) == 0
        finally:
            kill(proc)
    assert len(of_kind(smtp, ORGANISER, "digest")) == 1
    assert log(bot).count("the digest slot passed while mailbot was not running") == 1


def question(qid: str, nl: str, options: tuple[str, ...] = ()) -> dict[str, Any]:
    asked: dict[str, Any] = {"id": qid, "type": "single" if options else "text", "required": True,
                             "question": {"nl": nl, "en": nl}}
    if options:
        asked["options"] = [{"id": o.lower(), "label": {"nl": o, "en": o}} for o in options]
    return asked


def test_a_questionnaire_edited_while_running(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    """The questionnaire in its own file, edited while ``run`` works: a question inserted at the top.
    Who finished is asked only the new question, once; a numbered reply to the old mail is read against
    the old numbering; who signs up after the edit gets the new questionnaire."""
    before = [question("organisation", "Bij welke organisatie werkt u?"),
              question("size", "Hoe groot is uw team?", ("Klein", "Groot"))]
    questions = tmp_path / "questionnaire.yaml"
    questions.write_text(yaml.safe_dump(before, allow_unicode=True))
    bot = Bot(tmp_path, mailbox, smtp, imap={"idle": False, "poll_interval": 1}, questionnaire="questionnaire.yaml")
    ann, bob, carol = "ann@org.example", "bob@org.example", "carol@org.example"
    mailbox.append([interest_mail(1, ann), interest_mail(2, bob)])
    proc = bot.popen("run")
    try:
        assert wait_until(lambda: of_kind(smtp, ann, "questionnaire") and of_kind(smtp, bob, "questionnaire"), 30)
        mailbox.append([reply(of_kind(smtp, ann, "questionnaire")[0], ann, "1. Provincie Gelderland\n2. [x] Groot")])
        assert wait_until(lambda: of_kind(smtp, ann, "confirmation"), 20), log(bot)
        # the organiser puts a required question first: every number below it moves
        questions.write_text(yaml.safe_dump([question("role", "Wat is uw functie?"), *before], allow_unicode=True))
        assert wait_until(lambda: "configuration reloaded" in log(bot), 20), log(bot)
        assert wait_until(lambda: len(of_kind(smtp, ann, "questionnaire")) == 2, 20), log(bot)
        asked = text_of(of_kind(smtp, ann, "questionnaire")[1])
        assert "Wat is uw functie?" in asked and "Bij welke organisatie" not in asked
        # Bob answers the mail he has, numbered as it was
        mailbox.append([reply(of_kind(smtp, bob, "questionnaire")[0], bob, "1. Gemeente Ede\n2. [x] Klein")])
        mailbox.append([interest_mail(3, carol)])
        assert wait_until(lambda: of_kind(smtp, carol, "questionnaire") and smtp.to(bob)[1:], 20), log(bot)
        assert "Wat is uw functie?" in text_of(of_kind(smtp, carol, "questionnaire")[0])
        assert wait_until(lambda: quiescent(bot), 20) and polls_done(bot, 1), log(bot)  # all it will send is out
        assert stop(proc) == 0
    finally:
        kill(proc)
    answers = bot.participants()
    assert answers[bob]["answers"]["organisation"] == "Gemeente Ede"
    assert answers[bob]["answers"]["size"] == "klein" and "role" not in answers[bob]["answers"]
    assert [len(smtp.to(a)) for a in (ann, bob, carol)] == [3, 2, 1], "questionnaire, confirmation, the added question"
    assert len(of_kind(smtp, bob, "follow_up")) == 1, "Bob is asked only what the new questionnaire adds"
    assert "Wat is uw functie?" in text_of(of_kind(smtp, bob, "follow_up")[0])
