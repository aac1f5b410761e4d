"""Loops: an auto-responder that strips our Auto-Submitted header answers every mail we send it."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.faults.helpers import figures
from tests.servers.bot import BOT, Bot, interest_mail
from tests.servers.dovecot import MailboxUser

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROUNDS = 10
ROBOT = "robot@org.example"


def _auto_answer(ours: EmailMessage, n: int, threaded: bool) -> bytes:
    answer = EmailMessage()
    answer["From"] = f"Receptie <{ROBOT}>"
    answer["To"] = BOT
    answer["Subject"] = "Re: " + str(ours["Subject"])
    answer["Message-ID"] = make_msgid(f"auto{n}", domain="org.example")
    if threaded:
        answer["In-Reply-To"] = str(ours["Message-ID"])
    answer.set_content("Dank voor uw bericht. Wij nemen zo spoedig mogelijk contact met u op.\n\nMet vriendelijke "
                       "groet,\nReceptie\n")
    return answer.as_bytes()


@pytest.mark.parametrize("threaded", [True, False], ids=["with-in-reply-to", "without-in-reply-to"])
def test_auto_responder_loop_stops_within_the_rate_limit(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, threaded: bool) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    limit = 3  # rate_limit.max_replies, the default
    mailbox.append([interest_mail(0, ROBOT)])
    answered = 0
    for n in range(ROUNDS):
        bot.poll()
        ours = smtp.to(ROBOT)
        new = ours[answered:]
        answered = len(ours)
        if new:
            mailbox.append([_auto_answer(d.message, n * 10 + i, threaded) for i, d in enumerate(new)])
    rows = [m for m in bot.messages() if m["from"] == ROBOT]
    for_you = bot.digest_preview().text.split("\n2. ")[0]
    told = ROBOT in for_you
    figures(f"loop ({'threaded' if threaded else 'unthreaded'} auto-responder, {ROUNDS} rounds): "
            f"{len(smtp.to(ROBOT))} replies from us (limit {limit}), {len(rows)} mails from it, kinds "
            f"{[m['kind'] + '/' + m['state'] for m in rows]}; organiser told in the digest: {'yes' if told else 'no'}")
    assert len(smtp.to(ROBOT)) <= limit
    assert told, f"nothing tells the organiser about the loop:\n{for_you}"
