"""The person's words, end to end on the real servers: words only outside the quote reach a person, and
text a mail client would not show never acts (issue 25 point 3, issue 27 point 4)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.mails import html_mail
from tests.servers.bot import BOT, ORGANISER, Bot, interest_mail, of_kind, text_of
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration

ERASE = "Verwijder al mijn gegevens."
ASK = "Hoe laat begint de eerste bijeenkomst?"


def page(hidden: str, shown: str) -> str:
    return ("<html><head><style>.preheader{display:none!important}</style></head><body>"
            f"{hidden}<p>Goedemiddag,</p><p>{shown}</p><p>Met vriendelijke groet,<br>Deelnemer</p></body></html>")


# how each sender hides the erasure; the last one also carries it in the text/plain alternative
HIDING = {
    "display": f'<div style="display:none">{ERASE}</div>',
    "visibility": f'<span style="visibility:hidden">{ERASE}</span>',
    "fontsize": f'<span style="font-size:0px">{ERASE}</span>',
    "white": f'<p style="color:#ffffff">{ERASE}</p>',
    "attribute": f"<div hidden>{ERASE}</div>",
    "preheader": f'<div class="preheader" style="max-height:0;overflow:hidden;mso-hide:all">{ERASE}</div>',
    "alternative": f'<div style="display:none">{ERASE}</div>',
}


def test_hidden_html_text_starts_nothing_and_the_visible_text_is_still_read(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    senders = {how: f"{how}@gemeente.example" for how in HIDING}
    shown = "shown@gemeente.example"  # the same words, visible: the erasure is asked for (the test can fail)
    mailbox.append([interest_mail(i, a) for i, a in enumerate([*senders.values(), shown])])
    bot.poll()
    assert set(bot.participants()) == {*senders.values(), shown}

    mails = [html_mail(shown, page("", f"{ERASE} {ASK}"))]
    for how, hidden in HIDING.items():
        plain = f"{ERASE}\n\nGoedemiddag,\n\n{ASK}\n" if how == "alternative" else None
        mails.append(html_mail(senders[how], page(hidden, ASK), plain))
    mailbox.append(mails)
    bot.poll()

    assert len(of_kind(smtp, shown, "forget_confirm")) == 1, "visible, the same words ask for the erasure"
    forwards = [text_of(d) for d in of_kind(smtp, ORGANISER, "forward")]
    for how, sender in senders.items():
        assert of_kind(smtp, sender, "forget_confirm") == [], f"{how}: hidden text started an erasure"
        assert sender in bot.participants(), how
        (forward,) = [f for f in forwards if sender in f]  # the visible question reached the organiser
        assert ASK in forward and "Verwijder" not in forward, how
    stored = {m["from"]: m for m in bot.messages() if m["from"] in senders.values()}
    assert all("deletion" not in str(m["findings"]) for m in stored.values())


def test_a_reply_with_no_new_text_but_words_outside_the_quote_reaches_the_organiser_with_the_reason(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    jan = "jan@gemeente.example"
    mailbox.append([interest_mail(1, jan, name="Jan Jansen")])
    bot.poll()
    (questionnaire,) = smtp.to(jan)
    quoted = "> " + text_of(questionnaire).replace("\n", "\n> ")
    words = "Ik kan helaas niet op de eerste bijeenkomst; mijn collega Piet de Boer komt in mijn plaats."
    reply = EmailMessage()
    reply["From"] = f"Jan Jansen <{jan}>"
    reply["To"] = BOT
    reply["Subject"] = f"Re: {questionnaire.message['Subject']}"
    reply["Message-ID"] = make_msgid("words", domain="gemeente.example")
    reply["In-Reply-To"] = reply["References"] = str(questionnaire.message["Message-ID"])
    reply.set_content(f"--\n{words}\nJan Jansen\n\nOp wo 4 okt. 2017 om 09:15 schreef Leerkring <{BOT}>:\n{quoted}\n")
    mailbox.append([reply.as_bytes()])
    bot.poll()

    (forward,) = of_kind(smtp, ORGANISER, "forward")
    body = " ".join(text_of(forward).split())
    assert "geen eigen tekst boven het citaat, wel woorden erbuiten" in body, "the reason"
    assert words in body
    (stored,) = [m for m in bot.messages() if m["from"] == jan and m["subject"].startswith("Re:")]
    assert stored["state"] == "needs_human"
    assert len(smtp.to(jan)) == 2, "Jan hears that a person reads it"
