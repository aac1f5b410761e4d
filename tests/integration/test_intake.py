"""The intake loop end to end: real IMAP server, real SMTP server, real SQLite file."""

from __future__ import annotations

import email.utils
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.servers.bot import BOT, Bot, interest_mail, kill, people
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration


def machine_mails() -> dict[str, bytes]:
    """One of each kind we must never answer."""
    def mail(headers: str, body: str = "Tekst.\n") -> bytes:
        return (headers.strip() + "\nDate: Mon, 18 Sep 2017 12:00:00 +0200\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()

    return {
        "auto_reply": mail("From: Piet <piet@org.example>\nTo: leerkring@example.org\nSubject: Automatisch antwoord: "
                           "Aanmelding\nMessage-ID: <ooo1@org.example>\nAuto-Submitted: auto-replied",
                           "Ik ben afwezig tot en met maandag.\n"),
        "bounce": mail("From: MAILER-DAEMON@mx.example\nTo: leerkring@example.org\nSubject: Undelivered Mail Returned "
                       "to Sender\nMessage-ID: <b1@mx.example>\nReturn-Path: <>",
                       "Your message could not be delivered: 550 5.1.1 user unknown\n"),
        "bulk": mail("From: Nieuwsbrief <nieuws@platform.example>\nTo: leerkring@example.org\nSubject: Nieuwsbrief\n"
                     "Message-ID: <n1@platform.example>\nList-Id: <nieuws.platform.example>\nPrecedence: bulk",
                     "Meld u aan voor onze leerkring!\n"),
        "noreply": mail("From: noreply@portal.example\nTo: leerkring@example.org\nSubject: Uw account\n"
                        "Message-ID: <nr1@portal.example>", "Graag aanmelden via de portal.\n"),
        "loop": mail(f"From: Leerkring <{BOT}>\nTo: {BOT}\nSubject: Re: Aanmelding\nMessage-ID: <l1@example.org>",
                     "Beste, graag deelnemen.\n"),
        "spam": mail("From: Win <win@spam.example>\nTo: leerkring@example.org\nSubject: Aanmelding prijs\n"
                     "Message-ID: <s1@spam.example>\nX-Spam-Flag: YES", "Graag deelnemen aan onze loterij.\n"),
        "receipt": mail("From: Jan <jan@org.example>\nTo: leerkring@example.org\nSubject: Gelezen: Aanmelding\n"
                        "Message-ID: <r1@org.example>", "Uw bericht is gelezen.\n"),
    }


def test_each_interest_mail_gets_exactly_one_reply(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(6)
    mailbox.append([interest_mail(i, a, lang="en" if i % 3 == 0 else "nl") for i, a in enumerate(senders)])
    bot.poll()
    for i, address in enumerate(senders):
        got = smtp.to(address)
        assert len(got) == 1, address
        msg = got[0].message
        assert email.utils.parseaddr(str(msg["From"]))[1] == BOT
        assert msg["To"].addresses[0].addr_spec == address and len(got[0].recipients) == 1
        assert str(msg["Subject"]).startswith("Re: ")
        assert msg["In-Reply-To"] and msg["In-Reply-To"] in str(msg["References"])
        assert str(msg["Message-ID"]).endswith("@example.org>")
        assert msg["Auto-Submitted"] == "auto-replied" and msg["X-Auto-Response-Suppress"] == "All"
        text = msg.get_body(preferencelist=("plain",)).get_content()
        assert ("Dear " in text) == (i % 3 == 0), "reply language follows the sender's"
        assert msg.get_body(preferencelist=("html",)) is not None
    assert mailbox.unseen() == 0 and mailbox.count("Processed") == len(senders)
    bot.poll()
    assert smtp.count() == len(senders), "a second poll sends nothing"
    assert set(bot.participants()) == set(senders)
    assert all(p["status"] == "questionnaire_sent" for p in bot.participants().values())


def test_machine_mail_is_stored_but_never_answered(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mails = machine_mails()
    mailbox.append(list(mails.values()))
    bot.poll()
    assert smtp.count() == 0
    kinds = {m["message_id"]: m["kind"] for m in bot.messages()}
    assert len(kinds) == len(mails)
    assert kinds["<ooo1@org.example>"] == "auto_reply"
    assert kinds["<b1@mx.example>"] == "bounce"
    assert kinds["<n1@platform.example>"] == "bulk" and kinds["<nr1@portal.example>"] == "bulk"
    assert kinds["<l1@example.org>"] == "loop"
    assert kinds["<s1@spam.example>"] == "spam"
    assert kinds["<r1@org.example>"] == "receipt"
    assert mailbox.unseen() == 0


def test_duplicate_delivery_is_answered_once(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    raw = interest_mail(1, "dup@org.example")
    mailbox.append([raw])
    bot.poll()
    mailbox.append([raw, raw])
    bot.poll()
    assert len(smtp.to("dup@org.example")) == 1
    assert [m["kind"] for m in bot.messages()] == ["interest", "duplicate", "duplicate"]


def test_second_interest_mail_sends_no_second_questionnaire_unless_asked(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, "twice@org.example")])
    bot.poll()
    mailbox.append([interest_mail(2, "twice@org.example", body="Ik wil graag meedoen aan de leerkring.\n")])
    bot.poll()
    assert len(smtp.to("twice@org.example")) == 1
    mailbox.append([interest_mail(3, "twice@org.example", body="Kunt u de vragenlijst nogmaals sturen?\n")])
    bot.poll()
    assert len(smtp.to("twice@org.example")) == 2


def test_withdrawal_marks_participant_and_confirms_once(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, "leaver@org.example")])
    bot.poll()
    mailbox.append([interest_mail(2, "leaver@org.example", subject="Afmelding",
                                  body="Helaas moet ik mij afmelden voor de leerkring.\n")])
    bot.poll()
    assert len(smtp.to("leaver@org.example")) == 2
    assert bot.participants()["leaver@org.example"]["status"] == "withdrawn"


