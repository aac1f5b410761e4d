"""Forgetting, access and retention end to end: real IMAP server, real SMTP server, the real `mailbot` command."""

from __future__ import annotations

import json
import os
import stat
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.conversation.tokens import find_tokens
from mailbot.demo.servers import Delivery, SmtpSink
from mailbot.outbox.queue import address_hash
from mailbot.store.models import IncomingMessage, OutboxMail
from tests.privacy.test_forget import all_text
from tests.servers.bot import BOT, Bot, interest_mail, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration
ANNA = "anna@gemeente.example"


def mail(sender: str, subject: str, body: str, in_reply_to: str = "", name: str = "Anna de Vries") -> bytes:
    m = EmailMessage()
    m["From"] = f"{name} <{sender}>"
    m["To"] = BOT
    m["Subject"] = subject
    m["Message-ID"] = make_msgid("privacy", domain=sender.split("@")[1])
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content(body)
    return m.as_bytes()


def reply_quoting(sender: str, delivery: Delivery, name: str = "Anna de Vries") -> bytes:
    original = delivery.message
    quoted = "> " + text_of(delivery).replace("\n", "\n> ")
    return mail(sender, f"Re: {original['Subject']}", f"Ja, dat klopt.\n\n{quoted}\n",
                in_reply_to=str(original["Message-ID"]), name=name)


def stored(bot: Bot, sender: str) -> list[bool]:
    """For each stored message from ``sender``: is its raw mail still kept?"""
    app = bot.app()
    with app.db.read_session() as s:
        return [m.raw is not None for m in s.scalars(select(IncomingMessage).where(IncomingMessage.sender == sender))]


def test_forget_by_mail_needs_the_token_from_the_same_address(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, ANNA, name="Anna de Vries"),
                    interest_mail(2, "bert@provincie.example", name="Bert Jansen")])
    bot.poll()
    assert set(bot.participants()) == {ANNA, "bert@provincie.example"}

    mailbox.append([mail(ANNA, "Mijn gegevens", "Goedemiddag,\n\nVerwijder mijn gegevens alstublieft.\n")])
    bot.poll()
    confirm = smtp.to(ANNA)[-1]
    assert len(smtp.to(ANNA)) == 2
    [token] = find_tokens(str(confirm.message["Subject"]), "")
    assert f"[ref:{token}]" in text_of(confirm) and confirm.message["Auto-Submitted"] == "auto-replied"
    assert ANNA in bot.participants(), "the request alone deletes nothing"

    # someone else got hold of the token, and someone forged Anna's address with a guessed one
    mailbox.append([reply_quoting("mallory@elders.example", confirm, name="Mallory")])
    mailbox.append([mail(ANNA, f"Re: Bevestig [ref:{'x' * 22}]", "Ja.\n",
                         in_reply_to=str(confirm.message["Message-ID"]))])
    bot.poll()
    assert ANNA in bot.participants() and len(smtp.to(ANNA)) == 2
    assert not smtp.to("mallory@elders.example")
    forged = {m["from"]: m for m in bot.messages() if m["kind"] == "confirmation"}
    assert {m["state"] for m in forged.values()} == {"needs_human"}
    assert "another address" in forged["mallory@elders.example"]["reason"]

    mailbox.append([reply_quoting(ANNA, confirm)])
    bot.poll()
    assert ANNA not in bot.participants() and "bert@provincie.example" in bot.participants()
    done = smtp.to(ANNA)[-1]
    assert len(smtp.to(ANNA)) == 3 and str(done.message["Subject"]) == "Uw gegevens zijn verwijderd"
    assert stored(bot, ANNA) == [], "every message from her is blanked"
    assert ANNA not in json.dumps(bot.json("export", "--format", "json"))
    assert bot.run("status").returncode == 0
    app = bot.app()
    with app.db.read_session() as s:  # the "your data is deleted" mail keeps only a hash once it went out
        [farewell] = s.scalars(select(OutboxMail).where(OutboxMail.kind == "forget_done")).all()
        assert farewell.state == "sent" and farewell.recipient == address_hash(ANNA)
        assert farewell.raw is None and farewell.body_text == "" and farewell.subject == ""
    assert ANNA not in all_text(app.db), "forget means forget: only hashes, already before retention"

    retention = bot.run("retention")
    assert retention.returncode == 0 and "done mail blanked 0" in retention.stdout
    assert ANNA not in all_text(app.db)
    with app.db.read_session() as s:
        naming = {m.sender for m in s.scalars(select(IncomingMessage)) if b"Anna de Vries" in (m.raw or b"")}
    assert naming == {"mallory@elders.example"}, "only the forgery, quoting her, stays for the organiser to judge"
    with app.db.read_session() as s:
        kinds = [k for k, in s.execute(select(OutboxMail.kind).where(OutboxMail.state == "sent"))]
    assert sorted(kinds).count("questionnaire") == 2, "the rows stay, as anonymous records"

    mailbox.append([interest_mail(9, ANNA, body="Ik wil me toch weer aanmelden.\n")])
    mailbox.append([mail(ANNA, "Vraag", "Wanneer is de eerste bijeenkomst?\n")])
    bot.poll()
    assert len(smtp.to(ANNA)) == 3, "a forgotten address gets no automatic mail"


