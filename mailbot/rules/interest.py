"""Someone new writing to the registration address: the default for human mail."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "interest"
description = "A person shows interest in the learning circle."


def check(mail: IncomingMail, facts: Facts) -> bool:
    return bool(mail.sender)
