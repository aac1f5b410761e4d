"""A reply carrying one of our confirmation tokens (to confirm a data deletion request)."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "confirmation"
description = "The sender confirms a request by replying with our token."


def check(mail: IncomingMail, facts: Facts) -> bool:
    return bool(facts.reply_tokens) and facts.replies_to == "forget_confirm"
