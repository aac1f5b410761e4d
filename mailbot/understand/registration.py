"""Someone new who wants to take part, or someone who withdrew and wants to come back.

A first mail from a new address is a sign-up, the registration address being what it is, unless
it only asks something (a question, without a word about taking part) or only asks us to erase or
to withdraw, or is about someone else: then a person answers it and nobody is registered.
"""

from __future__ import annotations

import re

from mailbot.core.domain import GONE, Finding
from mailbot.understand.phrases import is_condition, negated
from mailbot.understand.reading import Found, Reading, Sentences

name = "registration"

INTENT = re.compile(
    r"\baanmeld(?:en|ing)\b|\bmeld(?:t)? (?:mij|me|ons|u) (?:\w+ ){0,3}?aan\b|\bdeelne(?:men|me|emt)\b|\bdeelname\b"
    r"|\bdeel (?:te )?nemen\b"
    r"|\bmee(?:doen|doet)\b|\bdoe(?:n)? (?:\w+ ){0,2}mee\b|\binteresse\b|\bge[iï]nteresseerd\b|\binschrijv(?:en|ing)\b"
    r"|\bschrijf (?:mij|me) (?:\w+ ){0,2}?in\b|\baansluiten\b|\bsign(?:ing)? (?:me |us )?up\b"
    r"|\bregist(?:er|ration|ering)\b|\btake part\b|\bparticipat(?:e|ing|ion)\b|\bjoin(?:ing)?\b|\binterested\b"
    r"|\benrol(?:l)?\b")
# a question that is itself the sign-up ("kan ik me nog aanmelden?"): nothing more to hand on
_ASKS_TO_JOIN = re.compile(r"^(?:kan|mag|kun) ik (?:me |mij )?(?:nog |ook )?(?:aanmelden|inschrijven|meedoen|deelnemen)"
                           r"|^(?:can|may) i (?:still |also )?(?:join|register|sign up|take part|participate)")
_AGAIN = re.compile(r"\b(?:weer|opnieuw|toch|alsnog|again|after all|back)\b")


def _claims(sentence: str) -> bool:
    """An intent sentence that says nothing else: a question in it still goes to a person."""
    lower = sentence.lower()
    return "?" not in lower or bool(_ASKS_TO_JOIN.match(lower))


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    intent = [(i, s) for i, s in sentences.unclaimed() if INTENT.search(s.lower()) and not is_condition(s.lower())
              and not negated(s.lower(), INTENT)]
    claimed = tuple(i for i, s in intent if _claims(s))
    subject_says = bool(INTENT.search(reading.subject.lower()))
    if reading.status in GONE:
        comeback = [(i, s) for i, s in intent if _AGAIN.search(s.lower())] or (
            intent if not sentences.claimed else [])
        if comeback or (subject_says and _AGAIN.search(reading.words)):
            return [Found(Finding.COMEBACK, comeback[0][1] if comeback else reading.subject, {},
                          tuple(i for i, s in comeback if _claims(s)))]
        return []
    if reading.participant:  # signing up again: nothing new to do, nothing to hand on
        return [Found(Finding.REGISTRATION, intent[0][1], {"already": True}, claimed)] if claimed else []
    if intent or subject_says:
        return [Found(Finding.REGISTRATION, intent[0][1] if intent else reading.subject, {}, claimed)]
    if sentences.claimed:
        return []  # the mail is about something else we understood (an erasure, a colleague)
    unclaimed = [s for _, s in sentences.unclaimed()]
    if any("?" in s for s in unclaimed) or reading.mail.attachments:
        return []  # a question or a document from someone new: a person answers it
    return [Found(Finding.REGISTRATION, reading.subject or (unclaimed[0] if unclaimed else ""), {"implicit": True})]
