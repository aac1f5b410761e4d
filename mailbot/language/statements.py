"""What a clause is about, and whose act it is.

An act is found by its words (``acts`` in the word lists: signup, withdraw, attend, absent, erase,
answers, replace). Whose act it is follows the grammatical person, never the organisation a person
writes for:

- the object of the act decides when there is one: "meld ik mij aan", "wilt u mij inschrijven" is the
  sender; "wil ik graag Mark Visser aanmelden", "kun je haar aanmelden", "zijn antwoorden" is someone else;
- otherwise the subject: "ik", "we", "wij", "I", "ich" is the sender; "mijn collega Karel", "hij", "she",
  "wer", a named person is someone else; "Marieke en ik" is both;
- "namens de gemeente", "vanuit de NOM", "on behalf of the Board" names an organisation, no person: the
  act stays the speaker's. "Namens Lisa de Wit" names a person;
- a clause without a subject takes the one before it in the sentence ("Mijn collega Fatima (in de cc)
  wil ook graag aansluiten"); with none at all the writer speaks for themselves ("Graag aanmelden").

Whether it is meant comes from the clause (``Clause.affirmed``, ``Clause.settled``) and from a later
retraction, which ``understand`` applies across sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from mailbot.language.clauses import Clause
from mailbot.language.lexicon import Lexicon
from mailbot.language.persons import Person, capital, persons
from mailbot.language.text import tokens

SENDER, OTHER = "sender", "other"
ACT_NAMES = ("signup", "withdraw", "attend", "absent", "erase", "answers", "replace")
ENDING_ACTS = frozenset({"withdraw", "erase"})  # the acts that end someone's taking part: never on a guess
# acts done to someone: with an object, the object is whose act it is
_TRANSITIVE = frozenset({"signup", "withdraw", "erase", "answers"})
_OBJECT_BEFORE = 3  # words between an object and the act's own words ("haal hem maar van de lijst")


@dataclass(frozen=True)
class Statement:
    act: str
    clause: Clause
    span: tuple[int, int]  # the words of the act in the clause
    who: frozenset[str]  # SENDER, OTHER or both
    other: str = ""  # the other person's name, when the clause gives it
    own: tuple[int, ...] = ()  # negations that are the act's own words ("can't do", "nicht dabei")

    @property
    def affirmed(self) -> bool:
        """Said to happen: not negated (or negated twice), and not "nog niet" / "not yet". A negation that is
        part of the act's own words is the act, not a denial of it."""
        turns = [t for t in self.clause.turns if t < self.span[0]]  # "niet X maar Y": not up to Y
        outside = [i for i in self.clause.negated_at if i not in self.own and not any(i < t for t in turns)]
        return len(outside) % 2 == 0 and not self.clause.not_yet

    @property
    def settled(self) -> bool:
        return self.clause.settled

    @property
    def by_sender(self) -> bool:
        return SENDER in self.who

    @property
    def by_other(self) -> bool:
        return OTHER in self.who


def owned(statement: Statement, sentence: str, owner: frozenset[str], lex: Lexicon) -> Statement:
    """A mail from someone's own address that speaks of them as "de heer Kramer", "Mr Veldkamp" (a secretary
    writing for them): their acts are the sender's, for the sender is who the address belongs to."""
    if not owner or SENDER in statement.who or OTHER not in statement.who:
        return statement
    toks = tokens(sentence)
    for index, tok in enumerate(toks):
        if tok.raw not in owner:
            continue
        before = index - 1
        honorific = lex.words_of("honorific")
        while before >= 0 and toks[before].word not in honorific \
                and (len(toks[before].word) <= 2 or toks[before].word in lex.words_of("academic")):
            before -= 1  # initials and titles: "de heer drs. H.J. Veldkamp"
        if before >= 0 and toks[before].word in lex.words_of("honorific"):
            return replace(statement, who=frozenset({SENDER}), other="")
    return statement


