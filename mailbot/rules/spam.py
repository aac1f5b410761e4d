"""Mail a spam filter upstream has already flagged."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "spam"
description = "An upstream spam filter flagged the message."


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.header("x-spam-flag").strip().upper().startswith("YES"):
        return True
    status = mail.header("x-spam-status").strip().lower()
    return status.startswith("yes")
