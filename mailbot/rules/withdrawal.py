"""A participant leaving the whole learning circle ("ik meld mij af", "please remove me")."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts, text_of_interest

name = "withdrawal"
description = "The sender asks to be taken off the learning circle."

_WITHDRAW = re.compile(
    r"\bmeld(?:t)? (?:mij|me|ons|hem|haar) (?:\w+ ){0,3}?af\b|\bafmeld(?:en|ing)\b|\buitschrijven\b|"
    r"\bschrijf (?:mij|me) (?:\w+ ){0,2}?uit\b|\bniet (?:meer |langer )?(?:deelnemen|meedoen)\b|"
    r"\bvan de (?:deelnemers)?lijst\b|\btrek (?:mij|me|mijn aanmelding) (?:\w+ ){0,2}?terug\b|"
    r"\bunsubscribe\b|\bremove me\b|\bplease remove\b|\bwithdraw(?:al|ing)?\b|"
    r"\bcancel my (?:registration|participation)\b|"
    r"\bno longer (?:participate|take part|attend|join)\b|\bopt(?:ing)? out\b|\btake me off\b",
    re.IGNORECASE,
)
# leaving one meeting is a decline (recorded per meeting), not leaving the circle
_ONE_MEETING = re.compile(r"\b(?:deze|de volgende|die|volgende) (?:bijeenkomst|sessie|meeting)\b|"
                          r"\bvoor (?:de )?bijeenkomst \d\b|\bthis (?:meeting|session)\b|\bnext (?:meeting|session)\b",
                          re.IGNORECASE)


def check(mail: IncomingMail, facts: Facts) -> bool:
    text = text_of_interest(mail)
    if not _WITHDRAW.search(text):
        return False
    return not _ONE_MEETING.search(text) or bool(re.search(r"\bleerkring\b|learning circle", text))