def statements(found: Sequence[Clause], lex: Lexicon, not_names: Iterable[str] = (),
               known: frozenset[str] = frozenset()) -> list[Statement]:
    """The acts in the clauses of one sentence, with whose they are; ``known``: first names of people named
    earlier in the mail."""
    avoid = frozenset(not_names)
    # remembered by the clauses' identity (a statement names its clause, and readers compare clauses by id);
    # the memo holds the clauses, so their ids stay theirs while it does
    found = tuple(found)
    kept = lex.recall("statements", (tuple(map(id, found)), avoid, known),
                      lambda: (found, tuple(_statements(found, lex, avoid, known))))
    return list(kept[1])


def _statements(found: Sequence[Clause], lex: Lexicon, avoid: frozenset[str],
                known: frozenset[str]) -> list[Statement]:
    out: list[Statement] = []
    carried: list[Person] = []
    for clause in found:
        own = people = persons(clause.tokens, lex, avoid, known)
        subjects = [p for p in people if p.is_subject]
        if not subjects and carried:
            people = [*carried, *people]
        elif subjects:
            carried = [Person(-1, p.kind, p.name) for p in subjects]
        stated = acts(clause, lex)
        for act, span in stated:
            # "..., de helft van de delegatie haakte af": a clause opened by a thing has a subject of its own
            opened_by_thing = act == "withdraw" and clause.words[0] in lex.words_of("article")
            who, other = _whose(act, span, own if opened_by_thing else people, clause, lex, avoid)
            out.append(Statement(act, clause, span, who, other, _own_negations(act, span, clause, lex)))
        if not stated and out and _elided(clause, lex):
            # "ik meld me aan, maar niet op 11 februari": the act of the clause before, here denied
            before = out[-1]
            out.append(Statement(before.act, clause, (0, 0), before.who, before.other))
    return out


def acts(clause: Clause, lex: Lexicon) -> list[tuple[str, tuple[int, int]]]:
    said = clause.words
    # "ik kom er op terug" is no coming; "ik ben er op de 8e bij" is: there "op" has an object of its own
    objects = lex.words_of("article") | lex.words_of("definite")
    excluded = {i for s, e in lex.spans("not_attend_words", said)
                if not (e < len(said) and (said[e] in objects or said[e][:1].isdigit())) for i in range(s, e)}
    # "de andere deelnemers", "all participants": people who take part, named; no one's act
    participants_named = {i for s, e in lex.spans("participant", said) for i in range(s, e)}
    found: list[tuple[str, tuple[int, int]]] = []
    for act in ACT_NAMES:
        for span in act_spans(act, said, lex):
            if set(range(*span)) <= participants_named:
                continue
            if act == "attend" and excluded.intersection(range(*span)):
                continue
            if act in ("attend", "absent", "withdraw", "signup") and _relative_to_a_thing(said, span[0], lex):
                continue  # "het werkbezoek waarvoor ik me had afgemeld": the act is that thing's
            if act in ("withdraw", "signup") and _of_a_thing(said, span[0], lex):
                continue
            found.append((act, span))
    if not any(act in ("attend", "absent") for act, _ in found) and (modal := _bare_modal(clause, lex)) is not None:
        found.append(("attend", (modal, modal + 1)))
    if any(act in ("withdraw", "absent", "erase") for act, _ in found):
        # "Anmeldung zurückziehen"; "löschen Sie die Daten, die Sie im Rahmen der Anmeldung gespeichert haben": the
        # sign-up is what is ended or erased, no new one
        found = [(act, span) for act, span in found if act != "signup"]
    return _longest(found)


# words between a noun of taking part and the verb that ends it ("mijn deelname na de eerste bijeenkomst helaas
# moeten beëindigen")
_ENDED_NEAR = 7


def act_spans(act: str, said: Sequence[str], lex: Lexicon) -> list[tuple[int, int]]:
    """Where the words of ``act`` stand. One's taking part ended is a withdrawal without a list of every way to
    say it: a noun of taking part ("deelname", "registration", "Anmeldung", "inscription", the circle itself)
    near a verb that ends or cancels it ("intrekken", "cancel", "zurückziehen", "annuler"), in either order or
    around it ("trek mijn aanmelding in")."""
    spans = lex.spans(act, said)
    if act != "withdraw":
        return spans
    for noun in lex.spans("taking_part", said):
        for verb in lex.spans("ending", said):
            if max(noun[0], verb[0]) - min(noun[1], verb[1]) <= _ENDED_NEAR:
                spans.append((min(noun[0], verb[0]), max(noun[1], verb[1])))
    return sorted(set(spans))


