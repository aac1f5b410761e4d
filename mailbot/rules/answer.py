"""A reply to our questionnaire: by threading, by sender and subject, or by its content."""

from __future__ import annotations

from mailbot.domain import ACTIVE, ANSWERABLE_MAIL
from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "answer"
description = "The message answers our questionnaire."

_REPLY_PREFIXES = ("re:", "re :", "antw:", "antw.:", "aw:", "sv:", "réf", "ref:", "r:")


def check(mail: IncomingMail, facts: Facts) -> bool:
    if facts.replies_to in ANSWERABLE_MAIL:
        return True
    if facts.replies_to is not None or facts.participant_status not in ACTIVE:
        return False
    # threading headers lost (Outlook HTML, forwarding): a participant's reply to our subject, or our list
    return mail.subject.strip().lower().startswith(_REPLY_PREFIXES) or facts.carries_questionnaire
