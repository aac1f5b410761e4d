"""Bounces change a participant only when they prove they are about a mail we sent them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import Status
from mailbot.mail.verp import verp_token
from mailbot.store.models import Event, Participant
from tests.fakes import BOT, ORGANISER, FakeBot, Sent
from tests.mails import mail

ANNA = "anna@org.example"


def dsn(returned_message_id: str, status: str = "5.1.1", action: str = "failed", to: str = BOT,
        sender: str = "MAILER-DAEMON@mx.org.example", recipient: str = ANNA) -> bytes:
    """An RFC 3464 report as Postfix writes it, returning our headers."""
    boundary = "B0UND"
    return (
        f"From: Mail Delivery System <{sender}>\r\nTo: {to}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <dsn{abs(hash((returned_message_id, status, to)))}@mx.org.example>\r\n"
        "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could "
        f"not be delivered.\r\n\r\n<{recipient}>: host mx.org.example said: {status[0]}50 {status} unknown user\r\n\r\n"
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.org.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n"
        f"Diagnostic-Code: smtp; {status[0]}50 {status} <{recipient}>: Recipient address rejected\r\n\r\n"
        f"--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: {BOT}\r\nTo: {recipient}\r\n"
        f"Subject: Aanmelding\r\nMessage-ID: {returned_message_id}\r\n\r\n--{boundary}--\r\n"
    ).encode()


def status_of(bot: FakeBot, address: str = ANNA) -> str | None:
    with bot.app.db.read_session() as session:
        return session.scalar(select(Participant.status).where(Participant.email == address))


def signed_up(tmp_path: Path, **extra: object) -> tuple[FakeBot, Sent]:
    bot = FakeBot.make(tmp_path, **extra)
    bot.receive(mail(ANNA, "Graag meld ik mij aan."))
    return bot, bot.smtp.to(ANNA)[0]


def forwards(bot: FakeBot) -> list[Sent]:
    return [s for s in bot.smtp.to(ORGANISER) if str(s.message["Subject"]).startswith("Fwd")]


def test_a_permanent_failure_of_our_mail_bounces_the_participant_and_tells_the_organiser(tmp_path: Path) -> None:
    bot, questionnaire = signed_up(tmp_path)
    bot.receive(dsn(str(questionnaire.message["Message-ID"])))
    assert status_of(bot) == Status.BOUNCED
    told = forwards(bot)
    assert len(told) == 1 and ANNA in told[0].text and "5.1.1" in told[0].text
    assert str(told[0].message["Reply-To"]).count("@") == 1 and BOT in str(told[0].message["Reply-To"]), \
        "her reply must not go to the mailer daemon"
    assert bot.smtp.to("mailer-daemon@mx.org.example") == [], "a machine is never answered"


def test_a_report_without_our_message_id_changes_nothing_and_goes_to_the_organiser(tmp_path: Path) -> None:
    bot, _ = signed_up(tmp_path)
    bot.receive(dsn("<forged@evil.example>", sender="MAILER-DAEMON@mx.evil.example"))
    assert status_of(bot) not in (Status.BOUNCED, None)
    told = forwards(bot)
    assert len(told) == 1 and "does not prove" in told[0].text


def test_a_temporary_failure_is_counted_not_a_bounce(tmp_path: Path) -> None:
    bot, questionnaire = signed_up(tmp_path)
    bot.receive(dsn(str(questionnaire.message["Message-ID"]), status="4.2.2", action="delayed"))
    assert status_of(bot) != Status.BOUNCED
    assert forwards(bot) == []


def test_repeated_temporary_failures_over_days_make_a_bounce(tmp_path: Path) -> None:
    bot, questionnaire = signed_up(tmp_path, bounces={"temporary_failures": 2, "temporary_days": 2})
    message_id = str(questionnaire.message["Message-ID"])
    bot.receive(dsn(message_id, status="4.2.2", action="delayed"))
    assert status_of(bot) != Status.BOUNCED
    with bot.app.db.session() as session:  # the first failure was three days ago
        for event in session.scalars(select(Event).where(Event.what == "temporary_failure")):
            event.at -= timedelta(days=3)
    bot.receive(dsn(message_id, status="4.4.1", action="delayed"))
    assert status_of(bot) == Status.BOUNCED


def test_with_verp_each_mail_has_its_own_return_path_and_a_bounce_to_it_proves_itself(tmp_path: Path) -> None:
    bot, questionnaire = signed_up(tmp_path, bounces={"verp": True})
    token = verp_token(questionnaire.envelope_from, BOT)
    assert token, f"the envelope sender names the mail: {questionnaire.envelope_from}"
    local, _, domain = BOT.partition("@")
    # the returned headers are cut off by this server: only the return path proves it
    bot.receive(dsn("<not-returned@nowhere.example>", to=f"{local}+b-{token}@{domain}"))
    assert status_of(bot) == Status.BOUNCED