def _relative_to_a_thing(said: Sequence[str], start: int, lex: Lexicon) -> bool:
    """"... een Statenvergadering waar ik bij moet zijn", "a board meeting which I must attend": being there is
    about the thing the relative word follows, not about one of our meetings (unless it follows one)."""
    for index in range(1, start):
        if said[index] in lex.words_of("relative") and said[index - 1] not in lex.words_of("meeting") \
                and said[index - 1] not in lex.words_of("circle") and said[index - 1].isalpha():
            return True
    return False


def _of_a_thing(said: Sequence[str], start: int, lex: Lexicon) -> bool:
    """"een bevestiging van mijn afmelding", "the receipt of my registration": the act named as what another
    thing is of (after "van" / "of" and an article or possessive) is that thing's subject, not done here."""
    at = start
    while at > 0 and said[at - 1] in _determiners(lex):
        at -= 1
    return at >= 2 and said[at - 1] in lex.words_of("of") and said[at - 2].isalpha() \
        and said[at - 2] not in lex.words_of_any("withdraw", "signup", "ending", "taking_part", "preposition")


def _determiners(lex: Lexicon) -> frozenset[str]:
    return lex.words_of_any("article", "definite", "first_possessive", "third_possessive")


def _elided(clause: Clause, lex: Lexicon) -> bool:
    """A clause that repeats the act before without its verb: "maar niet op 11 februari", "but not in June"."""
    said = clause.words
    return len(said) >= 2 and said[0] in lex.words_of("turn") | lex.words_of("and") and bool(clause.negated_at) \
        and clause.negated_at[0] == 1 and not any(lex.has(name, said) for name in ("first", "third"))


def _own_negations(act: str, span: tuple[int, int], clause: Clause, lex: Lexicon) -> tuple[int, ...]:
    """The negations inside the act's words without which its words would not be that act: "can't do",
    "nicht dabei" are ways of missing; "meld me niet af" is withdrawing, negated."""
    said = list(clause.words)
    own = []
    for index in clause.negated_at:
        if span[0] <= index < span[1]:
            without = said[:index] + said[index + 1:]
            if (span[0], span[1] - 1) not in act_spans(act, without, lex):
                own.append(index)
    return tuple(own)


def _longest(found: list[tuple[str, tuple[int, int]]]) -> list[tuple[str, tuple[int, int]]]:
    """Of two acts on the same words, the one that covers more: "op de lijst" inside "van de lijst" goes."""
    kept = []
    for act, span in found:
        inside = any(o[0] == act and o[1][0] <= span[0] and span[1] <= o[1][1] and o[1] != span
                     for o in found)
        if not inside:
            kept.append((act, span))
    return sorted(set(kept), key=lambda item: item[1])


def _bare_modal(clause: Clause, lex: Lexicon) -> int | None:
    """"Ik kan helaas niet", "Donderdag kan ik niet", "I can't": the modal alone means being there;
    not "ik kan het niet", "ik kan niet wachten" (another verb), "dat kan niet" (no person)."""
    said = clause.words
    raw = [t.raw for t in clause.tokens]
    if not lex.has("first", said):
        return None
    fillers = (lex.words_of("first") | lex.words_of("negation") | lex.words_of("again") | lex.words_of("meeting")
               | lex.words_of("time") | lex.words_of("bare_filler") | lex.words_of("both"))
    blocking = lex.words_of("first_object") | lex.words_of("third_object") | lex.words_of("thing")
    for index, word in enumerate(said):
        if word not in lex.words_of("can"):
            continue
        # up to a comma: "ik kan volgende week zelf niet, de aanbesteding loopt uit" says why after it
        upto = next((i for i in range(index + 1, len(said))
                     if "," in clause.text[clause.tokens[i - 1].end:clause.tokens[i].start]), len(said))
        rest = [w for w, r in zip(said[index + 1:upto], raw[index + 1:upto], strict=True)
                if w not in fillers and not w.isdigit() and not r[:1].isupper()]
        if set(said[index + 1:index + 4]) & blocking:
            continue
        if not rest or rest[0] in lex.words_of("being"):  # "kan er niet bij zijn"
            return index
    return None


