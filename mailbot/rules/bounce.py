"""Delivery failure reports: DSNs, MTA bounces, mailer-daemon and postmaster mail."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts

name = "bounce"
description = "The message reports that mail could not be delivered."

_DAEMONS = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|maildaemon|mdaemon|bounce[s]?|mail\.?delivery)"
                      r"(?:[-+.][^@]*)?@", re.IGNORECASE)
_SUBJECTS = re.compile(
    r"undeliver|undelivered mail|delivery (?:status notification|failure|has failed|failed|problem|report)"
    r"|returned mail|mail delivery failed|failure notice|onbestelbaar|niet afgeleverd|kan niet worden bezorgd"
    r"|unzustellbar|non remis|nondeliverable|message not delivered|delivery notification|rejected:|"
    r"could not be delivered|mail system error|warning: could not send",
    re.IGNORECASE,
)


def check(mail: IncomingMail, facts: Facts) -> bool:
    if mail.content_type == "multipart/report" and mail.report_type == "delivery-status":
        return True
    if "message/delivery-status" in mail.part_types:
        return True
    if _DAEMONS.match(mail.sender or ""):
        return True
    if mail.return_path == "" and _SUBJECTS.search(mail.subject):
        return True
    return bool(_SUBJECTS.search(mail.subject)) and (
        not mail.sender or mail.return_path == "" or "auto" in mail.header("auto-submitted").lower()
        or "message/rfc822" in mail.part_types or "text/rfc822-headers" in mail.part_types
    )
