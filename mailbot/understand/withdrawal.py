"""The sender leaves the whole circle: withdraws, stops taking part ("kan niet meer meedoen", "no longer
take part"), or asks us to take them off the list. Not one meeting (that is attendance), not someone
else (colleague), and only when meant: not negated, not a condition, not a question about how, not
"nog niet", not taken back ("ik meld me af... grapje!"). A participant who says, meaning it, that they stay
("afmelden is niet de bedoeling", "please don't delete my data") is told nothing changed (``Finding.STAYS``)."""

from __future__ import annotations

from mailbot.core.domain import ACTIVE, Finding
from mailbot.understand.reading import Found, Reading, Said, Sentences
from mailbot.understand.scope import scope

name = "withdrawal"


def _leaves_if_meant(said: Said, sentences: Sentences, reading: Reading) -> bool:
    """Would leave the circle, were it affirmed ("nog niet afmelden" is about leaving too)."""
    if said.act == "withdraw" and not said.affirmed and said.clause.not_yet:
        return leaves(Said(said.sentence, said.statement), sentences, reading, polarity=False)
    return leaves(said, sentences, reading)


def leaves(said: Said, sentences: Sentences, reading: Reading, polarity: bool = True) -> bool:
    """The statement says its speaker leaves the circle (meant or not: see ``Said.meant``)."""
    where = scope(said, sentences, reading)
    if where.meeting and not where.circle:
        return False  # "ik meld me af voor de tweede bijeenkomst": a decline
    if sentences.lex.has("answer_words", said.clause.words) and not where.circle:
        return False  # "take governance off my list of themes": a correction of an answer
    affirmed = said.affirmed or not polarity
    if said.act == "withdraw":
        return affirmed and not _no_longer_needed(said, sentences)
    if said.act == "absent":
        return where.circle and affirmed  # "meine Teilnahme am Lernkreis absagen"
    if said.act not in ("signup", "attend"):
        return False
    if said.clause.no_longer and affirmed:
        return True  # "niet meer meedoen"
    # "I won't be able to follow the learning circle after all", "ik kan toch niet meedoen aan de leerkring"
    return polarity and not said.affirmed and where.circle and sentences.lex.has("again", said.clause.words)


_NO_LONGER_NEAR = 3  # words between "no longer" and the act it ends: "I no longer need to pull out"


def _no_longer_needed(said: Said, sentences: Sentences) -> bool:
    """"ik hoef me niet meer af te melden", "so I no longer need to pull out": leaving is what stopped."""
    start = said.statement.span[0]
    return any(0 <= start - end <= _NO_LONGER_NEAR for _, end in sentences.lex.spans("no_longer", said.clause.words))


def _undecided(said: Said) -> bool:
    """"Als mijn functie verdwijnt, meld ik me af", "I'm not withdrawing yet": nothing changes, but the
    organiser would want to know."""
    clause = said.clause
    if not said.voiced or (clause.question and not clause.request):
        return False
    return clause.not_yet or (said.affirmed and (clause.condition or clause.doubt or clause.hypothetical))


def _about_a_place(said: Said, sentences: Sentences) -> bool:
    """A replacement of a person in the circle ("ik maak plaats voor een collega", "my successor"), not of an
    answer ("please replace Financing with Facilitating")."""
    heard = said.clause.words
    return any(sentences.lex.has(name, heard) for name in ("titles", "taking_part", "circle"))


def denies_leaving(said: Said) -> bool:
    """The writer says, meaning it, that they do not leave or have their data erased (not "nog niet")."""
    return said.by_sender and not said.by_other and said.meant and not said.affirmed and not said.clause.not_yet \
        and not said.clause.question  # "wilt u mijn gegevens niet verwijderen?": a question for a person


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    undecided: list[Said] = []
    # "ik meld me af voor de koppelingen": the introductions are left, not the circle
    said_here = [said for said in sentences.acts("withdraw", "absent", "signup", "attend", "replace")
                 if sentences.claimed_by.get(said.sentence) != Finding.NO_INTRODUCTIONS]
    leaving = [said.sentence for said in said_here if said.by_sender and said.meant and leaves(said, sentences, reading)
               and not scope(said, sentences, reading).from_then]
    if leaving:  # "... moet ik mij afmelden. Wilt u mij van de lijst halen?": one withdrawal, said twice
        first = leaving[0]
        return [Found(Finding.WITHDRAWAL, sentences.items[first], {}, tuple(sorted(set(leaving))))]
    # someone who signs up in this mail takes part from now: "..., dan trek ik me zonder morren terug" is theirs too
    taking_part = reading.participant or any(s.act == "signup" and s.by_sender and not s.by_other and s.meant
                                             and s.affirmed for s in said_here)
    for said in said_here:
        if not said.by_sender:
            continue
        if said.act == "replace" and not said.by_other and said.voiced and _about_a_place(said, sentences):
            undecided.append(said)  # "het is goed mogelijk dat ik plaatsmaak voor een collega": hers to arrange
            continue
        if taking_part and _leaves_if_meant(said, sentences, reading) and (
                _undecided(said) or (said.meant and scope(said, sentences, reading).from_then)):
            undecided.append(said)  # "na de eerste bijeenkomst stop ik": which meetings remain is hers to settle
    if undecided:
        used = tuple(sorted({s.sentence for s in undecided}))
        return [Found(Finding.MESSAGE, sentences.text(used), {"why": "undecided"}, used)]
    staying = tuple(sorted({said.sentence for said in sentences.acts("withdraw", "erase") if denies_leaving(said)}))
    if staying and reading.status in ACTIVE and reading.pending_action is None:
        # "afmelden is zeker niet de bedoeling", "please don't delete my data": said back, nothing to do
        return [Found(Finding.STAYS, sentences.text(staying), {}, staying)]
    if not [s for _, s in sentences.unclaimed() if len(s.split()) > 2] and reading.subject:
        subject = Sentences.of(reading.subject, sentences.lex, sentences.not_names)
        if any(s.by_sender and not s.by_other and s.meant and leaves(s, subject, reading)
               for s in subject.acts("withdraw")):
            return [Found(Finding.WITHDRAWAL, reading.subject, {}, ())]  # only the subject says it
    return []