def _whose(act: str, span: tuple[int, int], people: list[Person], clause: Clause, lex: Lexicon,
           not_names: frozenset[str] = frozenset()) -> tuple[frozenset[str], str]:
    said = clause.words
    start, end = span
    inside = [p for p in people if start <= p.index < end]
    # the object after the act, up to the subject of a clause of its own ("haar antwoorden, zoals zij ze mij gaf")
    next_subject = min((p.index for p in people if p.index >= end and p.kind in ("first", "third")), default=len(said))
    after = [p for p in people if end <= p.index < min(end + 4, next_subject)
             and p.kind in ("first_object", "third_object", "name")]
    before = [p for p in people if p.index < start]
    name = next((p.name for p in people if p.kind == "name"), "")
    if act in _TRANSITIVE:
        objects = [p for p in inside + after if p.kind in ("first_object", "third_object", "name")]
        # the object of the verb that carries the act: "haal hem maar van de lijst", "zet mij op de lijst"
        if act in ("signup", "withdraw"):  # (answers and data are whose they are said to be: "zijn antwoorden")
            near = [p for p in before
                    if start - p.index <= _OBJECT_BEFORE and p.kind in ("first_object", "third_object")]
            objects += near[-1:]  # the nearest is the act's: "heeft mij gevraagd hem af te melden" is him
        objects += [p for p in inside if p.kind == "first_possessive" and _owns(p, said, lex)]
        if act in ("answers", "erase"):  # "zijn antwoorden", "his data", "namens Lisa de Wit"
            objects += [p for p in before + inside if p.kind in ("third_possessive", "third_object")
                        and _owns(p, said, lex)]  # "haar antwoorden": "haar" is hers
            objects += [p for p in before if p.kind == "name" and _possesses(p, said, lex)]
            owner = _owner_after(clause, end, lex)
            if owner:
                return frozenset({OTHER}), owner
        if objects:
            kinds = {SENDER if p.kind in ("first_object", "first_possessive") else OTHER for p in objects}
            if kinds == {SENDER} and (_coordinated([p for p in before if p.is_subject], said, lex)
                                      or lex.has("both", said)):
                kinds.add(OTHER)  # "Lisa de Wit en ik melden ons aan", "schrijf ons allebei in": both of us
            return frozenset(kinds), name
    if act == "replace" and any(p.kind in ("name", "third", "indefinite") for p in people):
        # "Karel Bos gaat mij vervangen", "in plaats van mij komt Jeroen": the one who comes in is someone else
        return frozenset({OTHER}), name
    if act == "attend" and any(p.kind in ("first_object", "addressee") for p in inside):
        return frozenset({SENDER}), name  # "reken op mij", "count on me", "see you there": the writer comes
    inverted = [p for p in people if end <= p.index < end + 2 and p.kind in ("first", "third", "addressee")]  # "sla ik"
    # "op de door u genoemde datum verhinderd ben": "u" after a preposition is no subject
    subjects = [p for p in before + inside + inverted if p.is_subject
                and not (p.kind == "addressee" and p.index and said[p.index - 1] in lex.words_of("governing"))]
    if not subjects:
        others = [p for p in before + inside if p.kind == "third_object"]
        if others:
            return frozenset({OTHER}), name
        nobody_as_object = not any(p.kind == "first_object" for p in people)
        if act in ("attend", "absent") and nobody_as_object and _thing_before(clause, start, lex, not_names) \
                or act == "withdraw" and _ended_thing(span, said, lex) \
                or act == "withdraw" and said[0] in lex.words_of("article") and nobody_as_object \
                and _thing_before(clause, start, lex, not_names):
            # "die Dienstreise wurde abgesagt", "de leerkring gaat niet door": a thing, nobody's absence or leaving;
            # "de helft van de delegatie haakte af": the clause opens with the thing that leaves
            return frozenset(), name
        return frozenset({SENDER}), name  # "moet verstek laten gaan", "Graag aanmelden": the writer
    last = subjects[-1]
    if last.is_other and any(p.kind == "first_object" and last.index < p.index < start
                             and not _after_preposition(p, said, lex) for p in people):
        return frozenset({SENDER}), name  # "zij heeft mij gevraagd om deel te nemen": I take part
    who = {OTHER if last.is_other else SENDER}
    if _coordinated(subjects, said, lex):
        who = {SENDER, OTHER}  # "Marieke Hoogland en ik"
    if SENDER in who and lex.has("both", said) and said[last.index] not in lex.words_of("first_singular"):
        who.add(OTHER)  # "voor ons allebei"; not "die twee kan ik allebei niet", where both are the meetings
    if last.kind == "addressee":  # a request to us ("kunt u mij afmelden"), or our own act ("komt u ook?")
        who = {SENDER} if act in _TRANSITIVE else set()
    return frozenset(who), name


