"""Lists, newsletters and no-reply senders: mail nobody expects an answer to."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "bulk"
description = "The message is list, bulk or no-reply mail."

_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help", "x-mailing-list", "mailing-list",
                 "x-campaign", "x-campaignid", "x-mc-user", "x-mailchimp-campaign", "x-list", "x-listname")
_NOREPLY = re.compile(r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply|niet[-_.]?beantwoorden|"
                      r"nepasrepondre|notifications?|newsletter|nieuwsbrief|news|mailer|bulk)(?:[-+.][^@]*)?@",
                      re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if any(h in mail.header_names for h in _LIST_HEADERS):
        return True
    if mail.header("precedence").strip().lower() in ("bulk", "list", "junk"):
        return True
    return bool(_NOREPLY.match(mail.sender or ""))
