"""A participant telling us they cannot come to one meeting (not leaving the circle)."""

from __future__ import annotations

from mailbot.domain import MEETING_MAIL
from mailbot.mail.parse import IncomingMail
from mailbot.meetings.attendance import detect_decline
from mailbot.rules import Facts

name = "decline"
description = "The sender cannot attend a meeting."


def check(mail: IncomingMail, facts: Facts) -> bool:
    if facts.participant_status is None:
        return False
    if facts.replies_to not in MEETING_MAIL and facts.replies_to is not None:
        return False
    text = f"{mail.subject}\n{mail.new_text}"
    return detect_decline(text, "nl") or detect_decline(text, "en")