def _after_preposition(person: Person, said: Sequence[str], lex: Lexicon) -> bool:
    """"Ann Claes van ons team": a pronoun after a preposition belongs to it, it is nobody the act is done to."""
    return person.index > 0 and said[person.index - 1] in lex.words_of("preposition") | lex.words_of("of")


def _coordinated(subjects: list[Person], said: Sequence[str], lex: Lexicon) -> bool:
    """Someone else and I, joined by "en" / "and" as one subject."""
    if not subjects:
        return False
    last = subjects[-1]
    joined = [p for p in subjects if p.index >= last.index - 5]
    between = said[joined[0].index:last.index + 1]
    return len({p.is_other for p in joined}) > 1 and any(w in lex.words_of("and") for w in between)


def _ended_thing(span: tuple[int, int], said: Sequence[str], lex: Lexicon) -> bool:
    """"De leerkring gaat niet door", "the programme was cancelled": the circle itself, with its article and no
    preposition before it, is what ends; nobody withdraws. "Voor de leerkring graag afmelden" is the writer's."""
    start = span[0]
    prepositions = (lex.words_of("preposition") | lex.words_of("describing") | lex.words_of("of")
                    | lex.words_of("origin"))
    return any(s == start for s, _ in lex.spans("taking_part", said)) and start > 0 \
        and said[start - 1] in lex.words_of("definite") and (start < 2 or said[start - 2] not in prepositions)


def _thing_before(clause: Clause, start: int, lex: Lexicon, not_names: frozenset[str]) -> bool:
    """A noun with an article stands before the act, and it is no meeting ("de derde bijeenkomst valt samen
    met", "Wageningen lukt"): the clause is about that thing."""
    said = clause.words
    meeting_words = lex.words_of("meeting") | lex.words_of("time") | not_names
    for index in range(start):
        if said[index] in lex.words_of("article") and index + 1 < start:
            following = said[index + 1:start]
            if not any(w in meeting_words or w.isdigit() or w in lex.words_of("ordinal") for w in following):
                return True
    return False


def _owner_after(clause: Clause, end: int, lex: Lexicon) -> str:
    """"de antwoorden van Piet", "the answers of Ming": a name right after "van" / "of" / "von" owns them."""
    toks = clause.tokens
    if end + 1 < len(toks) and toks[end].word in lex.words_of("of") and capital(toks[end + 1]) \
            and toks[end + 1].word not in lex.words_of("organisation") and not toks[end + 1].raw.isupper():
        return toks[end + 1].raw
    return ""


def _possesses(person: Person, said: Sequence[str], lex: Lexicon) -> bool:
    """"namens Lisa de Wit": the answers are that person's."""
    return any(end == person.index for _, end in lex.spans("naming", said))


def _owns(person: Person, said: Sequence[str], lex: Lexicon) -> bool:
    """"zijn antwoorden", "his answers", "seine Antworten": a possessive right before the answers or data."""
    following = said[person.index + 1:person.index + 3]
    return lex.has("answers", following) or lex.has("data", following)
