"""The sender leaves the whole circle: withdraws, stops taking part ("kan niet meer meedoen", "no longer
take part"), or asks us to take them off the list. Not one meeting (that is attendance), not someone
else (colleague), and only when meant: not negated, not a condition, not a question about how, not
"nog niet", not taken back ("ik meld me af... grapje!")."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.reading import Found, Reading, Said, Sentences
from mailbot.understand.scope import scope

name = "withdrawal"


def leaves(said: Said, sentences: Sentences, reading: Reading) -> bool:
    """The statement says its speaker leaves the circle (meant or not: see ``Said.meant``)."""
    where = scope(said, sentences, reading)
    if where.meeting and not where.circle:
        return False  # "ik meld me af voor de tweede bijeenkomst": a decline
    if sentences.lex.has("answer_words", said.clause.words) and not where.circle:
        return False  # "take governance off my list of themes": a correction of an answer
    if said.act == "withdraw":
        return said.affirmed
    if said.act == "absent":
        return where.circle and said.affirmed  # "meine Teilnahme am Lernkreis absagen"
    return said.act in ("signup", "attend") and said.clause.no_longer and said.affirmed  # "niet meer meedoen"


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    for said in sentences.acts("withdraw", "absent", "signup", "attend"):
        if said.by_sender and not said.by_other and said.meant and leaves(said, sentences, reading):
            return [Found(Finding.WITHDRAWAL, sentences.items[said.sentence], {}, (said.sentence,))]
    if not [s for _, s in sentences.unclaimed() if len(s.split()) > 2] and reading.subject:
        subject = Sentences.of(reading.subject, sentences.lex, sentences.not_names)
        if any(s.by_sender and not s.by_other and s.meant and leaves(s, subject, reading)
               for s in subject.acts("withdraw")):
            return [Found(Finding.WITHDRAWAL, reading.subject, {}, ())]  # only the subject says it
    return []
