"""What is left of a mail once everything we act on is read, and whether a person should read it.

Not every line is a remark. Greetings, thanks, wishes and sign-offs are not ("Dank u wel!", "Fijne
feestdagen"); nor what the writer took back ("Ik meld me af! Grapje"); nor are cover lines about the mail
or the questionnaire itself ("zie hieronder mijn antwoorden", "de vragenlijst vul ik deze week in",
"sorry for answering in English"), unless it also says what they do or want done ("mijn gegevens hoeven niet
gewist te worden"). A remark is what
is left: something the organiser would want to read. ``understand`` asks this when nothing else was found
(or only a sign-up from someone who is already in), and the answers detector for the words beside answers.
"""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_greeting, is_thanks
from mailbot.understand.reading import Found, Reading, Sentences

name = "leftovers"
MIN_WORDS = 3


def is_remark(sentences: Sentences, index: int, sender_name: str = "", attached: bool = True) -> bool:
    """``attached``: the mail has a file with it; a sentence that speaks of one when none came is a remark
    ("in de bijlage de ingevulde vragenlijst": someone must ask for it)."""
    sentence = sentences.items[index]
    if is_greeting(sentence) or is_thanks(sentence) or _is_name(sentence, sender_name):
        return False
    clauses = sentences.clauses[index]
    acts = [s for s in sentences.said if s.sentence == index]
    if acts and all(s.retracted for s in acts):
        return False  # "Ik meld me af! Grapje": taken back, nothing left to read
    if any(c.question for c in clauses) or sentences.lex.has("asking", [w for c in clauses for w in c.words]):
        return True
    words = [w for c in clauses for w in c.words]
    if not attached and sentences.lex.has("enclosed", words):
        return True
    stated = [s for s in acts if not s.retracted and s.act != "answers"]
    if (sentences.lex.has("meta", words) or sentences.lex.has("answers", words)) and not stated:
        return False  # a cover line: about the mail or the questionnaire itself, not about what they will do
    pleasantries = [w for s, e in sentences.lex.spans("thanks", words) for w in words[s:e]]
    return len(words) - len(pleasantries) >= MIN_WORDS


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    attached = bool(reading.mail.attachments)
    said = [(i, s) for i, s in sentences.unclaimed() if is_remark(sentences, i, reading.mail.sender_name, attached)]
    if sum(len(s.split()) for _, s in said) < MIN_WORDS:
        if not reading.text.strip() and reading.mail.set_aside:  # no new text, yet words outside the quote
            return [Found(Finding.MESSAGE, reading.mail.set_aside[:500], {"reason": "set_aside"})]
        return []
    return [Found(Finding.MESSAGE, " ".join(s for _, s in said)[:500], {}, tuple(i for i, _ in said))]


def _is_name(sentence: str, sender_name: str) -> bool:
    words = sentence.strip(" .,").split()
    return 0 < len(words) <= 4 and (sentence.strip(" .,").lower() in sender_name.lower()
                                    or all(w[:1].isupper() for w in words))
