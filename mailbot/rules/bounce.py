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
    r"could not be delivered|mail system error|warning: could not send|returned mail|error during delivery|"
    r"delivery warning|delivery failure|loop alert|non remis|niet bezorgd|zustellung fehlgeschlagen",
    re.IGNORECASE,
)


# local parts of mail system accounts: a message from one reporting a failure is a bounce
_SYSTEM_SENDER = re.compile(r"^(?:post_?master|mailer|.*daemon|.*smtp.*|.*gateway.*|.*antivirus.*|"
                            r"\"?system[ ._-]?administrator\"?|.*-admin|.*-owner|.*-bounces?|mail[._-]?admin|"
                            r"mta|exchange(?:admin)?)@", re.IGNORECASE)
_FAILURE_TEXT = re.compile(
    r"could not be delivered|couldn't be delivered|not be delivered|undeliverable|delivery (?:has )?failed|"
    r"failed recipient|requested action not taken|no such user|user unknown|mailbox unavailable|"
    r"recipient address rejected|\b5\d\d[ -]5\.\d+\.\d+|\b550\b|n'a pas pu [eê]tre d[ée]livr[ée]|"
    r"kon niet worden afgeleverd|kan niet worden bezorgd|duplicated message-id|"
    r"invalid (?:user|recipient|address)",
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
    if _SYSTEM_SENDER.match(mail.sender or "") and (
        _SUBJECTS.search(mail.subject) or _FAILURE_TEXT.search(mail.text[:3000])
    ):
        return True
    if _SUBJECTS.search(mail.subject) and _FAILURE_TEXT.search(mail.text[:3000]):
        return True
    return bool(_SUBJECTS.search(mail.subject)) and (
        not mail.sender or mail.return_path == "" or "auto" in mail.header("auto-submitted").lower()
        or "message/rfc822" in mail.part_types or "text/rfc822-headers" in mail.part_types
    )
