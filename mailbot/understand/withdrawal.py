"""The sender leaves the whole circle: not one meeting (that is attendance), not a colleague (that is
colleague), not a question about how to, not a condition, not a negation."""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.understand.phrases import about_someone_else, is_condition, is_greeting, is_question, is_thanks, negated
from mailbot.understand.reading import Found, Reading, Sentences
from mailbot.understand.references import mentions_one_meeting

name = "withdrawal"

_WITHDRAW = re.compile(
    r"\bmeld(?:t)? (?:mij|me|ons) (?:\w+ ){0,3}?af\b|\b(?:mij|me|ons) (?:\w+ ){0,2}?afmelden\b|\bafmelden\b"
    r"|\bafmelding\b|\buitschrijven\b|\bschrijf (?:mij|me|ons) (?:\w+ ){0,2}?uit\b"
    r"|\bniet (?:meer |langer )?(?:deelnemen|meedoen|mee ?doen|deel ?nemen)\b|\bdoe(?:n)? (?:\w+ )?niet (?:meer )?mee\b"
    r"|\bvan de (?:deelnemers)?lijst\b|\btrek (?:mij|me|mijn aanmelding) (?:\w+ ){0,2}?terug\b"
    r"|\bstop(?:pen)? (?:met|bij) de leerkring\b|\bzie (?:af|ervan af) van (?:deelname|de leerkring)\b"
    r"|\bunsubscribe\b|\bremove me\b|\bwithdraw(?:al|ing)?\b|\bcancel my (?:registration|participation|place)\b"
    r"|\bno longer (?:participate|take part|attend|join|be part|be able to (?:participate|take part|join))\b"
    r"|\bopt(?:ing)? out\b|\btake me off\b|\bleave the (?:learning )?circle\b",
)
_WHOLE_CIRCLE = re.compile(r"\bleerkring\b|\blearning circle\b|\bhele\b|\balle bijeenkomsten\b|\bprogramma\b"
                           r"|\bwhole\b|\ball (?:the )?(?:meetings|sessions)\b|\bdefinitief\b")


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    for index, sentence in sentences.unclaimed():
        lower = sentence.lower()
        if not _WITHDRAW.search(lower):
            continue
        if is_condition(lower) or negated(lower, _WITHDRAW) or about_someone_else(lower):
            continue
        if is_question(lower) and not re.search(r"\b(?:kunt|wilt|kan|can|could|would) (?:u|you|jullie) (?:mij|me)\b",
                                                lower):
            continue  # "hoe meld ik me af?" asks how; "kunt u mij afmelden?" asks to be withdrawn
        if mentions_one_meeting(lower, reading.meetings) and not _WHOLE_CIRCLE.search(lower):
            continue  # "ik meld me af voor de tweede bijeenkomst" is a decline for that meeting
        return [Found(Finding.WITHDRAWAL, sentence, {}, (index,))]
    subject = reading.subject.lower().strip()
    said = [s for _, s in sentences.unclaimed() if not is_greeting(s) and not is_thanks(s) and len(s.split()) > 2]
    if not said and _WITHDRAW.search(subject) and not about_someone_else(subject) \
            and not negated(subject, _WITHDRAW) and not re.search(r"\bcollega|\bcolleague", subject):
        return [Found(Finding.WITHDRAWAL, reading.subject, {}, ())]  # only the subject says it
    return []
