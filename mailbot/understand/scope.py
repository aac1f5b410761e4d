"""What an act is about: one or more meetings ("ik kan niet op 11 februari"), or the circle as a whole
("ik meld me af voor de leerkring", "ich kann nicht mehr am Lernkreis teilnehmen")."""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.language.clauses import Clause
from mailbot.language.lexicon import Lexicon
from mailbot.language.text import words
from mailbot.understand.reading import Reading, Said, Sentences
from mailbot.understand.references import mentioned, mentions_one_meeting, odd_dates


@dataclass(frozen=True)
class Scope:
    meetings: tuple[str, ...] = ()  # the meetings named
    meeting: bool = False  # about one meeting (named, or "deze bijeenkomst", "donderdag")
    circle: bool = False  # about the whole circle
    odd_date: bool = False  # names a date no meeting is on
    from_then: bool = False  # the circle from a meeting on ("mijn deelname na de eerste bijeenkomst beëindigen")


_OF_THE = 4  # "bijeenkomst van de leerkring": the words between a meeting and the circle it belongs to


def referring(clause: Clause, lex: Lexicon) -> str:
    """The clause's words that can name a meeting: not the words of a joke taken back ("1 april"), nor the place
    someone comes from ("trein uit Groningen", "flying in from Boston")."""
    said = clause.words
    dropped = {i for s, e in lex.spans("retraction", said) for i in range(s, e)}
    for index, word in enumerate(said):
        if word in lex.words_of("origin"):
            after = index + 1
            while after < len(said) and clause.tokens[after].raw[:1].isupper():
                dropped.add(after)
                after += 1
    return " ".join(t.raw for i, t in enumerate(clause.tokens) if i not in dropped)


def scope(said: Said, sentences: Sentences, reading: Reading) -> Scope:
    lex = sentences.lex
    clause = referring(said.clause, lex)
    said_words = said.clause.words
    meeting_nouns = [i for i, w in enumerate(said_words) if w in lex.words_of("meeting")]
    # "de bijeenkomst van de leerkring" is one meeting of the circle, not the circle
    circle = any(not any(0 < s - m <= _OF_THE for m in meeting_nouns) for s, _ in lex.spans("circle", said_words))
    named = mentioned(clause, reading.meetings, reading.timezone)
    if not named and not circle:
        named = mentioned(sentences.items[said.sentence], reading.meetings, reading.timezone)
    if not named and not circle and lex.has("anaphor", said.clause.words):
        # "... de bijeenkomst in Wageningen valt samen met de raad. Daar moet ik bij zijn, dus die sla ik over":
        # a meeting the sentence before spoke of as one (a place alone may be someone's organisation)
        for before in range(said.sentence - 1, max(-1, said.sentence - 3), -1):
            if lex.has("meeting", words(sentences.items[before])):
                named = mentioned(sentences.items[before], reading.meetings, reading.timezone)
                break
    odd = odd_dates(clause, reading.meetings, reading.timezone)
    if circle and named and lex.has("from_then", said_words):
        # the meeting says when it ends, not what ends: the rest of the circle, for a person to arrange
        return Scope(tuple(named), False, True, odd, from_then=True)
    about_one = bool(named) or odd or (not circle and mentions_one_meeting(clause, reading.meetings))
    return Scope(tuple(named), about_one, circle and not named, odd)
