"""The same words from the same sender, again and again within a day: a machine answering us (a loop).

A person writing several mails in one conversation is never a loop: their words differ. An
auto-responder that strips the headers we recognise machines by sends the same text every time.
"""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "repeated"
description = "The sender sent these very words twice before today."
LIMIT = 2  # the third identical mail is a loop; a person may well resend once ("did you get this?")


def check(mail: IncomingMail, facts: Facts) -> bool:
    return facts.repeats >= LIMIT
