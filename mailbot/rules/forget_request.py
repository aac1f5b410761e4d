"""A request to erase one's personal data (AVG/GDPR art. 17)."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts, text_of_interest

name = "forget_request"
description = "The sender asks us to delete their data."

_FORGET = re.compile(
    r"\bverwijder (?:al )?(?:mijn|m'n) (?:persoons)?gegevens\b|\b(?:mijn|m'n) (?:persoons)?gegevens "
    r"(?:\w+ ){0,4}?(?:verwijder(?:en|d)|wissen)\b|\brecht op (?:vergetelheid|verwijdering)\b|"
    r"\bdelete (?:all )?my (?:personal )?(?:data|information|details)\b|\berase my (?:personal )?(?:data|details)\b|"
    r"\bright to (?:be forgotten|erasure)\b|\bremove my (?:personal )?(?:data|details)\b",
    re.IGNORECASE,
)


def check(mail: IncomingMail, facts: Facts) -> bool:
    return bool(_FORGET.search(text_of_interest(mail)))
