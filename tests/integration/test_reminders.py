"""Reminders against the real servers, with a frozen clock given as `mailbot remind --now`."""

from __future__ import annotations

import datetime as dt
import subprocess
from email.message import Message
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mailbot.demo.servers import Delivery, SmtpSink
from tests.servers.bot import Bot, interest_mail, people
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration
TZ = ZoneInfo("Europe/Amsterdam")
FMT = "%Y-%m-%d %H:%M"


def meeting(mid: str, start: dt.datetime, hours: int = 4, location: str = "Energy Valley") -> dict[str, str]:
    return {"id": mid, "title": f"Bijeenkomst {mid}", "start": start.strftime(FMT),
            "end": (start + dt.timedelta(hours=hours)).strftime(FMT), "location": location,
            "address": "Stationsplein 1, Groningen", "programme": "13:00 Ontvangst"}


@pytest.fixture
def t0() -> dt.datetime:
    return dt.datetime.now(TZ).replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)


def registered(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, meetings: list[dict[str, str]], n: int = 2,
               **extra: object) -> tuple[Bot, list[str]]:
    reminders = {"before": ["7d", "1d"], "send_window": "08:00-20:00", "stale_after": "12h"}
    bot = Bot(tmp_path, mailbox, smtp, meetings=meetings, reminders=reminders, **extra)
    senders = people(n, "rem")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    bot.poll()
    return bot, senders


def tick(bot: Bot, when: dt.datetime, *extra: str) -> subprocess.CompletedProcess[str]:
    p = bot.run("remind", "--now", when.strftime(FMT), *extra)
    assert p.returncode == 0, p.stderr
    return p


def payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def reminders_to(smtp: SmtpSink, address: str) -> list[Delivery]:
    return [d for d in smtp.to(address) if "mailbot.reminder." in str(d.message["Message-ID"])]


def test_each_offset_once_with_calendar_attachment(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink,
                                                   t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=13)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)])
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=6))
    for address in senders:
        got = reminders_to(smtp, address)
        assert len(got) == 1
        msg = got[0].message
        text = msg.get_body(preferencelist=("plain",)).get_content()
        assert "Energy Valley" in text and "Stationsplein 1" in text
        ics = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
        assert len(ics) == 1
        event = next(c for c in Calendar.from_ical(payload(ics[0])).walk() if c.name == "VEVENT")
        assert event.decoded("DTSTART") == start
        assert str(event["UID"]) == "m1@example.org" and "ORGANIZER" not in event
    tick(bot, start - dt.timedelta(days=1) + dt.timedelta(minutes=1))
    assert all(len(reminders_to(smtp, a)) == 2 for a in senders)
    tick(bot, start - dt.timedelta(hours=2))
    assert all(len(reminders_to(smtp, a)) == 2 for a in senders), "nothing more is due"


def test_send_window_and_staleness(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=7)  # 7d and 1d before 07:00 fall outside 08:00-20:00
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=5))  # 07:05: before the window
    assert reminders_to(smtp, senders[0]) == []
    # a week of downtime: the 7d reminder (08:00 a week before) went stale; the 1d one, moved into the
    # window at 08:00 the day before, is three hours late at 11:00 and still goes
    tick(bot, start - dt.timedelta(hours=20))
    got = reminders_to(smtp, senders[0])
    assert len(got) == 1 and "morgen" in got[0].message.get_body(preferencelist=("plain",)).get_content()


def test_withdrawn_and_late_registrants(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=3)).replace(hour=13)  # the 7d reminder was due before registration
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=2)
    mailbox.append([interest_mail(9, senders[1], subject="Afmelding", body="Ik meld mij af voor de leerkring.\n")])
    bot.poll()
    tick(bot, start - dt.timedelta(days=1) + dt.timedelta(minutes=1))
    assert len(reminders_to(smtp, senders[0])) == 1
    assert reminders_to(smtp, senders[1]) == []


