"""iCalendar replies (accept/decline buttons): recorded, never answered."""

from __future__ import annotations

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "calendar_reply"
description = "The message is an iCalendar METHOD:REPLY."


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.calendar is None:
        return False
    head = mail.calendar[:4000].upper().replace(b"\r\n ", b"")
    return b"METHOD:REPLY" in head or b"METHOD:COUNTER" in head
