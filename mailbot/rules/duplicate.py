"""A message we stored before (same Message-ID, or the same bytes when it has none)."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "duplicate"
description = "The same message was delivered before."


def check(mail: IncomingMail, facts: Facts) -> bool:
    return facts.duplicate
