"""Mail from our own address, or carrying our own loop marker: answering it would loop."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "own_address"
description = "The message comes from our own address or already passed through us."


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.sender and mail.sender in facts.own_addresses:
        return True
    loop = mail.header("x-loop").lower()
    if any(address in loop for address in facts.own_addresses):
        return True
    # our Message-IDs look like <mailbot.kind.xxx@domain>; a message carrying one as its own id is ours
    return mail.message_id.startswith("<mailbot.") and mail.message_id.endswith(f"@{facts.own_domain}>")
