"""Read receipts (MDNs), their Outlook look-alikes, and abuse feedback reports (ARF) about our mail."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "receipt"
description = "The message is a read receipt or another machine report about a message."

_SUBJECTS = re.compile(r"^\s*(?:read|gelezen|gelesen|lu|le[ií]do|not read|niet gelezen|ungelesen|"
                       r"read receipt|leesbevestiging|delivered|bezorgd|zugestellt)\s*:", re.IGNORECASE)
# Hotmail's complaint loop (JMRP) sends the reported message as a bare message/rfc822 part
_COMPLAINT = re.compile(r"^\s*complaint about message from \d", re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.report_type == "disposition-notification" or "message/disposition-notification" in mail.part_types:
        return True
    # RFC 6522 reports are written by machines only; delivery-status ones were taken by the bounce rule
    if mail.content_type == "multipart/report" or "message/feedback-report" in mail.part_types:
        return True
    if _COMPLAINT.match(mail.subject) and "message/rfc822" in mail.part_types:
        return True
    return bool(_SUBJECTS.match(mail.subject)) and len(mail.new_text) < 2000
