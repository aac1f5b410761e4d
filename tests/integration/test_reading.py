"""Reading by principle against the real servers (issue 25): an ask-back and its answer, a sign-up "namens" an
organisation, answers in prose, a decline inside a sign-up: real IMAP, real SMTP, a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.mails import mail, reply
from tests.servers.bot import ORGANISER, Bot, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration

JAN = "jan@gemeente-ede.example"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def signed_up(bot: Bot, mailbox: MailboxUser, smtp: SmtpSink, body: str = "Graag meld ik mij aan.") -> None:
    mailbox.append([mail(JAN, body)])
    bot.poll()


def test_a_bare_no_is_asked_back_and_the_answer_to_the_question_is_acted_on(tmp_path: Path, mailbox: MailboxUser,
                                                                            smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    signed_up(bot, mailbox, smtp)
    [questionnaire] = smtp.to(JAN)
    mailbox.append([reply(questionnaire, JAN, "Nee")])
    bot.poll()
    asked = smtp.to(JAN)[-1]
    assert asked is not questionnaire and "ik meld me af" in text_of(asked)
    assert bot.participants()[JAN]["status"] == "questionnaire_sent"
    assert smtp.to(ORGANISER) or any(m["status"] == "needs_human" for m in bot.messages())
    mailbox.append([reply(asked, JAN, "Ja, ik meld me af.")])
    bot.poll()
    assert bot.participants()[JAN]["status"] == "withdrawn"


def test_a_sign_up_on_behalf_of_an_organisation_registers_the_sender(tmp_path: Path, mailbox: MailboxUser,
                                                                     smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    signed_up(bot, mailbox, smtp, "Namens de Provincie Gelderland meld ik mij graag aan voor de leerkring.")
    jan = bot.participants()[JAN]
    assert jan["status"] in ("questionnaire_sent", "partially_answered")
    assert jan["answers"]["organisation"] == "Provincie Gelderland"
    assert len(smtp.to(JAN)) == 1 and not smtp.to(ORGANISER)


def test_answers_in_prose_are_recorded(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    signed_up(bot, mailbox, smtp)
    [questionnaire] = smtp.to(JAN)
    mailbox.append([reply(questionnaire, JAN, "Ik werk bij de Gemeente Ede; we zijn geen bedrijf maar een "
                                              "gemeente. Ons cluster zit nog in de kinderschoenen. Mijn vraag is hoe "
                                              "je bedrijven aan tafel houdt. De rest volgt.")])
    bot.poll()
    answers = bot.participants()[JAN]["answers"]
    assert answers["organisation"] == "Gemeente Ede" and answers["org_type"] == "decentral"
    assert answers["phase"] == "emerging" and answers["questions"] == "hoe je bedrijven aan tafel houdt"


def test_a_decline_inside_a_sign_up_is_recorded(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    start = datetime.now() + timedelta(days=40)
    fmt = "%Y-%m-%d %H:%M"
    bot = Bot(tmp_path, mailbox, smtp, meetings=[
        {"id": "m1", "title": "Bijeenkomst 1", "start": start.strftime(fmt),
         "end": (start + timedelta(hours=4)).strftime(fmt), "location": "Energy Valley"},
        {"id": "m2", "title": "Bijeenkomst 2", "start": (start + timedelta(days=30)).strftime(fmt),
         "end": (start + timedelta(days=30, hours=4)).strftime(fmt), "location": "Food Valley"}])
    signed_up(bot, mailbox, smtp, f"Graag meld ik mij aan voor de leerkring, maar niet op {start.day} "
                                  f"{MONTHS[start.month - 1]}: dan zit ik in Brussel.")
    jan = bot.participants()[JAN]
    assert jan["status"] in ("questionnaire_sent", "partially_answered")
    assert jan["attendance"] == {"m1": "declined"}
