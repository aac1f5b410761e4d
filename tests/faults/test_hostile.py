"""Hostile content: no header injection, no unescaped script in any HTML we make, replies only to the sender."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

import pytest

from mailbot.demo.servers import Delivery, SmtpSink
from tests.faults.helpers import figures
from tests.servers.bot import BOT, ORGANISER, Bot
from tests.servers.dovecot import MailboxUser

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SCRIPT = "<script>alert(1)</script>"


def _mail(headers: str, body: str) -> bytes:
    return (headers.strip() + "\nTo: leerkring@example.org\nDate: Mon, 18 Sep 2017 12:00:00 +0200\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body).encode()


HOSTILE = {
    # sender address -> raw mail
    "a@org.test": _mail(
        'From: "=?utf-8?q?Evil=0D=0ABcc:_x@evil.test?=" <a@org.test>\nReply-To: victim@evil.test\n'
        "Subject: =?utf-8?q?Aanmelding=0D=0ABcc:_y@evil.test=0D=0A=0D=0A<html>?=\nMessage-ID: <h1@org.test>",
        "Graag aanmelden. Stuur de vragenlijst ook naar collega@evil.test en baas@evil.test.\n"
        "To: z@evil.test\nCc: w@evil.test\n"),
    "b@org.test": _mail(
        "From: =?utf-8?q?Evil=0ABcc=3A_x2@evil=2Etest?= <b@org.test>\n"
        "Reply-To: =?utf-8?q?v@evil.test=0D=0ABcc:_v2@evil.test?=\n"
        "Subject: Aanmelding\r\n\tBcc: folded@evil.test\nMessage-ID: <h2@org.test>",
        "Graag aanmelden voor de leerkring.\n"),
    "s@org.test": _mail(
        f'From: "{SCRIPT}" <s@org.test>\nSubject: {SCRIPT} Aanmelding <img src=x onerror=alert(2)>\n'
        "Message-ID: <h3@org.test>",
        f"Graag aanmelden. {SCRIPT} Kan ik ook iets vragen?\n"),
    "t@org.test": _mail(
        'From: "victim@evil.test" <t@org.test>\nSender: other@evil.test\nReply-To: a@evil.test, b@evil.test\n'
        "Subject: Aanmelding\nMessage-ID: <h4@org.test>", "Graag aanmelden, ook voor victim@evil.test.\n"),
    "q@org.test": _mail(
        f"From: =?utf-8?b?{'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='}?= <q@org.test>\n"
        "Subject: Vraag\nMessage-ID: <h5@org.test>",
        f"Is er parkeergelegenheid? {SCRIPT}\n<b onmouseover=alert(3)>vet</b>\n"),
}


def _head_lines(delivery: Delivery) -> list[str]:
    head = delivery.raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("ascii", "replace")
    return re.sub(r"\n[ \t]+", " ", head).splitlines()  # unfolded


def _html_parts(raw: bytes) -> list[str]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return [part.get_content() for part in msg.walk() if part.get_content_type() == "text/html"]


def _answer_with_script(question_mail: Delivery) -> bytes:
    """A reply to the questionnaire with script in the open answers."""
    msg = question_mail.message
    text = msg.get_body(preferencelist=("plain",)).get_content()
    lines = []  # answered inline: the questions quoted, the answers under them
    for line in text.splitlines():
        lines.append("> " + line)
        if re.match(r"\d+\. Bij welke organisatie", line):
            lines.append(f"Gemeente {SCRIPT}")
        elif re.match(r"\d+\. Welke concrete vragen", line):
            lines.append(f"Hoe werkt <img src=x onerror=alert(4)> {SCRIPT}?")
        elif line.startswith("[ ] Bedrijf"):
            lines[-1] = "[x] Bedrijf"
    reply = EmailMessage()
    reply["From"] = "s@org.test"
    reply["To"] = BOT
    reply["Subject"] = "Re: " + str(msg["Subject"])
    reply["Message-ID"] = "<h3answer@org.test>"
    reply["In-Reply-To"] = str(msg["Message-ID"])
    reply["References"] = str(msg["Message-ID"])
    reply.set_content("\n".join(lines) + "\n")
    return reply.as_bytes()


def test_hostile_names_subjects_and_bodies(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append(list(HOSTILE.values()))
    assert bot.run("poll").returncode == 0
    questionnaire = smtp.to("s@org.test")
    assert questionnaire, "the script-named sender got the questionnaire"
    mailbox.append([_answer_with_script(questionnaire[0])])
    assert bot.run("poll").returncode == 0
    problems = []
    for d in smtp.deliveries:
        lines = _head_lines(d)
        forward = d.recipients == (ORGANISER,)  # "a question for a person" goes to her at once, Reply-To the sender
        if not forward and (len(d.recipients) != 1 or d.recipients[0] not in HOSTILE):
            problems.append(f"sent to {d.recipients}")
        if forward:
            reply_to = [line.split(":", 1)[1] for line in lines if line.lower().startswith("reply-to:")]
            if len(reply_to) != 1 or [a for _, a in getaddresses(reply_to)][-1] != BOT \
                    or len(getaddresses(reply_to)) != 2 or getaddresses(reply_to)[0][1] not in HOSTILE:
                problems.append(f"a forward's Reply-To is not the sender and us: {reply_to}")
            lines = [line for line in lines if not line.lower().startswith("reply-to:")]
        to = [line for line in lines if line.lower().startswith(("to:", "cc:", "bcc:"))]
        addresses = [a for _, a in getaddresses([line.split(":", 1)[1] for line in to])]
        if len(to) != 1 or addresses != list(d.recipients):
            problems.append(f"address headers {to} for a mail to {d.recipients}")
        names = [line.split(":", 1)[0].lower() for line in lines]
        if any(n in ("bcc", "cc") for n in names) or len(names) != len(set(names)) and names.count("received") < 2:
            problems.append(f"header names {names}")
        if any("evil" in line.lower() for line in lines if not line.lower().startswith(("subject:", "to:"))):
            problems.append(f"evil address in a header: {lines}")
        for html in _html_parts(d.raw):
            if re.search(r"<script|<img|<b on", html, re.IGNORECASE):
                problems.append(f"raw markup in the HTML to {d.recipients}")
    digest = bot.digest_preview()
    digest_html = digest.html or ""
    if re.search(r"<script|<img|<b on", digest_html, re.IGNORECASE):
        problems.append("raw markup in the digest HTML")
    if "\n" in digest.subject or "\r" in digest.subject:
        problems.append("line break in the digest subject")
    answers = bot.participants()["s@org.test"]["answers"]
    figures(f"hostile: {len(HOSTILE)} mails with CR/LF in encoded names and subjects, Reply-To/Sender/body addresses, "
            f"script in names, subjects, bodies and answers: {smtp.count()} replies, recipients "
            f"{sorted({r for d in smtp.deliveries for r in d.recipients})}; {len(problems)} problems; "
            f"digest HTML {len(digest_html)} chars, script escaped: {'&lt;script' in digest_html}")
    assert problems == [], "\n".join(problems)
    assert "organisation" in answers and SCRIPT in str(answers["organisation"]), "the answer was stored as written"
    assert "&lt;script&gt;" in digest_html, "the script is shown to the organiser, escaped"
    assert smtp.to("a@org.test") and smtp.to("b@org.test") and smtp.to("t@org.test")


def test_reply_never_goes_to_an_address_in_an_unquoted_display_name(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mails = {
        "u1@org.test": _mail("From: victim@evil.test <u1@org.test>\nSubject: Aanmelding\nMessage-ID: <u1@org.test>",
                             "Graag aanmelden voor de leerkring.\n"),
        "u2@org.test": _mail("From: Jan victim2@evil.test <u2@org.test>\nSubject: Aanmelding\n"
                             "Message-ID: <u2@org.test>", "Graag aanmelden voor de leerkring.\n"),
    }
    mailbox.append(list(mails.values()))
    assert bot.run("poll").returncode == 0
    recipients = sorted(r for d in smtp.deliveries for r in d.recipients)
    senders = {m["message_id"]: m["from"] for m in bot.messages()}
    figures(f"display-name address: replies went to {recipients}; stored senders {senders}")
    assert not any("evil" in r for r in recipients), recipients
    assert recipients == sorted(mails)
