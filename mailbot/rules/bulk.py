"""Lists, newsletters and no-reply senders: mail nobody expects an answer to."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "bulk"
description = "The message is list, bulk or no-reply mail."

_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help", "x-mailing-list", "mailing-list",
                 "x-campaign", "x-campaignid", "x-mc-user", "x-mailchimp-campaign", "x-list", "x-listname")
_NOREPLY = re.compile(r"^(?:(?:[^@]*[-_.])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply)|niet[-_.]?beantwoorden|"
                      r"nepasrepondre|notifications?|newsletter|nieuwsbrief|news|mailer|bulk)(?:[-+.][^@]*)?@",
                      re.IGNORECASE)
# envelope senders of list servers and mailing services (VERP); a person's own mail returns to themselves
_BOUNCE_HANDLER = re.compile(r"^(?:bounces?|owner-[^@]*|[^@]*-(?:bounces?|owner))(?:[-+._=][^@]*)?@|@bounces?\.",
                             re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if any(h in mail.header_names for h in _LIST_HEADERS):
        return True
    if mail.header("precedence").strip().lower() in ("bulk", "list", "junk"):
        return True
    # the null return path <> is reserved for notifications (RFC 5321 4.5.5): nobody answers those
    if mail.return_path == "" or _BOUNCE_HANDLER.search(mail.return_path or ""):
        return True
    return bool(_NOREPLY.match(mail.sender or ""))
