"""A human writing about something else than signing up: handed to the organiser."""

from __future__ import annotations

import re

from mailbot.mail.parse import IncomingMail
from mailbot.rules import Facts, text_of_interest

name = "question"
description = "The sender asks something a person must answer."

INTENT = re.compile(
    r"\baanmeld(?:en|ing)\b|\bmeld(?:t)? (?:mij|me|ons|hem|haar|u) (?:\w+ ){0,3}?aan\b|\bdeelne(?:men|me|emt)\b|"
    r"\bdeelname\b|\bmee(?:doen|doet)\b|\bdoe(?:n)? (?:graag )?mee\b|\binteresse\b|\bge[iï]nteresseerd\b|"
    r"\binschrijv(?:en|ing)\b|\bschrijf (?:mij|me) (?:\w+ ){0,2}?in\b|\baansluiten\b|"
    r"\bsign(?:ing)? (?:me |us )?up\b|\bregist(?:er|ration|ering)\b|\btake part\b|\bparticipat(?:e|ing|ion)\b|"
    r"\bjoin(?:ing)?\b|\binterested\b|\benrol(?:l)?\b",
    re.IGNORECASE,
)


def check(mail: IncomingMail, facts: Facts) -> bool:
    text = text_of_interest(mail)
    asks = "?" in mail.new_text or "?" in mail.subject
    if facts.participant_status is not None:
        return asks  # a known participant writing again: a question, or a repeated sign-up
    return asks and not INTENT.search(text)
