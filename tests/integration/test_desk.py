"""The organiser's mail desk against a real Dovecot and SMTP server, each point of issue 26 as she would live it:
her Outlook signature under her commands, her short replies never taken for a loop, answers and meetings by
mail, one count of who comes, a welcome that says who registered someone, briefs for outside experts without
guesses, and the read-only commands without the mail passwords."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from mailbot.demo.servers import Delivery, SmtpSink
from tests.mails import OUTLOOK_SIGNATURE as SIGNATURE
from tests.mails import mail, reply
from tests.servers.bot import BOT, ORGANISER, Bot, of_kind, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration

PASS = {"Authentication-Results": "mx.example.org; dkim=pass header.d=example.org; spf=pass "
                                  "smtp.mailfrom=example.org; dmarc=pass header.from=example.org"}
FMT = "%Y-%m-%d %H:%M"
ANNA, BRAM, SANNE = "anna@gemeente-ede.example", "bram@tudelft.example", "s.dewit@kennispark.example"


def desk(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, **extra: object) -> Bot:
    start = (dt.datetime.now() + dt.timedelta(days=20)).replace(hour=13, minute=0, second=0, microsecond=0)
    meetings = [{"id": f"m{i}", "title": f"Bijeenkomst {i}", "start": (start + dt.timedelta(days=28 * i)).strftime(FMT),
                 "end": (start + dt.timedelta(days=28 * i, hours=4)).strftime(FMT), "location": "Energy Valley"}
                for i in (1, 2)]
    return Bot(tmp_path, mailbox, smtp, organisers=[{"name": "Marloes Bakker", "email": ORGANISER}],
               authentication={"trusted_servers": ["mx.example.org"]}, meetings=meetings, **extra)


def poll(bot: Bot) -> None:
    done = bot.run("poll")
    assert done.returncode == 0, done.stderr[-2000:]


def from_her(body: str, subject: str = "Leerkring") -> bytes:
    return mail(ORGANISER, body, subject=subject, name="Marloes Bakker", headers=PASS)


def to_her(smtp: SmtpSink) -> list[Delivery]:
    return smtp.to(ORGANISER)


def joined(bot: Bot, mailbox: MailboxUser, *people: tuple[str, str]) -> None:
    mailbox.append([mail(address, "Graag meld ik mij aan voor de leerkring.", name=name) for address, name in people])
    poll(bot)


# ---------------------------------------------------------------- 1. commands read the way she writes

def test_commands_under_her_outlook_signature_run_in_order_with_one_reply(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    mailbox.append([from_her(f"Hoi,\n\naanmelden Sanne de Wit <{SANNE}>\nafwezig {SANNE} 2\n"
                             f"en bel Bram even terug\n{SIGNATURE}")])
    poll(bot)
    [answer] = to_her(smtp)
    text = text_of(answer)
    assert "is aangemeld" in text and "komt niet naar m2" in text, text
    assert "  en bel Bram even terug" in text and "Programmamanager" not in text
    assert bot.participants()[SANNE]["attendance"] == {"m2": "declined"}


# ---------------------------------------------------------------- 2. nothing of hers dropped

def test_her_third_ja_goes_out_and_a_ticket_systems_auto_response_is_answered_once(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    joined(bot, mailbox, (ANNA, "Anna Smit"))
    for n in range(3):
        mailbox.append([from_her(f"Beste deelnemers,\n\nNieuws nummer {n}.\n{SIGNATURE}",
                                 subject=f"Aan alle deelnemers: nieuws {n}")])
        poll(bot)
        mailbox.append([reply(to_her(smtp)[-1], ORGANISER, "JA", name="Marloes Bakker", headers=PASS)])
        poll(bot)
    assert sum("Nieuws nummer" in text_of(d) for d in smtp.to(ANNA)) == 3, "every JA of hers is carried out"

    helpdesk = "servicedesk@gemeente-ede.example"
    for number in (4711, 4712, 4713):
        ours = smtp.to(helpdesk)
        mailbox.append([mail(helpdesk, f"Geachte heer/mevrouw,\n\nUw bericht is geregistreerd onder nummer {number}."
                                       " Wij nemen binnen vijf werkdagen contact met u op.\n\nServicedesk",
                             subject=f"Melding {number}", name="Servicedesk",
                             in_reply_to=str(ours[-1].message["Message-ID"]) if ours else "")])
        poll(bot)
    assert len(smtp.to(helpdesk)) == 1, "answered at most once"
    held = [m for m in bot.json("messages", "--format", "json")["messages"]
            if m["from"] == helpdesk and m["kind"] == "loop"]
    assert len(held) == 2 and {m["state"] for m in held} == {"needs_human"}
    assert "Melding 4712" in bot.digest_preview().text, "a mail the loop check holds is never silent"


# ---------------------------------------------------------------- 3. her desk by mail

def test_answers_items_receipts_and_a_meeting_moved_by_mail(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    joined(bot, mailbox, (ANNA, "Anna Smit"))
    mailbox.append([mail(BRAM, "Ik meld mij aan. Wij zijn een beetje van alles, wat kies ik bij type organisatie?",
                         name="Bram Dekker")])
    poll(bot)
    forward = next(d for d in to_her(smtp) if str(d.message["Subject"]).startswith("Fwd"))
    mailbox.append([reply(forward, ORGANISER, f"antwoord 2 Kennisinstelling\n{SIGNATURE}", name="Marloes Bakker",
                          headers=PASS)])
    mailbox.append([from_her(f"antwoord {ANNA} 1 Gemeente Ede\n{SIGNATURE}")])
    poll(bot)
    people = bot.participants()
    assert people[BRAM]["answers"]["org_type"] == "knowledge" and people[ANNA]["answers"]["organisation"] == \
        "Gemeente Ede"
    assert "afgehandeld" in text_of(to_her(smtp)[-2]) + text_of(to_her(smtp)[-1])

    before = len(to_her(smtp))
    mailbox.append([from_her(f"verplaats 1 naar {(dt.date.today() + dt.timedelta(days=27)):%d-%m-%Y} 10:00-12:00"
                             f"\n{SIGNATURE}")])
    poll(bot)
    [preview] = to_her(smtp)[before:]
    assert "10:00-12:00" in text_of(preview) and len(smtp.to(ANNA)) == 1
    mailbox.append([reply(preview, ORGANISER, f"JA\n{SIGNATURE}", name="Marloes Bakker", headers=PASS)])
    poll(bot)
    update = smtp.to(ANNA)[-1]
    assert any((p.get_filename() or "").endswith(".ics") for p in update.message.iter_attachments())
    listed = bot.json("meetings", "--format", "json")["meetings"]
    assert "10:00" in next(m["when"] for m in listed if m["id"] == "m1")
    poll(bot)  # the file read again (the review before each poll) never undoes her move
    assert "10:00" in next(m["when"] for m in bot.json("meetings", "--format", "json")["meetings"] if m["id"] == "m1")


def test_her_reply_all_gets_no_receipt_and_one_overview_is_one_mail(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    mailbox.append([mail(BRAM, "Ik meld mij aan. Is er parkeergelegenheid?", name="Bram Dekker")])
    poll(bot)
    forward = next(d for d in to_her(smtp) if str(d.message["Subject"]).startswith("Fwd"))
    answer = reply(forward, ORGANISER, f"Beste Bram,\n\nJa, naast het gebouw.\n{SIGNATURE}", name="Marloes Bakker",
                   headers=PASS).replace(b"To: " + BOT.encode(), b"To: " + BRAM.encode() + b", " + BOT.encode(), 1)
    before = len(to_her(smtp))
    mailbox.append([answer])
    poll(bot)
    assert len(to_her(smtp)) == before, "no receipt for her reply-all"
    mailbox.append([from_her(f"overzicht\n{SIGNATURE}")])
    poll(bot)
    [overview] = to_her(smtp)[before:]
    assert {p.get_filename() for p in overview.message.iter_attachments()} >= {"deelnemers.xlsx", "deelnemers.csv"}


# ---------------------------------------------------------------- 4. one truth for attendance

def test_the_digest_the_brief_the_meetings_list_and_the_export_count_alike(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    joined(bot, mailbox, (ANNA, "Anna Smit"), (BRAM, "Bram Dekker"), (SANNE, "Sanne de Wit"))
    mailbox.append([from_her(f"afwezig {BRAM} 1\nantwoord {SANNE} 8 nee")])
    poll(bot)
    [m1] = [m for m in bot.json("meetings", "--format", "json")["meetings"] if m["id"] == "m1"]
    assert (m1["expected"], m1["declined"], m1["unknown"]) == (1, 1, 1)
    exported = bot.json("export", "--format", "json")["participants"]
    turnout = [p["turnout"]["m1"] for p in exported]
    assert sorted(turnout) == ["declined", "expected", "unknown"]
    digest = bot.digest_preview().text
    assert "Verwacht: 1 " in digest and "Nog onzeker (1): Sanne de Wit" in digest and "Afgemeld (1): Bram" in digest
    brief = bot.run("brief", "m1")
    assert brief.returncode == 0, brief.stderr
    assert "VERWACHT (1)" in brief.stdout.upper(), brief.stdout


# ---------------------------------------------------------------- 5. a welcome that says who registered them

def test_someone_she_registers_hears_from_whom_in_their_language(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    mailbox.append([from_her(f"aanmelden Sanne de Wit <{SANNE}>\naanmelden John Smith <john@uni.example> Engels\n"
                             f"{SIGNATURE}")])
    poll(bot)
    [dutch] = smtp.to(SANNE)
    [english] = smtp.to("john@uni.example")
    assert "Marloes Bakker heeft u aangemeld voor" in text_of(dutch) and "nogmaals" not in text_of(dutch)
    assert "Marloes Bakker has registered you for" in text_of(english)


# ---------------------------------------------------------------- 6. only what people said leaves the organisation

def test_an_outside_experts_brief_has_no_guessed_organisation(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    joined(bot, mailbox, (BRAM, "Bram Dekker"), (ANNA, "Anna Smit"))
    mailbox.append([from_her(f"antwoord {ANNA} 1 Gemeente Ede\nontvangers 1 expert@tno.example\nbriefing 1")])
    poll(bot)
    [expert] = smtp.to("expert@tno.example")
    ours = next(d for d in of_kind(smtp, ORGANISER, "briefing"))
    assert "Gemeente Ede" in text_of(expert) and "Gemeente Ede" in text_of(ours)
    assert "Tudelft (vermoedelijk)" in text_of(ours), "the organisers see the guess, marked as one"
    assert "Tudelft" not in text_of(expert) and "vermoedelijk" not in text_of(expert), "a guess never leaves"


# ---------------------------------------------------------------- 7. read-only commands need no secrets

def test_read_only_commands_run_without_the_mail_passwords(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = desk(tmp_path, mailbox, smtp)
    joined(bot, mailbox, (ANNA, "Anna Smit"))
    env = {k: v for k, v in os.environ.items() if k != "MAILBOT_TEST_IMAP_PASSWORD"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(bot.argv(*args), capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)

    for args in (("participants",), ("export", "--format", "json"), ("messages", "--format", "json"),
                 ("meetings",), ("status",), ("digest", "--preview"), ("brief", "m1")):
        done = run(*args)
        assert done.returncode == 0, (args, done.stderr)
    assert ANNA in json.loads(run("export", "--format", "json").stdout)["participants"][0]["email"]
    refused = run("poll")
    assert refused.returncode == 2
    assert "imap.password" in refused.stderr and "MAILBOT_TEST_IMAP_PASSWORD" in refused.stderr
