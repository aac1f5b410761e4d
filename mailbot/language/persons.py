"""Who a clause speaks of: the grammatical persons ("ik", "mij", "u", "hij", "haar") and people named ("mijn
collega Karel Bos", "Lisa de Wit", "namens Piet Jansen"), never an organisation or a place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mailbot.language.lexicon import LANGUAGES, Lexicon, lexicon
from mailbot.language.text import Token

NAME_PARTICLES = lexicon(*LANGUAGES).words_of("name_particle")  # "Jan van der Berg", "Anne de Vries", in any mail


@dataclass(frozen=True)
class Person:
    index: int
    kind: str  # first | first_object | addressee | third | third_object | indefinite | name | *_possessive
    name: str = ""

    @property
    def is_other(self) -> bool:
        return self.kind in ("third", "third_object", "indefinite", "name")

    @property
    def is_subject(self) -> bool:
        return self.kind in ("first", "third", "addressee", "indefinite", "name")


def persons(toks: Sequence[Token], lex: Lexicon, not_names: frozenset[str] = frozenset(),
            known: frozenset[str] = frozenset()) -> list[Person]:
    """``known``: the first names of people the mail named in full before ("mijn collega Pieter de Boer ...
    Pieter is uitgevallen"): alone, such a name is that person."""
    words = tuple(toks)
    return list(lex.recall("persons", (words, not_names, known), lambda: tuple(_persons(words, lex, not_names, known))))


def _persons(toks: Sequence[Token], lex: Lexicon, not_names: frozenset[str],
             known: frozenset[str]) -> list[Person]:
    said = [t.word for t in toks]
    found: list[Person] = []
    kinds = ("first", "first_object", "addressee", "third", "third_object", "indefinite", "first_possessive",
             "third_possessive")
    claimed: set[int] = set()
    for kind in kinds:
        for start, end in lex.spans(kind, said):
            if start in claimed:
                continue
            if kind == "addressee" and said[start] == "je" and start and said[start - 1] not in lex.words_of(
                    "question_verb"):
                continue  # "hoe houd je ...": one, not you
            if kind == "third" and said[start] == "sie" and toks[start].raw == "Sie" and start:
                kind_here = "addressee"  # German "Sie" in the middle of a sentence: you
            else:
                kind_here = kind
            claimed.update(range(start, end))
            found.append(Person(start, kind_here))
    found.extend(_names(toks, lex, claimed, not_names, known))
    return sorted(found, key=lambda p: p.index)


def _names(toks: Sequence[Token], lex: Lexicon, claimed: set[int], not_names: frozenset[str],
           known: frozenset[str] = frozenset()) -> list[Person]:
    """People named in the clause: after a title ("mijn collega Karel Bos", "mevrouw N. Oudshoorn",
    "Herr Becker"), after "namens", or two capitalised words that are no organisation or place."""
    said = [t.word for t in toks]
    titles = {i for s, e in lex.spans("titles", said) for i in range(s, e)}
    # "Namens Fatma Yilmaz": the word that names someone is no part of the name
    naming_spans = lex.spans("naming", said)
    claimed = claimed | {i for s, e in naming_spans for i in range(s, e)}
    organisation = lex.words_of("organisation")
    # German writes every noun with a capital: "Ihrem Lernkreis Clusters" is a thing, no person
    articles = lex.words_of("article")
    possessives = lex.words_of_any("first_possessive", "third_possessive")
    not_possessives = lex.words_of_any("being", "third_object", "first_object")  # not "zijn" (is), "haar" (her)
    nouns = lex.words_of_any(*_NOUNS)
    opening_words = lex.words_of_any("greeting", "article")
    times = lex.words_of("time")
    out: list[Person] = []
    index = 0
    while index < len(toks):
        if not capital(toks[index]) or index in claimed or index in titles:
            index += 1
            continue
        end = index
        # a pronoun is no part of a name: "Entfernen Sie bitte ..." is a verb and "Sie"
        while end < len(toks) and end not in claimed and (capital(toks[end]) or _particles_then_name(toks, said, end)):
            end += 1
        run = toks[index:end]
        words = [t.word for t in run]
        before = said[max(0, index - 3):index]
        after_title = bool(titles.intersection(range(max(0, index - 3), index)))
        naming = any(end_ == index for _, end_ in naming_spans)
        organisation_like = (any(w in organisation for w in words) or any(t.raw.isupper() and len(t.raw) > 1
                                                                           for t in run)
                             or bool(before[-1:] and (before[-1] in articles or before[-1] in possessives
                                                      and before[-1] not in not_possessives))
                             or any(w in nouns for w in words)
                             or " ".join(words) in not_names or any(w in not_names for w in words))
        capitals = len({t.start for t in run if capital(t)})  # "Can't" is one word written, two read
        # two capitals make a name, also at the start of a sentence ("Lisa de Wit en ik"), but not a greeting
        # ("Hoi Jan") or a time ("Next Thursday")
        opening = index == 0 and (said[0] in opening_words
                                  or any(w in times for w in words))  # "Einen Nachfolger gibt es"
        named_before = len(run) == 1 and words[0] in known
        if not organisation_like and (after_title or naming or named_before or (capitals >= 2 and not opening)):
            out.append(Person(index, "name", " ".join(t.raw for t in run)))
        index = end
    return out


_NOUNS = ("circle", "meeting", "data", "list", "time", "answer_words", "taking_part")


def _particles_then_name(toks: Sequence[Token], said: Sequence[str], at: int) -> bool:
    """"van der" in "Pieter van der Berg": small words of a name, with a capital after them."""
    index = at
    while index < len(toks) and said[index] in NAME_PARTICLES:
        index += 1
    return index > at and index < len(toks) and capital(toks[index])


def capital(tok: Token) -> bool:
    return tok.raw[:1].isupper() and tok.raw[:1].isalpha()
