"""Mail about someone else: a colleague to register, withdraw or replace, answers sent for someone, a
forwarded mail of another person. Whose act it is decides (``mailbot.language.statements``): "mijn
collega Karel wil zich afmelden", "kun je haar aanmelden", "zijn antwoorden", "Marieke en ik melden ons
af" (her part). Never the sender's own record: answers sent for someone are theirs (``on_behalf``), and
the rest goes to the organiser; a careful assistant does not change another person's record on a
colleague's word."""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.language.lexicon import Lexicon
from mailbot.understand.reading import Found, Reading, Said, Sentences

name = "colleague"

_INTENT = {"signup": "register", "withdraw": "withdraw", "answers": "answers", "attend": "attendance",
           "absent": "attendance", "replace": "replace", "erase": "erase"}
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_FORWARD = re.compile(r"^\s*(?:fwd?|doorst|tr|wg|rv)\s*:", re.IGNORECASE)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    found: list[Found] = []
    forwarded = _forwarded_from(reading)
    for said in sentences.acts(*_INTENT):
        if not said.by_other or not said.voiced or _only_anyone(said, sentences.lex):
            continue
        if any(said.sentence in f.sentences for f in found):
            continue
        sentence = sentences.items[said.sentence]
        if said.act == "answers" and not said.by_sender and forwarded:
            # "zie hieronder de antwoorden van Piet" above Piet's own mail: his answers are in it
            found.append(_forward(forwarded, (said.sentence,)))
            continue
        addresses = [a.lower() for a in _ADDRESS.findall(sentence) if a.lower() != reading.mail.sender]
        found.append(Found(Finding.COLLEAGUE, sentence,
                           {"who": said.statement.other, "intent": _INTENT[said.act], "addresses": addresses,
                            "on_behalf": said.act == "answers" and not said.by_sender}, (said.sentence,)))
    if not found and forwarded and not any(s.by_sender for s in sentences.said):
        found.append(_forward(forwarded, ()))
    return found


def _only_anyone(said: Said, lex: Lexicon) -> bool:
    """"wie trekt de kar, hoe houd je bedrijven erbij": questions asked of anyone, no person spoken of."""
    clause = said.clause
    if clause.request:
        return False  # "kunt u ons allebei inschrijven?": asked of us, about people
    asks = clause.question or clause.after_colon or lex.has("question", clause.words[:1])
    return bool(asks) and not said.statement.other


def _forwarded_from(reading: Reading) -> list[str]:
    """The other addresses of a forwarded original ("Fwd:", with its header), if this mail is one."""
    if not _FORWARD.match(reading.mail.subject) or not reading.mail.quoted:
        return []
    return [a.lower() for a in _ADDRESS.findall(reading.mail.quote_header) if a.lower() != reading.mail.sender]


def _forward(others: list[str], used: tuple[int, ...]) -> Found:
    return Found(Finding.COLLEAGUE, f"doorgestuurd bericht van {others[0]}",
                 {"who": others[0], "intent": "forward", "addresses": others, "on_behalf": True}, used)
