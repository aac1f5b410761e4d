"""Mail about someone else: a colleague who withdraws or wants to join, answers sent "namens" someone,
a forwarded mail of another person. Never the sender's own record: answers sent on someone's behalf are
theirs (``on_behalf``; ``settle`` keeps them off the sender), and the rest goes to the organiser."""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_condition
from mailbot.understand.reading import Found, Reading, Sentences

name = "colleague"

_NAME = r"((?:[A-Z][\w'-]+)(?:\s+(?:van|de|der|den|ter|el|[A-Z][\w'-]+)){0,3})"
_WHO = re.compile(
    r"\b(?i:mijn|onze) (?i:collega|medewerker|manager|leidinggevende|directeur|secretaresse|assistent)(?:\s+"
    + _NAME + r")?|\b(?i:my|our) (?i:colleague|co-worker|coworker|manager|assistant|secretary|boss)(?:\s+" + _NAME
    + r")?|\b(?i:namens) (?:(?i:mijn) \w+ )?" + _NAME + r"|\b(?i:on behalf of) (?:(?i:my) \w+ )?" + _NAME
    + r"|\b(?i:voor|for) (?i:mijn|my) (?i:collega|colleague) " + _NAME)
_INTENT = {
    "withdraw": re.compile(r"\bafmeld|\bmeldt? (?:zich|hem|haar) \w* ?af\b|\bzich (?:\w+ ){0,2}afmelden|\bniet meer"
                           r"|\bwithdraw|\bunsubscribe|\bno longer|\bcancel", re.IGNORECASE),
    "register": re.compile(r"\baanmeld|\bmeldt? (?:zich|hem|haar) \w* ?aan\b|\bzich (?:\w+ ){0,2}aanmelden"
                           r"|\bdeelnemen|\bmeedoen|\bsign(?:s|ing)? up|\bregister|\bjoin|\btake part|\binterest",
                           re.IGNORECASE),
    "answers": re.compile(r"\bantwoorden\b|\bvragenlijst\b|\banswers\b|\bquestionnaire\b", re.IGNORECASE),
}
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_ON_BEHALF = re.compile(r"\bnamens\b|\bon behalf of\b|\bin opdracht van\b", re.IGNORECASE)
_FORWARD = re.compile(r"^\s*(?:fwd?|doorst|tr|wg|rv)\s*:", re.IGNORECASE)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    found: list[Found] = []
    for index, sentence in sentences.unclaimed():
        match = _WHO.search(sentence)
        if match is None or is_condition(sentence):
            continue
        who = next((g for g in match.groups() if g), "")
        intent = next((k for k, pattern in _INTENT.items() if pattern.search(sentence)), "other")
        if intent == "other" and not _ON_BEHALF.search(sentence):
            continue  # "mijn collega en ik werken aan ..." is context, not a request about the colleague
        addresses = [a.lower() for a in _ADDRESS.findall(sentence) if a.lower() != reading.mail.sender]
        on_behalf = bool(_ON_BEHALF.search(sentence)) or intent == "answers"
        found.append(Found(Finding.COLLEAGUE, sentence, {"who": who, "intent": intent, "addresses": addresses,
                                                         "on_behalf": on_behalf}, (index,)))
    if not found and _FORWARD.match(reading.mail.subject) and reading.mail.quoted:
        original = _ADDRESS.findall(reading.mail.quote_header)
        others = [a.lower() for a in original if a.lower() != reading.mail.sender]
        if others:
            found.append(Found(Finding.COLLEAGUE, f"doorgestuurd bericht van {others[0]}",
                               {"who": others[0], "intent": "forward", "addresses": others, "on_behalf": True}, ()))
    return found
