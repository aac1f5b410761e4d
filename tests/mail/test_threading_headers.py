"""Threading headers always fit a line (RFC 5322: 998 characters): an absurd Message-ID is left out, never a
reason to give up on a reply. The subject still threads it."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from mailbot.demo.servers import SmtpSink
from mailbot.mail.compose import MAX_HEADER_LINE, OutgoingMail, fits_a_header
from tests.servers.bot import Bot
from tests.servers.dovecot import MailboxUser

HUGE = "<" + "x" * 3000 + "@spam.example>"
NORMAL = "<CAF1234@mail.gmail.com>"


def mail(in_reply_to: str, references: tuple[str, ...]) -> OutgoingMail:
    return OutgoingMail(from_name="Leerkring", from_address="leerkring@example.org", to_name="Anna",
                        to_address="anna@gemeente.example", subject="Re: Aanmelding", text="Dank u.\n", html=None,
                        message_id="<mailbot.reply.1@example.org>", date=datetime(2025, 3, 1, tzinfo=UTC),
                        in_reply_to=in_reply_to, references=references)


def test_an_over_long_message_id_is_left_out_and_every_line_fits() -> None:
    raw = mail(HUGE, ("<a@x.example>", HUGE, NORMAL)).to_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= MAX_HEADER_LINE
    parsed = message_from_bytes(raw)
    assert parsed["In-Reply-To"] is None
    assert parsed["References"].split() == ["<a@x.example>", NORMAL]
    assert parsed["Subject"] == "Re: Aanmelding"


def test_ids_that_fit_are_kept_whole_and_broken_ones_left_out() -> None:
    longest = "<" + "y" * (MAX_HEADER_LINE - len("In-Reply-To: ") - 2) + ">"
    assert fits_a_header(longest) and not fits_a_header(longest[:-1] + "y>")
    assert fits_a_header(NORMAL)
    for broken in ("", "<a b@x>", "<é@x.example>", "<a@x>\r\nBcc: x@y", "a@x.example", "<a<b@x>"):
        assert not fits_a_header(broken), broken
    parsed = message_from_bytes(mail(NORMAL, (NORMAL,)).to_bytes())
    assert parsed["In-Reply-To"] == NORMAL and parsed["References"] == NORMAL


def test_a_reply_to_a_mail_with_a_3000_character_message_id_goes_out(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    """Through Dovecot and an SMTP server that refuses lines over 1,000 bytes ("500 Line too long")."""
    bot = Bot(tmp_path, mailbox, smtp)
    m = EmailMessage()
    m["From"] = "Anna de Vries <anna@gemeente.example>"
    m["To"] = "leerkring@example.org"
    m["Subject"] = "Aanmelding leerkring"
    m["Date"] = format_datetime(datetime.now(UTC))
    m["Message-ID"] = HUGE
    m.set_content("Beste organisatie,\n\nGraag meld ik mij aan voor de leerkring.\n\nMet vriendelijke groet,\nAnna\n")
    mailbox.append([m.as_bytes(policy=m.policy.clone(max_line_length=0))])
    report = bot.poll()
    assert report.drain.sent == 1 and not report.drain.error, report.as_dict()
    [reply] = smtp.to("anna@gemeente.example")
    assert reply.message["In-Reply-To"] is None and reply.message["References"] is None
    assert str(reply.message["Subject"]) == "Re: Aanmelding leerkring"
    assert max(len(line) for line in reply.raw.split(b"\r\n")) <= MAX_HEADER_LINE
