"""Mail a spam filter upstream has already flagged."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "spam"
description = "An upstream spam filter flagged the message."

# subject tags that filters (SpamAssassin rewrite_header, amavis, Exchange) put in front
_TAGGED = re.compile(r"^\s*(?:\[spam\]|\*{2,3}\s*spam\s*\*{2,3}|\{spam\??\}|\[spam\?\])", re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.header("x-spam-flag").strip().upper().startswith("YES"):
        return True
    status = mail.header("x-spam-status").strip().lower()
    return status.startswith("yes") or bool(_TAGGED.match(mail.subject))