def test_rate_limit_caps_automatic_replies(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, rate_limit={"max_replies": 2, "per_hours": 24})
    mailbox.append([interest_mail(i, "eager@org.example", body=f"Wilt u de vragenlijst nogmaals sturen? ({i})\n")
                    for i in range(6)])
    bot.poll()
    assert len(smtp.to("eager@org.example")) == 2


def test_crash_after_commit_before_marking_replies_once(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    senders = people(5, "crash")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    monkeypatch.setenv("MAILBOT_CRASH_AT", "after_commit")
    crashed = bot.run("poll")
    assert crashed.returncode == -9, "the process was killed at the crash point"
    assert mailbox.unseen() == len(senders), "nothing was marked before the crash"
    monkeypatch.delenv("MAILBOT_CRASH_AT")
    assert bot.run("poll").returncode == 0
    assert all(len(smtp.to(a)) == 1 for a in senders)
    assert mailbox.unseen() == 0
    assert len(bot.messages()) == len(senders), "stored once, not again after the restart"


def test_random_kills_never_lose_or_double_a_reply(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    import random
    import statistics
    import subprocess
    import time

    bot = Bot(tmp_path, mailbox, smtp, imap={"batch_size": 10})
    started = time.monotonic()
    assert bot.run("poll").returncode == 0
    durations = [time.monotonic() - started]  # how long a run takes on this machine, now: kills follow it
    senders = people(60, "kill")
    rnd = random.Random(20171012)
    kills = appended = 0
    deadline = time.monotonic() + 120
    # the mail arrives in waves, each when the bot has caught up, and each kill lands at a random point of
    # a run as long as the recent ones took: start-up, fetching, deciding or sending, on a quiet or a busy machine
    while time.monotonic() < deadline and (kills < 3 or appended < len(senders)):
        if mailbox.unseen() == 0 and appended < len(senders):
            mailbox.append([interest_mail(i, a) for i, a in enumerate(senders[appended:appended + 20], appended)])
            appended += 20
        proc = bot.popen("poll")
        began = time.monotonic()
        try:
            proc.wait(rnd.uniform(0.2, 1.1) * statistics.median(durations[-5:]))
            durations.append(time.monotonic() - began)
        except subprocess.TimeoutExpired:
            kill(proc)
            kills += 1
    assert bot.run("poll").returncode == 0, "a clean run after the kills finishes the work"
    # a copy whose fate a kill left unknown goes out again with the same Message-ID (clients fold it into one):
    # at most one in doubt per SMTP connection per kill (RFC 5321 section 6.1), never a second, different reply
    counts = [len({str(d.message["Message-ID"]) for d in smtp.to(a)}) for a in senders]
    resent = sum(len(smtp.to(a)) for a in senders) - sum(counts)
    assert counts == [1] * len(senders), f"after {kills} kills: {counts}"
    connections = bot.app().config.smtp.connections
    assert resent <= kills * connections, f"{resent} resent after {kills} kills over {connections} connections"
    assert mailbox.unseen() == 0 and kills >= 3


def test_uidvalidity_change_rescans_without_answering_twice(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, imap={"folder": "Aanmeldingen", "processed_folder": None})
    first = [interest_mail(i, a) for i, a in enumerate(people(3, "uv"))]
    mailbox.append(first, folder="Aanmeldingen")
    bot.poll()
    mailbox.recreate("Aanmeldingen")
    mailbox.append([*first, interest_mail(9, "new@org.example")], folder="Aanmeldingen")
    bot.poll()
    assert smtp.count() == 4
    assert len(smtp.to("new@org.example")) == 1
    assert len(bot.messages()) == 4, "the re-delivered messages are recognised, not stored again"
    assert mailbox.unseen("Aanmeldingen") == 0


def test_smtp_refusing_then_back_sends_each_reply_once_in_order(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"connections": 1})
    senders = people(8, "outage")
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    smtp.refusing = True
    bot.poll()
    assert smtp.count() == 0 and mailbox.unseen() == 0, "mail is handled even while SMTP refuses"
    smtp.refusing = False
    bot.poll()
    bot.poll()
    order = [d.recipients[0] for d in smtp.deliveries]
    assert order == senders


def test_smtp_unreachable_then_back(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp, smtp={"connections": 1})
    senders = people(4, "down")
    port = smtp.port
    smtp.stop()
    mailbox.append([interest_mail(i, a) for i, a in enumerate(senders)])
    bot.poll()
    back = SmtpSink(port).start()
    try:
        bot.poll()
        assert [d.recipients[0] for d in back.deliveries] == senders
    finally:
        back.stop()


def test_hostile_headers_never_reach_ours(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    raw = (b"From: =?utf-8?q?Evil=0D=0ABcc:_victim@evil.example?= <evil@org.example>\n"
           b"To: leerkring@example.org\nReply-To: victim@evil.example\n"
           b"Subject: =?utf-8?q?Aanmelding=0D=0ABcc:_victim2@evil.example?=\n"
           b"Message-ID: <evil1@org.example>\nContent-Type: text/plain\n\nGraag aanmelden voor de leerkring.\n")
    mailbox.append([raw])
    bot.poll()
    assert smtp.count() == 1
    delivery = smtp.deliveries[0]
    assert delivery.recipients == ("evil@org.example",)
    head = delivery.raw.split(b"\r\n\r\n", 1)[0].decode().lower()
    assert "\nbcc:" not in head and "victim" not in head.replace("\r\n ", " ").split("subject:")[0]


def test_first_visit_leaves_mail_read_before_mailbot_alone(tmp_path: Path, mailbox: MailboxUser,
                                                            smtp: SmtpSink) -> None:
    old = [interest_mail(i, a) for i, a in enumerate(people(3, "old"))]
    mailbox.append(old)
    with mailbox.client() as c:
        c.select_folder("INBOX")
        c.add_flags(c.search(["ALL"]), [b"\\Seen"])
    mailbox.append([interest_mail(9, "fresh@org.example")])
    bot = Bot(tmp_path, mailbox, smtp)
    bot.poll()
    assert [d.recipients[0] for d in smtp.deliveries] == ["fresh@org.example"]
    mailbox.append([interest_mail(10, "later@org.example")])
    bot.poll()
    assert smtp.count() == 2 and len(smtp.to("later@org.example")) == 1
