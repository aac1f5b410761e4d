"""Read receipts (MDNs) and their Outlook look-alikes."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "receipt"
description = "The message is a read or delivery receipt."

_SUBJECTS = re.compile(r"^\s*(?:read|gelezen|gelesen|lu|le[ií]do|not read|niet gelezen|ungelesen|"
                       r"read receipt|leesbevestiging|delivered|bezorgd|zugestellt)\s*:", re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.report_type == "disposition-notification" or "message/disposition-notification" in mail.part_types:
        return True
    return bool(_SUBJECTS.match(mail.subject)) and len(mail.new_text) < 2000
