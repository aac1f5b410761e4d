"""A reply carrying one of our confirmation tokens (to confirm a data deletion request)."""

from __future__ import annotations

from mailbot.domain import MailKind
from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "confirmation"
description = "The sender confirms a request by replying with our token."


def check(mail: IncomingMail, facts: Facts) -> bool:
    # No threading headers at all still counts: some clients drop them, which is why the token is in
    # the subject. A reply to any other mail of ours is not a confirmation, whatever it quotes.
    return bool(facts.reply_tokens) and facts.replies_to in (None, MailKind.FORGET_CONFIRM)
