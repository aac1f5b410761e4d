"""Meeting changes against the real servers: a preview for the organiser, participants told after her yes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from mailbot.demo.servers import Delivery, SmtpSink
from tests.integration.test_reminders import FMT, meeting, payload, registered, reminders_to, tick
from tests.servers.bot import Bot, of_kind, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration
ORGANISER = "organiser@example.org"


def answer(bot: Bot, mailbox: MailboxUser, sender: str, to: Delivery, body: str, n: int) -> None:
    reply = (f"From: {sender}\nTo: leerkring@example.org\nSubject: Re: {to.message['Subject']}\n"
             f"Message-ID: <answer{n}@example.org>\nIn-Reply-To: {to.message['Message-ID']}\n"
             f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()
    mailbox.append([reply])
    p = bot.run("poll")
    assert p.returncode == 0, p.stderr


def poll(bot: Bot) -> None:
    p = bot.run("poll")
    assert p.returncode == 0, p.stderr


def test_a_change_waits_for_her_yes_then_each_participant_hears_once(tmp_path: Path, mailbox: MailboxUser,
                                                                     smtp: SmtpSink) -> None:
    start = (dt.datetime.now() + dt.timedelta(days=11)).replace(hour=13, minute=0, second=0, microsecond=0)
    m1, m2 = meeting("m1", start), meeting("m2", start + dt.timedelta(days=20))
    bot, senders = registered(tmp_path, mailbox, smtp, [m1, m2], n=2)
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(hours=1))
    assert all(len(reminders_to(smtp, a)) == 1 for a in senders)
    moved_start = start + dt.timedelta(days=7)
    bot.config["meetings"] = [meeting("m1", moved_start, location="Food Valley")]  # m1 moved, m2 gone
    bot.write()
    told = {a: len(smtp.to(a)) for a in senders}
    poll(bot)
    assert {a: len(smtp.to(a)) for a in senders} == told, "nothing goes to participants before her yes"
    previews = of_kind(smtp, ORGANISER, "confirm_request")
    assert len(previews) == 2
    update = next(d for d in previews if "wijziging van" in str(d.message["Subject"]))
    text = text_of(update)
    assert "2 deelnemers" in text and "Food Valley" in text and "nieuwe datum:" in text
    assert senders[0] in text and senders[1] in text
    listed = bot.run("meetings", "--pending")
    assert "m1: update" in listed.stdout and "m2: cancel" in listed.stdout
    poll(bot)
    tick(bot, start - dt.timedelta(days=6))
    assert {a: len(smtp.to(a)) for a in senders} == told, "a second poll or tick sends nothing either"
    assert len(of_kind(smtp, ORGANISER, "confirm_request")) == 2, "and no second preview"

    answer(bot, mailbox, ORGANISER, update, "JA", 1)
    for address in senders:
        (got,) = of_kind(smtp, address, "meeting_update")
        body = text_of(got)
        assert "nieuwe datum:" in body and "nieuwe locatie: Food Valley (was Energy Valley)" in body
        event = next(c for p in got.message.walk() if p.get_content_type() == "text/calendar"
                     for c in Calendar.from_ical(payload(p)).walk() if c.name == "VEVENT")
        assert event.decoded("DTSTART").replace(tzinfo=None) == moved_start and int(str(event["SEQUENCE"])) == 1
        assert of_kind(smtp, address, "meeting_cancel") == [], "the cancellation still waits"
    applied = bot.run("meetings", "--apply", "m2")
    assert applied.returncode == 0 and "m2: sent to 2" in applied.stdout, applied.stdout + applied.stderr
    assert all(len(of_kind(smtp, a, "meeting_cancel")) == 1 for a in senders)
    assert "no meeting changes" in bot.run("meetings", "--pending").stdout
    # she had the preview of the cancellation: she hears it went out, and a late yes sends nothing again
    (told_her,) = [d for d in of_kind(smtp, ORGANISER, "organiser_reply") if "Verstuurd" in str(d.message["Subject"])]
    assert "2 deelnemers krijgen" in text_of(told_her) and "--apply" in text_of(told_her)
    cancel_preview = next(d for d in previews if d is not update)
    answer(bot, mailbox, ORGANISER, cancel_preview, "JA", 2)
    assert all(len(of_kind(smtp, a, "meeting_cancel")) == 1 for a in senders)
    assert "al beslist: het is uitgevoerd" in text_of(of_kind(smtp, ORGANISER, "organiser_reply")[-1])
    poll(bot)
    assert all(len(of_kind(smtp, a, "meeting_update")) == 1 for a in senders), "each change goes out once"
    # the 7d reminder of the old date was sent; the new date gets its own
    tick(bot, moved_start - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    assert all(len(reminders_to(smtp, a)) == 2 for a in senders)
    latest = reminders_to(smtp, senders[0])[-1]
    assert "Food Valley" in text_of(latest)


def test_no_to_a_change_sends_nothing_and_a_reverted_edit_drops_it(tmp_path: Path, mailbox: MailboxUser,
                                                                   smtp: SmtpSink) -> None:
    start = (dt.datetime.now() + dt.timedelta(days=11)).replace(hour=13, minute=0, second=0, microsecond=0)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    poll(bot)  # the first `mailbot poll` remembers the meetings as participants know them
    told = len(smtp.to(senders[0]))
    bot.config["meetings"] = [meeting("m1", start, location="Food Valley")]
    bot.write()
    poll(bot)
    (preview,) = of_kind(smtp, ORGANISER, "confirm_request")
    bot.config["meetings"] = [meeting("m1", start)]  # she changes her mind in the file
    bot.write()
    poll(bot)
    assert "no meeting changes" in bot.run("meetings", "--pending").stdout
    answer(bot, mailbox, ORGANISER, preview, "JA", 2)
    assert len(smtp.to(senders[0])) == told, "a yes to a withdrawn edit sends nothing"


def test_a_decline_is_asked_about_again_and_kan_toch_accepts(tmp_path: Path, mailbox: MailboxUser,
                                                             smtp: SmtpSink) -> None:
    start = (dt.datetime.now() + dt.timedelta(days=11)).replace(hour=13, minute=0, second=0, microsecond=0)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=2)
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    answer(bot, mailbox, senders[0], reminders_to(smtp, senders[0])[0], "Ik kan helaas niet bij deze bijeenkomst zijn.",
           3)
    assert bot.participants()[senders[0]]["attendance"] == {"m1": "declined"}
    bot.config["meetings"] = [meeting("m1", start + dt.timedelta(days=14))]
    bot.write()
    poll(bot)
    answer(bot, mailbox, ORGANISER, of_kind(smtp, ORGANISER, "confirm_request")[0], "JA", 4)
    (asked,) = of_kind(smtp, senders[0], "meeting_update")
    assert "Kunt u op de nieuwe datum wel?" in text_of(asked)
    (other,) = of_kind(smtp, senders[1], "meeting_update")
    assert "Kunt u op de nieuwe datum wel?" not in text_of(other)
    answer(bot, mailbox, senders[0], asked, "Op de nieuwe datum kan ik wel.", 5)
    assert bot.participants()[senders[0]]["attendance"] == {"m1": "accepted"}
    when = (start + dt.timedelta(days=7) + dt.timedelta(minutes=1)).strftime(FMT)
    assert bot.run("remind", "--now", when).returncode == 0
    assert len(reminders_to(smtp, senders[0])) == 2, "reminders for the new date follow the yes"


def test_a_renamed_meeting_is_no_cancellation(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    start = (dt.datetime.now() + dt.timedelta(days=11)).replace(hour=13, minute=0, second=0, microsecond=0)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    poll(bot)  # the first `mailbot poll` remembers the meetings as participants know them
    told = len(smtp.to(senders[0]))
    bot.config["meetings"] = [{**meeting("kickoff", start), "title": "Bijeenkomst m1"}]  # same title, new id
    bot.write()
    poll(bot)
    assert len(smtp.to(senders[0])) == told and of_kind(smtp, ORGANISER, "confirm_request") == []
    data = bot.json("meetings", "--format", "json")
    assert [m["id"] for m in data["meetings"]] == ["kickoff"]


def test_who_registers_after_the_edit_gets_no_change_mail(tmp_path: Path, mailbox: MailboxUser,
                                                          smtp: SmtpSink) -> None:
    from tests.servers.bot import interest_mail

    start = (dt.datetime.now() + dt.timedelta(days=11)).replace(hour=13, minute=0, second=0, microsecond=0)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    poll(bot)
    bot.config["meetings"] = [meeting("m1", start, location="Food Valley")]
    bot.write()
    poll(bot)
    mailbox.append([interest_mail(50, "newcomer@org.example")])
    poll(bot)
    (questionnaire,) = smtp.to("newcomer@org.example")
    assert "Food Valley" in text_of(questionnaire), "the newcomer already read the new place"
    answer(bot, mailbox, ORGANISER, of_kind(smtp, ORGANISER, "confirm_request")[0], "JA", 6)
    assert len(of_kind(smtp, senders[0], "meeting_update")) == 1
    assert of_kind(smtp, "newcomer@org.example", "meeting_update") == []