def test_dst_autumn_meeting_time_is_right(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    # the Sunday the clocks go back: a 13:00 meeting is 12:00 UTC, and the 1d reminder is Saturday 13:00 local
    start = dt.datetime(2030, 10, 27, 13, 0, tzinfo=TZ)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    tick(bot, dt.datetime(2030, 10, 26, 12, 59, tzinfo=TZ))
    assert reminders_to(smtp, senders[0]) == []
    tick(bot, dt.datetime(2030, 10, 26, 13, 1, tzinfo=TZ))
    got = reminders_to(smtp, senders[0])
    assert len(got) == 1
    event = next(c for p in got[0].message.walk() if p.get_content_type() == "text/calendar"
                 for c in Calendar.from_ical(payload(p)).walk() if c.name == "VEVENT")
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2030, 10, 27, 12, 0, tzinfo=dt.UTC)


def test_two_remind_processes_at_once_send_each_reminder_once(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink,
                                                               t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=13)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=5)
    when = (start - dt.timedelta(days=7) + dt.timedelta(minutes=1)).strftime(FMT)
    procs = [bot.popen("remind", "--now", when) for _ in range(2)]
    assert [p.wait(60) for p in procs] == [0, 0]
    assert [len(reminders_to(smtp, a)) for a in senders] == [1] * len(senders)


def test_decline_is_recorded_per_meeting_not_a_withdrawal(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink,
                                                           t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=13)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    reminder = reminders_to(smtp, senders[0])[0].message
    reply = (f"From: {senders[0]}\nTo: leerkring@example.org\nSubject: Re: {reminder['Subject']}\n"
             f"Message-ID: <decline1@org.example>\nIn-Reply-To: {reminder['Message-ID']}\n"
             "Content-Type: text/plain; charset=utf-8\n\nIk kan helaas niet bij deze bijeenkomst zijn.\n").encode()
    mailbox.append([reply])
    bot.poll()
    # still taking part; and someone who misses a meeting cannot come to all: the questionnaire's answer says so
    assert bot.participants()[senders[0]]["status"] == "partially_answered"
    data = bot.json("meetings", "--format", "json")
    assert data["meetings"][0]["declined_by"] == [senders[0]]
    tick(bot, start - dt.timedelta(days=1) + dt.timedelta(minutes=1))
    assert len(reminders_to(smtp, senders[0])) == 1, "no more reminders for a meeting they declined"


def test_a_late_reminder_waits_for_the_send_window(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink,
                                                   t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=19)  # the 7d reminder is due at 19:00, a week before
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    night = (start - dt.timedelta(days=6)).replace(hour=0, minute=45)  # 5 h 45 late, not stale, but at night
    assert "nothing due" in tick(bot, night).stdout
    assert reminders_to(smtp, senders[0]) == []
    tick(bot, night.replace(hour=8, minute=0))  # 13 h late when the window opens: stale, dropped
    assert reminders_to(smtp, senders[0]) == []


def test_a_clock_that_jumps_forward_and_back_sends_each_reminder_once(tmp_path: Path, mailbox: MailboxUser,
                                                                       smtp: SmtpSink, t0: dt.datetime) -> None:
    start = (t0 + dt.timedelta(days=10)).replace(hour=13)
    bot, senders = registered(tmp_path, mailbox, smtp, [meeting("m1", start)], n=1)
    tick(bot, start - dt.timedelta(days=1) + dt.timedelta(minutes=5))  # a jump to the day before
    assert len(reminders_to(smtp, senders[0])) == 1, "after a long jump only the latest reminder, not both"
    tick(bot, start - dt.timedelta(days=7) + dt.timedelta(minutes=5))  # back: the 7d one was passed over
    tick(bot, start - dt.timedelta(days=1) + dt.timedelta(minutes=6))
    assert len(reminders_to(smtp, senders[0])) == 1