def test_forget_and_export_person_commands(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, ANNA, name="Anna de Vries",
                                  body="Graag meld ik mij aan. Kan dat in het Engels?\n"),
                    interest_mail(2, "bert@provincie.example", name="Bert Jansen")])
    bot.poll()

    export = bot.json("export-person", ANNA.upper())
    person = export["participant"]
    assert export["address"] == ANNA and person["name"] == "Anna de Vries" and person["status"] == "questionnaire_sent"
    assert [n["text"] for n in person["notes"]] == ["Kan dat in het Engels?"]
    assert [m["kind"] for m in export["messages"]] == ["interest"]
    assert "Kan dat in het Engels?" in export["messages"][0]["text"] and export["messages"][0]["to"] == [BOT]
    assert [m["kind"] for m in export["outbox"]] == ["questionnaire"] and export["outbox"][0]["text"]
    out = tmp_path / "anna.json"
    assert bot.run("export-person", ANNA, "--output", str(out)).returncode == 0
    assert json.loads(out.read_text())["address"] == ANNA
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600

    unknown = bot.run("export-person", "nobody@elders.example")
    assert unknown.returncode == 1 and "nothing is stored about nobody@elders.example" in unknown.stderr

    forgot = bot.run("forget", ANNA)
    assert forgot.returncode == 0, forgot.stderr
    assert "participant removed with 0 answer(s), 1 note(s)" in forgot.stdout
    assert "messages erased: 1" in forgot.stdout and "address suppressed" in forgot.stdout
    assert ANNA not in forgot.stderr, "the address is not logged"
    after = bot.json("export-person", ANNA)
    assert after["participant"] is None and after["messages"] == [] and after["suppressed_since"]
    assert set(bot.participants()) == {"bert@provincie.example"}
    again = bot.run("forget", ANNA)
    assert again.returncode == 0 and "was not a participant" in again.stdout and "already suppressed" in again.stdout
    assert bot.run("forget", "not-an-address").returncode == 1
    stranger = bot.run("forget", "nooit@elders.example")
    assert stranger.returncode == 0 and "address suppressed" in stranger.stdout

    mailbox.append([interest_mail(5, "nooit@elders.example")])
    bot.poll()
    assert not smtp.to("nooit@elders.example"), "suppressed before ever writing"


def test_retention_command_with_a_frozen_clock(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    meetings = [{"id": "m1", "title": "Slot", "start": "2030-06-10 13:00", "end": "2030-06-10 17:00",
                 "location": "Utrecht"}]
    bot = Bot(tmp_path, mailbox, smtp, meetings=meetings, retention={"raw_mail_days": 30,
                                                                      "after_last_meeting_days": 100})
    mailbox.append([interest_mail(1, ANNA, name="Anna de Vries")])
    bot.poll()
    assert bot.run("retention", "--now", "yesterday").returncode == 1
    dry = bot.run("retention", "--now", "2030-09-20 00:00", "--dry-run")
    assert dry.returncode == 0 and "raw mail purged 1" in dry.stdout and "anonymised 1" in dry.stdout
    assert stored(bot, ANNA) == [True]
    early = bot.run("retention", "--now", "2030-09-17 00:00")  # 99 days after the meeting: only the raw mail
    assert "raw mail purged 1" in early.stdout and "anonymised 0" in early.stdout
    assert stored(bot, ANNA) == [False] and ANNA in bot.participants()
    real = bot.run("retention", "--now", "2030-09-20 00:00")
    assert real.returncode == 0 and "anonymised 1" in real.stdout
    assert stored(bot, ANNA) == [] and ANNA not in bot.participants() and len(bot.participants()) == 1
    assert bot.run("status").returncode == 0


def test_confirmation_and_more_mail_in_one_batch(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, ANNA, name="Anna de Vries")])
    bot.poll()
    mailbox.append([mail(ANNA, "Mijn gegevens", "Verwijder mijn gegevens alstublieft.\n")])
    bot.poll()
    confirm = smtp.to(ANNA)[-1]
    mailbox.append([reply_quoting(ANNA, confirm),
                    mail(ANNA, "Nog iets", "Ik wil graag mijn antwoorden aanpassen: 1. Gemeente Utrecht\n"),
                    interest_mail(7, ANNA, body="Kunt u de vragenlijst nogmaals sturen?\n")])
    report = bot.poll()
    assert report.fetched == 3 and report.states["quarantined"] == 0
    assert [str(d.message["Subject"]) for d in smtp.to(ANNA)][-1] == "Uw gegevens zijn verwijderd"
    assert len(smtp.to(ANNA)) == 3, "nothing automatic after the erasure, even within the same batch"
