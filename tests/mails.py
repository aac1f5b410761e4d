"""Building the mail people send, for tests: a new message, or a reply to one of ours as a client writes it."""

from __future__ import annotations

import email.policy
import itertools
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from mailbot.demo.servers import Delivery
from tests.fakes import BOT, Sent

_counter = itertools.count(1)

# what Outlook puts under most of the organiser's mails: her commands must read through it (issue 26)
OUTLOOK_SIGNATURE = """
Met vriendelijke groet,

Marloes Bakker
Programmamanager Leerkringen
Platform31 | Koninginnegracht 60 | 2514 AE Den Haag
T 070 302 8484 | M 06 1234 5678
www.platform31.example

Dit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.
"""


def mail(sender: str, body: str, subject: str = "Aanmelding leerkring", name: str = "Jan de Vries",
         in_reply_to: str = "", headers: dict[str, str] | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = f"{name} <{sender}>"
    m["To"] = BOT
    m["Subject"] = subject
    m["Date"] = format_datetime(datetime.now(UTC))
    m["Message-ID"] = make_msgid(f"t{next(_counter)}", domain=sender.split("@")[-1])
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    for key, value in (headers or {}).items():
        m[key] = value
    m.set_content(body)
    return m.as_bytes(policy=email.policy.SMTP)


def reply(to: Sent | Delivery, sender: str, body: str, name: str = "Jan de Vries", quote: bool = True,
          headers: dict[str, str] | None = None) -> bytes:
    """A reply to one of our mails (from the fake or the real SMTP server), threaded and (by default)
    quoting it below, Gmail-style."""
    ours = to.message
    text = body
    if quote:
        plain = ours.get_body(preferencelist=("plain",))
        quoted = "\n".join("> " + line for line in (plain.get_content() if plain is not None else "").splitlines())
        text += f"\n\nOp {ours['Date']} schreef {ours['From']}:\n{quoted}\n"
    return mail(sender, text, subject=f"Re: {ours['Subject']}", name=name, in_reply_to=str(ours["Message-ID"]),
                headers=headers)


def html_mail(sender: str, html: str, plain: str | None = None, subject: str = "Vraag over de leerkring") -> bytes:
    """An HTML mail as a client sends it: HTML only, or with a text/plain alternative."""
    m = EmailMessage()
    m["From"] = f"Deelnemer <{sender}>"
    m["To"] = BOT
    m["Subject"] = subject
    m["Message-ID"] = make_msgid(f"h{next(_counter)}", domain=sender.split("@")[-1])
    if plain is None:
        m.set_content(html, subtype="html")
    else:
        m.set_content(plain)
        m.add_alternative(html, subtype="html")
    return m.as_bytes()
