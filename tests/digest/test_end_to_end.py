"""The digest end to end: mail in over IMAP, answers by reply, ``mailbot digest --send`` out over SMTP."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mailbot.demo.servers import SmtpSink
from tests.answers.reply_drafting import GMAIL_NL, Draft
from tests.servers.bot import BOT, Bot, interest_mail
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration
ORGANISER = "organiser@example.org"
PEOPLE = [("Anna de Vries", "anna@provincie.example"), ("Bart Jansen", "bart@cluster.example"),
          ("Cor Bos", "cor@bedrijf.example")]


def reply(questionnaire_mail: EmailMessage, name: str, address: str, draft: Draft) -> bytes:
    m = EmailMessage()
    m["From"] = f"{name} <{address}>"
    m["To"] = BOT
    m["Subject"] = f"Re: {questionnaire_mail['Subject']}"
    m["Date"] = format_datetime(datetime.now(UTC))
    m["Message-ID"] = make_msgid("reply", domain=address.split("@")[1])
    m["In-Reply-To"] = questionnaire_mail["Message-ID"]
    m["References"] = questionnaire_mail["Message-ID"]
    m.set_content(f"Hierbij mijn antwoorden.\n\nGroet,\n{name}\n\n{GMAIL_NL}\n\n{draft.quoted()}\n")
    return m.as_bytes()


def test_digest_send_mails_the_organiser_the_inventory(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    questionnaire = bot.app().config.questionnaire
    mailbox.append([interest_mail(i, address, name) for i, (name, address) in enumerate(PEOPLE)])
    bot.poll()
    answers = {"anna@provincie.example": (["governance", "financing"], "Hoe blijven bedrijven betrokken?"),
               "bart@cluster.example": (["governance"], "Wat kost een clustermanager?")}
    replies = []
    for name, address in PEOPLE[:2]:
        [questionnaire_mail] = [d.message for d in smtp.to(address)]
        sent_text = questionnaire_mail.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
        themes, question = answers[address]
        draft = (Draft(questionnaire, "nl", name, text=sent_text).mark("org_type", "central").mark("themes", themes)
                 .mark("all_meetings", True).type("organisation", "Provincie").type("questions", question))
        replies.append(reply(questionnaire_mail, name, address, draft))
    ask = EmailMessage()
    ask["From"], ask["To"], ask["Subject"] = "Ingrid Smit <ingrid@rug.example>", BOT, "Vraag over kosten"
    ask["Message-ID"], ask["Date"] = make_msgid("q", domain="rug.example"), format_datetime(datetime.now(UTC))
    ask.set_content("Goedemiddag,\n\nIs er een deelnemersbijdrage verbonden aan de leerkring?\n\nGroet,\nIngrid\n")
    mailbox.append([*replies, ask.as_bytes()])
    bot.poll()

    done = bot.run("digest", "--send")
    assert done.returncode == 0, done.stderr
    [digest] = [d.message for d in smtp.to(ORGANISER) if not str(d.message["Subject"]).startswith("Fwd")]
    text = " ".join(digest.get_body(preferencelist=("plain",)).get_content().split())
    assert "Hoe blijven bedrijven betrokken?" in text and "Wat kost een clustermanager?" in text
    assert "deelnemersbijdrage" in text and "Cor Bos" in text
    assert "Cluster governance #################### 2 (100%)" in text
    assert "Financieren en investeren ########## 1 (50%)" in text
    files = {str(part.get_filename()): bytes(part.get_payload(decode=True)) for part in digest.iter_attachments()}
    rows = list(csv.reader(io.StringIO(files["deelnemers.csv"].decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(PEOPLE)
    sheet = load_workbook(io.BytesIO(files["deelnemers.xlsx"])).active
    assert sheet.max_row == 1 + len(PEOPLE) and sheet.freeze_panes == "A2"

    again = bot.run("digest", "--send")
    assert again.returncode == 0 and "nothing new" in again.stdout
    assert len([d for d in smtp.to(ORGANISER) if not str(d.message["Subject"]).startswith("Fwd")]) == 1
