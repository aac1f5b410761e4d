"""Someone new who wants to take part, or someone who withdrew and wants to come back.

A sign-up is the sender's own act ("ik meld mij aan", "namens de gemeente neem ik deel", "please register
me"), meant, and not about one meeting; "Kan ik me nog aanmelden?" from someone new is answered by
signing them up; so is "reken maar op mij" (coming to the circle is joining it). Signing up someone else
is the colleague detector's. A first mail from a new address
that states nothing at all (no act of anyone, no question) is read as a sign-up, and the reply says so
and how to undo it (``implicit``): harmless, and said back. A withdrawn participant who writes that they
never withdrew and want to stay is back (``denied``: the organiser looks at who withdrew them).
"""

from __future__ import annotations

import re

from mailbot.answers.prose import read_organisation, with_kind
from mailbot.core.domain import GONE, Finding
from mailbot.understand.reading import Found, Reading, Said, Sentences
from mailbot.understand.scope import scope
from mailbot.understand.withdrawal import denies_leaving

name = "registration"


def _joins(said: Said, sentences: Sentences, reading: Reading) -> bool:
    if said.act != "signup" or not said.by_sender or said.clause.no_longer or not said.voiced:
        return False
    if not said.statement.affirmed:
        return False
    where = scope(said, sentences, reading)
    if where.meeting and not where.circle:
        return False  # "I'd like to join the Groningen session": attendance
    clause = said.clause
    if _another_year(clause.text, reading):
        return False  # "I'd love to join again in 2028": a later circle, not this one
    if clause.settled:
        return True
    # "Kan ik me nog aanmelden?": the question is the sign-up (its first words ask whether they may)
    opening = clause.words[:said.statement.span[0]]
    asks_to = (clause.question and not clause.condition and not clause.doubt and len(opening) <= 4
               and (sentences.lex.has("first", opening) or sentences.lex.has("first_object", clause.words)))
    # "Could you put me back on the list?" from someone who withdrew: asked of us, it is the coming back
    asked_back = clause.request and reading.status in GONE and sentences.lex.has("first_object", clause.words)
    return (asks_to and not reading.participant) or asked_back


def _comes(said: Said, sentences: Sentences, reading: Reading) -> bool:
    """"Reken maar op mij", "ich bin dabei", "count on me" from someone who is not taking part: coming to the
    circle is joining it (coming to one meeting is attendance)."""
    if said.act != "attend" or reading.participant and reading.status not in GONE:
        return False
    if not said.by_sender or said.by_other or not said.meant or not said.affirmed or said.clause.no_longer:
        return False
    return not scope(said, sentences, reading).meeting


_YEAR = re.compile(r"\b(20\d\d)\b")


def _another_year(text: str, reading: Reading) -> bool:
    """The words name a year, and none of the circle's meetings is in it."""
    years = {int(y) for y in _YEAR.findall(text)}
    return bool(years) and bool(reading.meetings) and not years & {m.start.year for m in reading.meetings}


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    joins = [s for s in sentences.acts("signup", "attend")
             if _joins(s, sentences, reading) or _comes(s, sentences, reading)]
    used = tuple(sorted({s.sentence for s in joins}))
    if reading.status in GONE:
        denials = [s for s in sentences.acts("withdraw", unclaimed=False)
                   if s.by_sender and not s.statement.affirmed]
        if joins:
            return [Found(Finding.COMEBACK, sentences.text(used), {"denied": bool(denials)}, used)]
        # "afmelden wil ik me zeker niet", said as meant by someone we took off: they stay, and the organiser
        # looks at who withdrew them (not "nog niet", not a question, not someone else's)
        meant = tuple(sorted({s.sentence for s in denials if denies_leaving(s)}))
        return [Found(Finding.COMEBACK, sentences.text(meant), {"denied": True}, meant)] if meant else []
    if reading.participant:  # signing up again: nothing new to do, nothing to hand on (a question in it still is)
        quiet = tuple(sorted({s.sentence for s in joins if not s.clause.question}))
        return [Found(Finding.REGISTRATION, sentences.text(used), {"already": True}, quiet)] if joins else []
    if joins:
        # what they say of their organisation; not their signature's: the questionnaire that goes out now asks,
        # and the independent writers of the evaluation agree that a sign-up answers nothing it does not say
        stated = with_kind(read_organisation(reading.said, reading.current, reading.lexicon).answers, reading.current,
                           reading.lexicon, reading.language)
        return [Found(Finding.REGISTRATION, sentences.text(used), {"answers": stated} if stated else {}, used)]
    if any(s.act == "signup" for s in sentences.said):
        return []  # a sign-up that is negated, conditional, taken back, or someone else's
    subject = Sentences.of(reading.subject, sentences.lex, sentences.not_names)
    if any(_joins(s, subject, reading) for s in subject.acts("signup")) and not any(s.by_other for s in sentences.said):
        return [Found(Finding.REGISTRATION, reading.subject, {}, ())]
    if sentences.claimed or sentences.said:
        return []  # the mail is about something else we understood (an erasure, a colleague)
    unclaimed = [s for _, s in sentences.unclaimed()]
    if any("?" in s for s in unclaimed) or reading.mail.attachments:
        return []  # a question or a document from someone new: a person answers it
    return [Found(Finding.REGISTRATION, reading.subject or (unclaimed[0] if unclaimed else ""), {"implicit": True})]
