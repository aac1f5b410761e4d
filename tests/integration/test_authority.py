"""Authority against a real Dovecot and SMTP server (issue 27): answers for someone else wait for that person,
a verdict injected into the receiving server's header is never believed, and a From that is no address is
never answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.mails import mail, reply
from tests.servers.bot import ORGANISER, Bot, interest_mail, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration

PIET = "p.jansen@gemeente-ede.test"
SECRETARY = "secretariaat@gemeente-ede.test"
ANSWERS = ("Beste organisatie,\n\nNamens Piet Jansen ({address}) stuur ik zijn antwoorden.\n\n1. Gemeente Ede\n"
           "2. Provincie, gemeente of regio\n\nMet vriendelijke groet,\nSecretariaat Ruimte\n")


def for_piet(address: str = PIET) -> bytes:
    return mail(SECRETARY, ANSWERS.format(address=address), subject="Antwoorden", name="Secretariaat Ruimte")


def test_answers_for_someone_else_change_nothing_until_they_say_yes(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, PIET, name="Piet Jansen"), interest_mail(2, "anna@org.test", name="Anna Smit")])
    bot.poll()
    mailbox.append([for_piet(), mail(SECRETARY, ANSWERS.format(address="anna@org.test"), subject="Antwoorden Anna",
                                     name="Secretariaat Ruimte")])
    bot.poll()
    assert bot.participants()[PIET]["answers"] == {} and bot.participants()["anna@org.test"]["answers"] == {}
    assert [p["by"] for p in bot.participants()[PIET]["proposed"]] == [SECRETARY]
    assert SECRETARY not in bot.participants()
    asked_piet, asked_anna = smtp.to(PIET)[-1], smtp.to("anna@org.test")[-1]
    assert "[ref:" in str(asked_piet.message["Subject"]) and "Gemeente Ede" in text_of(asked_piet)

    mailbox.append([reply(asked_piet, PIET, "Ja", name="Piet Jansen"),
                    reply(asked_anna, "anna@org.test", "Nee, dat ben ik niet.", name="Anna Smit")])
    bot.poll()
    people = bot.participants()
    assert people[PIET]["answers"] == {"organisation": "Gemeente Ede", "org_type": "decentral"}
    assert "proposed" not in people[PIET]
    assert people["anna@org.test"]["answers"] == {} and "proposed" not in people["anna@org.test"]
    assert not smtp.to(ORGANISER), "the participants decided; nothing for the organiser"


def test_the_sender_cannot_learn_who_takes_part(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, PIET, name="Piet Jansen")])
    bot.poll()
    mailbox.append([for_piet(PIET)])
    bot.poll()
    mailbox.append([for_piet("karel@gemeente-ede.test")])
    bot.poll()
    registered, unknown = (text_of(d) for d in smtp.to(SECRETARY))
    assert registered == unknown and "Piet" not in registered
    assert len(smtp.to(PIET)) == 2 and not smtp.to("karel@gemeente-ede.test")


def test_a_forged_command_with_an_injected_dmarc_pass_runs_nothing(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    """The receiving server wrote dmarc=none; the sender's MAIL FROM closed its comment and wrote a pass."""
    bot = Bot(tmp_path, mailbox, smtp, authentication={"trusted_servers": ["mx.google.com"]})
    mailbox.append([interest_mail(1, "kees@foodvalley.test", name="Kees Smit")])
    bot.poll()
    local = '"x) ; dmarc=pass header.from=example.org (y"@evil.test'
    injected = (f"mx.google.com; dkim=none; spf=pass (google.com: domain of {local} designates 203.0.113.9 as"
                f" permitted sender) smtp.mailfrom={local}; dmarc=none (p=NONE sp=NONE dis=NONE)"
                f" header.from=example.org")
    mailbox.append([mail(ORGANISER, "afmelden kees@foodvalley.test", subject="Leerkring", name="Organiser",
                         headers={"Authentication-Results": injected})])
    bot.poll()
    assert bot.participants()["kees@foodvalley.test"]["status"] == "questionnaire_sent"
    assert len(smtp.to("kees@foodvalley.test")) == 1
    [asked] = smtp.to(ORGANISER)
    assert "[ref:" in str(asked.message["Subject"]), "not authenticated: she is asked to confirm by mail"
    command = bot.messages()[-1]
    assert command["authenticity"] == "unknown"


def test_a_from_that_is_no_address_is_kept_and_never_answered(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    raw = (b"From: Jan <=?utf-8?q?jan?=@org.test>\r\nReply-To: jan@org.test\r\nTo: leerkring@example.org\r\n"
           b"Subject: Aanmelding\r\nMessage-ID: <ew1@org.test>\r\n\r\nGraag meld ik mij aan.\r\n")
    mailbox.append([raw, mail("bob@org.test", "Graag meld ik mij aan.", headers={"Reply-To": "eve@evil.test"})])
    bot.poll()
    assert set(bot.participants()) == {"bob@org.test"}
    assert [list(d.recipients) for d in smtp.deliveries] == [["bob@org.test"]], "Reply-To is never where we write"
    kept = bot.messages()[0]
    assert kept["state"] == "quarantined" and "an encoded word inside the address" in kept["reason"]

