"""The same words from the same sender, again and again in one conversation within a day: a machine answering us.

A person writing several mails in one conversation is never a loop: their words differ. An
auto-responder that strips the headers we recognise machines by sends the same text every time,
or the same text with another ticket number. The conversation decides, not the words alone
(``engine.batch.Batch.repeats``): the same "JA" to three different requests of ours is three
answers. Mail from an organiser, or an answer to one of our requests, is never a loop.
"""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "repeated"
description = "The sender sent these very words twice before today (or once with other numbers), in one conversation."
LIMIT = 2  # the third identical mail is a loop; a person may well resend once ("did you get this?")
SIMILAR_LIMIT = 1  # a second text that differs only in its numbers is a machine's template: answered once
SIMILAR_MIN_WORDS = 8  # shorter texts ("ik kom op 12 maart") are a person's, however alike


def check(mail: IncomingMail, facts: Facts) -> bool:
    if facts.answers_us:
        return False
    long_enough = len(mail.new_text.split()) >= SIMILAR_MIN_WORDS
    return facts.repeats >= LIMIT or (long_enough and facts.similar >= SIMILAR_LIMIT)
