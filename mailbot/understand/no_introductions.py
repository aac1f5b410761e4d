"""The sender does not want to be introduced to other participants (the knowledge exchange's introductions).

A refusal by the writer ("ik wil niet gekoppeld worden", "liever geen kennismakingen", "please don't
introduce me"), not a question about how introductions work, not a condition, not about someone else.
Leaving the whole circle is the withdrawal detector's ("ik meld me af"), unless what they leave is
the introductions ("ik meld me af voor de koppelingen"): this detector runs before it, for that.
"""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.language.clauses import Clause
from mailbot.language.persons import persons
from mailbot.understand.reading import Found, Reading, Sentences

name = "no_introductions"

# being introduced: put in touch with, matched to, introduced to another participant
_INTRODUCED = re.compile(
    r"\bvoorgesteld\b|\bvoor ?te ?stellen\b|\bvoorstellen aan\b|\bstel\w* (?:mij|me|ons)\b[^.?!]{0,30}\bvoor\b"
    r"|\bkoppel\w*|\bgekoppeld\b|\bin (?:contact|verbinding) (?:te )?(?:ge)?br(?:engen|acht|eng)\b"
    r"|\bkennismaking(?:en)?\b"
    r"|\bintroduc\w+|\bput (?:me|us) in touch\b|\bconnect(?:ed)? (?:me|us)\b|\bmatch(?:ed|es|ing|making)?\b")
# the writer does not want it: a negated wish, a refusal, an opt-out
_REFUSAL = re.compile(
    r"\b(?:wil|wilt|willen|hoef|hoeft|hoeven)\b[^.?!]{0,40}\b(?:niet|geen)\b|\bliever (?:niet|geen)\b"
    r"|\bgeen (?:behoefte|prijs|interesse|belangstelling)\b|\bniet (?:nodig|gewenst)\b|^\s*(?:graag )?geen\b"
    r"|\b(?:do not|don't|dont|rather not|prefer not|not want|not wish|no need|no thanks|not interested)\b"
    r"|^\s*(?:please )?no\b|\bopt(?:ing)?[ -]?out\b|^\s*(?:stel|koppel)\b[^.?!]{0,40}\bniet\b"
    r"|\b(?:kunt|wilt|kan|can|could|would|will) (?:u|you|jullie) (?:mij|me|ons|us) (?:\w+ )?"
    r"(?:niet|geen|not|no longer)\b")
_LEAVING = re.compile(r"\bafmeld\w*|\bmeld\w* (?:mij|me|ons) (?:\w+ ){0,3}?af\b|\buitschrijv\w*"
                      r"|\bschrijf (?:mij|me) uit\b|\bwithdraw\w*|\bunsubscrib\w*")
_FROM_INTRODUCTIONS = re.compile(
    r"\b(?:af|afmelden|uitschrijven|opt(?:ing)?[ -]?out|unsubscribe)\b[^.?!]{0,25}\b(?:voor|van|from|of)\b"
    r"[^.?!]{0,12}\b(?:koppel\w*|kennismaking\w*|introduc\w*|match\w*)")
_ASKS_US = re.compile(r"\b(?:kunt|wilt|kan|can|could|would|will) (?:u|you|jullie) (?:mij|me|ons|us)\b")


def _settled_own_wish(index: int, sentences: Sentences) -> tuple[bool, bool]:
    """(meant as said: no condition, doubt or retraction; the sentence is a question) for the sentence's
    clauses, and whether someone other than the writer is its subject ("hij wil niet gekoppeld worden")."""
    found = sentences.clauses[index]
    unsettled = any(c.condition or c.doubt or c.hypothetical or c.retraction for c in found)
    other = any(_someone_else(c, sentences) for c in found)
    return not unsettled and not other, any(c.question for c in found)


def _leaves_introductions(sentence: str) -> bool:
    """"Ik meld me af voor de koppelingen": what is left is the introductions, not the circle."""
    return bool(_FROM_INTRODUCTIONS.search(sentence.lower().replace("\u2019", "'")))


def _someone_else(clause: Clause, sentences: Sentences) -> bool:
    """Another person is the subject: "hij", a name, or "mijn collega" without an "ik" of the writer's."""
    people = persons(clause.tokens, sentences.lex, sentences.not_names)
    if any(p.is_other and p.is_subject for p in people):
        return True
    return bool(people) and people[0].kind == "first_possessive" and people[0].index == 0 \
        and not any(p.kind in ("first", "first_object") for p in people)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if not reading.participant:
        return []
    for index, sentence in sentences.unclaimed():
        lower = sentence.lower().replace("\u2019", "'")
        if not _INTRODUCED.search(lower):
            continue
        leaves_only_these = _leaves_introductions(sentence)
        if _LEAVING.search(lower) and not leaves_only_these:
            continue  # leaving the circle, and what that covers: the withdrawal detector's
        if not (leaves_only_these or _REFUSAL.search(lower)):
            continue
        meant, question = _settled_own_wish(index, sentences)
        if not meant:
            continue  # "als ..., wil ik niet gekoppeld worden", "mijn collega wil geen kennismaking"
        if question and not _ASKS_US.search(lower):
            continue  # "hoe werkt het koppelen?" asks; "kunt u mij niet meer koppelen?" asks us not to
        return [Found(Finding.NO_INTRODUCTIONS, sentence, {}, (index,))]
    return []
