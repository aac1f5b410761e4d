"""A sentence cut into clauses, and what its function words do to each clause.

A clause ends at ``; : ( ) –``, at "..." and before a word that opens a new clause (maar, want, but,
aber, a subject after a comma, a condition). Per clause:

- ``negations``: how many negating words it holds; an even number cancels out ("kan het me niet
  permitteren om er niet bij te zijn" is coming). The negation of "niet meer" / "no longer" is counted
  apart, as ``no_longer``; "nog niet" / "not yet" as ``not_yet``. "kan niet wachten" / "can't wait" is
  eagerness, no negation.
- ``condition``: it is a condition ("als ...", "if ...", "mocht ...", "in dat geval") or what depends on
  one: the clause after it, or the one before when the condition comes last. "Ook al" / "even if" is a
  concession, not a condition.
- ``doubt``: misschien, probably, vielleicht, "weet ik niet", "bijna" ...; a hedge ("ik hoop erbij te zijn",
  "grote kans dat", "juni wordt lastig") doubts its own clause only; ``hypothetical``: "zou ...
  moeten", "would have to".
- ``question``: the sentence asks it; ``request`` when it asks us to do it ("kunt u mij afmelden?").
- ``retraction``: "grapje", "nee hoor", "just kidding", "Spaß beiseite", "1 april": what was said before
  it is taken back (``understand`` decides how far back).
- ``past``: "vorige keer", "last time": about what was, not what will be.
- ``label``: the short label before a colon ("Fase" in "Fase: volwassen").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from mailbot.language.lexicon import Lexicon
from mailbot.language.persons import NAME_PARTICLES, persons
from mailbot.language.text import Token, tokens

_HARD = re.compile(r"\s*([;]|(?<!\d):(?!\d)|\s[–—-]\s|\.{2,}|…|\s>\s)\s*")
_ASIDE = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")  # "(staat in de cc)": said beside the clause, not inside it
_COMMA = re.compile(r",\s*")
_LABEL_WORDS = 5
_DOUBT_WORDS = 6


@dataclass(frozen=True)
class Clause:
    text: str
    tokens: tuple[Token, ...]
    negations: int
    negated_at: tuple[int, ...]  # where the negating words stand
    no_longer: bool
    not_yet: bool
    condition: bool
    doubt: bool
    hypothetical: bool
    question: bool
    request: bool
    retraction: bool
    past: bool
    label: str
    after_colon: bool = False  # a colon stands right before it: what it says answers what came before
    turns: tuple[int, ...] = ()  # where "maar" / "but" turns: "geen bedrijf maar een provincie"
    informational: bool = False  # a question opened by a question word: asks for information, never for an act
    aside: bool = False  # said in brackets beside the sentence ("volwassen (met een vernieuwingsopgave)")

    @cached_property  # read many times by every detector; the clause never changes
    def words(self) -> tuple[str, ...]:
        return tuple(t.word for t in self.tokens)

    @property
    def affirmed(self) -> bool:
        """What the clause says is said to be so (not negated, or negated twice)."""
        return self.negations % 2 == 0

    @property
    def settled(self) -> bool:
        """Meant as said: not a condition, not in doubt, not a mere question, not about the past."""
        return not (self.condition or self.doubt or self.hypothetical or self.past
                    or (self.question and (not self.request or self.informational)))


def clauses(sentence: str, lex: Lexicon) -> list[Clause]:
    """The clauses of one sentence, in order."""
    known = _READ.get((sentence, id(lex)))
    if known is not None and known[0] is lex:
        return list(known[1])
    if len(_READ) >= 8192:  # a sentence is read by several detectors of one mail; older ones are let go
        _READ.clear()
    found = _clauses(sentence, lex)
    _READ[(sentence, id(lex))] = (lex, tuple(found))
    return found


_READ: dict[tuple[str, int], tuple[Lexicon, tuple[Clause, ...]]] = {}


def _clauses(sentence: str, lex: Lexicon) -> list[Clause]:
    cut = _pieces(sentence, lex)
    pieces = [text for text, _, _ in cut]
    asked = sentence.rstrip(" !.)\"'*\u2019\u201d").endswith("?") or "?" in sentence[-4:]
    drafts = [_draft(text, lex) for text in pieces]
    conditional = _conditional(drafts, lex, asked)
    questions = _questions(drafts, lex, asked)
    # "..., maar ik twijfel nog", "..., but I'm not sure yet": a short clause of doubt at the end doubts what the
    # sentence said before it
    doubted = len(drafts) > 1 and drafts[-1].doubt and len(drafts[-1].words) <= _DOUBT_WORDS
    drafts = _carry_denial(drafts, lex)
    out = []
    for index, (text, found) in enumerate(zip(pieces, drafts, strict=True)):
        label = pieces[index - 1].strip() if index and cut[index][1] and _is_label(pieces, index) else ""
        question = index in questions
        request = question and _addressed(found.tokens, lex) and not _asks_about_self(found.words, lex)
        # "Hoe lang bewaart u ...?", "When will you delete ...?": asked of us, for information, not to do it
        informational = question and _asks_what(drafts[0].words if 0 in questions else found.words, lex)
        out.append(Clause(text=text, tokens=found.tokens, negations=len(found.negated_at),
                          negated_at=found.negated_at, no_longer=found.no_longer,
                          not_yet=found.not_yet, condition=index in conditional,
                          doubt=found.doubt or found.hedged or doubted,
                          hypothetical=found.hypothetical, question=question, request=request,
                          retraction=found.retraction or (index == 0 and len(drafts) > 1 and _joke_over(found, lex)),
                          past=found.past, label=label, after_colon=cut[index][1],
                          turns=_turns(found.tokens, text, lex), informational=informational, aside=cut[index][2]))
    return out


@dataclass(frozen=True)
class _Draft:
    tokens: tuple[Token, ...]
    negated_at: tuple[int, ...]
    no_longer: bool
    not_yet: bool
    opens_condition: bool
    concession: bool
    doubt: bool
    hypothetical: bool
    retraction: bool
    past: bool
    hedged: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.word for t in self.tokens)


def _draft(text: str, lex: Lexicon) -> _Draft:
    toks = tuple(tokens(text))
    said = [t.word for t in toks]
    # "ik kan niet anders dan", "I have no choice but to": the act is affirmed, nothing is denied or conditional
    no_choice = {i for s, e in lex.spans("no_choice", said) for i in range(s, e)}
    apart = {i for name in ("no_longer", "not_yet", "wish", "doubt") for s, e in lex.spans(name, said)
             for i in range(s, e)} | no_choice
    # "keine Sorge", "no worries" said beside the clause (at its start or end): its negation denies nothing;
    # "dat deelname geen probleem vormt" is a denial
    apart |= {i for s, e in lex.spans("reassurance", said) if s == 0 or e == len(said) for i in range(s, e)}
    negating = [s for s, _ in _merged(lex.spans("negation", said)) if s not in apart]
    concession = lex.has("concession", said)
    courteous = {i for s, e in lex.spans("courtesy", said) for i in range(s, e)}  # "s'il vous plaît": no "if"
    condition = [s for s, _ in lex.spans("condition", said) if s not in courteous | no_choice | _as_role(said, lex)]
    # an intention denied is no doubt: "ik ben niet van plan me af te melden", "I'm not planning to withdraw"
    doubt = any(not (s and said[s - 1] in lex.words_of("negation")) and s not in courteous
                for s, _ in lex.spans("doubt", said))
    # "Of ons cluster kan ontvangen, is niet aan mij": a clause opened by "whether" asks, it states nothing
    doubt = doubt or (len(said) > 1 and said[0] in lex.words_of("whether"))
    opens = bool(condition) and not concession and (
        condition[0] == 0 or any(said[s] not in lex.words_of("condition_at_start") for s in condition))
    obligation = lex.has("obligation", said)
    wished = bool(lex.spans("wish", said))
    return _Draft(tokens=toks, negated_at=tuple(negating), no_longer=lex.has("no_longer", said),
                  not_yet=lex.has("not_yet", said), opens_condition=opens, concession=concession,
                  doubt=doubt, hedged=lex.has("hedge", said),
                  hypothetical=lex.has("hypothetical", said) and obligation,
                  retraction=_retracting(said, lex), past=lex.has("past", said) and not wished)


def _retracting(said: Sequence[str], lex: Lexicon) -> bool:
    """Words that take a joke back ("grapje", "1 april!"); not a date that happens to be the first of April ("per 1
    april vertrek ik", "on 1 April"), which a word of time or place stands before."""
    before = lex.words_of("governing") | lex.words_of("from_then") | lex.words_of("preposition") \
        | lex.words_of("date_before")
    return any(not (start and said[start - 1] in before) for start, _ in lex.spans("retraction", said))


_ROLE_WORDS = 4  # "als senior beleidsadviseur economie"
_ROLE_ENDING = 6  # a title that ends a role's word: "(beleids)adviseur", "(team)manager", "(project)medewerker"


def _as_role(said: Sequence[str], lex: Lexicon) -> set[int]:
    """"Als lector bij de hogeschool wil ik mij aanmelden": "als" before a role and the main clause's own verb and
    subject is "as", no "if". A condition has a subject or verb of its own ("als ik kan", "als de trein op tijd
    is", "als het lukt"), so an article, a pronoun or a verb right after "als" keeps it a condition."""
    if len(said) < 2 or said[0] not in lex.words_of("role_or_condition"):
        return set()
    own = lex.words_of("first")
    clause_words = own | lex.words_of("addressee") | lex.words_of("third") | lex.words_of("question_verb") \
        | lex.words_of("negation") | lex.words_of("condition")
    roles = [t for t in lex.words_of("titles") if len(t) >= _ROLE_ENDING]
    if len(said) <= _ROLE_WORDS and any(w.endswith(t) for w in said[1:] for t in roles) \
            and not any(w in clause_words | lex.words_of("thing") | lex.words_of("article") | lex.words_of("being")
                        | lex.words_of("can") for w in said[1:]):
        return {0}  # "..., als strategisch adviseur economie.": a role set off on its own, no verb to be a condition
    inversion = next((i for i in range(2, len(said) - 1) if said[i + 1] in own), None)
    if inversion is None or said[1] in clause_words | lex.words_of("thing") | lex.words_of("article") \
            or any(w in clause_words for w in said[2:inversion]):
        return set()
    return {0}


def _carry_denial(drafts: list[_Draft], lex: Lexicon) -> list[_Draft]:
    """"Het is niet zo, dat ik me wil afmelden", "Dat is niet omdat ik niet mee wil doen", "Es ist nicht so,
    dass ...": a clause that only denies is the negation of the clause it introduces."""
    frame = lex.words_of("denial_frame") | lex.words_of("thing") | lex.words_of("copula")
    out = list(drafts)
    for index, draft in enumerate(drafts[:-1]):
        said = draft.words
        if draft.negated_at and len(said) <= _FRAME_WORDS and all(
                i in draft.negated_at or w in frame for i, w in enumerate(said)):
            following = out[index + 1]
            if following.words and following.words[0] in lex.words_of("denied_reason"):
                out[index + 1] = replace(following, negated_at=(0, *following.negated_at))
    return out


_FRAME_WORDS = 6


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches as one: "in geen geval", "not at all" are one negation, not two with their "geen", "not"."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _joke_over(draft: _Draft, lex: Lexicon) -> bool:
    """"Serieus: ik vul hem deze week in", "Seriously though, ...": a sentence opened by saying that now it is
    meant takes back what came before it; not "ik neem het serieus"."""
    said = list(draft.words)
    return bool(said) and any(s == 0 and e == len(said) for s, e in lex.spans("joke_over", said))


def _pieces(sentence: str, lex: Lexicon) -> list[tuple[str, bool, bool]]:
    """Cut at hard marks, then at commas and words that open a new clause; each piece with whether a
    colon (or a "label >" arrow) stands right before it, and whether it was said in brackets."""
    out: list[tuple[str, bool, bool]] = []
    asides = [m.group(1) for m in _ASIDE.finditer(sentence) if m.group(1).strip()]
    parts = _HARD.split(_ASIDE.sub("", sentence))
    labelled = False
    for index, part in enumerate(parts):
        if index % 2:  # a separator
            labelled = part.strip() in (":", ">")
            continue
        soft = [p for p in _soft(part, lex) if p.strip(" ,.!?")]
        for number, piece in enumerate(soft):
            out.append((piece, labelled and number == 0, False))
        if soft:
            labelled = False
    for aside in asides:
        out.extend((piece, False, True) for piece in _soft(aside, lex) if piece.strip(" ,.!?"))
    return out or [(sentence, False, False)]


def _soft(text: str, lex: Lexicon) -> list[str]:
    toks = tokens(text)
    cuts: list[int] = []
    subjects = (lex.words_of("first") | lex.words_of("first_possessive") | lex.words_of("question")
                | lex.words_of("third") | lex.words_of("thing"))  # "..., en dat wil ik ook niet"
    starters = (lex.words_of("clause_break") | lex.words_of("first") | lex.words_of("third") | lex.words_of("question")
                | lex.words_of("question_verb") | lex.words_of("addressee") | lex.words_of("then")
                | lex.words_of("thing") | lex.words_of("first_possessive")
                | lex.words_of("parting"))  # "De trein is geboekt, tot donderdag": the writer's parting words
    # "ik meld me af, het past niet in mijn agenda", "ik stop ermee, mijn baan laat het niet toe": a subject of its own
    conditions = lex.words_of("condition") - lex.words_of("condition_at_start")
    breaks = (lex.words_of("clause_break") & lex.words_of("break_anywhere")) | conditions
    concessions = {s for s, _ in lex.spans("concession", [t.word for t in toks])}
    others_words, and_words = lex.words_of("others"), lex.words_of("and")  # "..., en mijn vraag is": a new clause
    possessives = lex.words_of("first_possessive") | lex.words_of("third_possessive")  # "en zijn team": no verb
    verbs, first = lex.words_of("question_verb"), lex.words_of("first")
    negated = _negated_stretches(toks, text, lex)
    opened = 0  # the first word of the piece being cut
    for index, tok in enumerate(toks):
        if index == 0:
            continue
        before = text[toks[index - 1].end:tok.start]
        after_comma = "," in before
        # "..., kann ich nicht teilnehmen, Wageningen klappt nicht": two negations on either side of a comma
        # deny two things; they never cancel out as "ik kan niet niet komen" does
        apart = after_comma and negated.get(index, False) and any(negated.get(i, False) for i in range(opened, index))
        others = [t.word for t in toks[index:index + 3]]  # "..., bij de andere drie ben ik er"
        # not "meld ik mijzelf en mijn collega aan": after an object pronoun, "en" joins a second object
        joins = tok.word in and_words and index + 1 < len(toks) and toks[index + 1].word in subjects \
            and toks[index - 1].word not in lex.words_of("first_object") \
            and not _only_a_name(toks, cuts, index, text, toks[index + 1].word in lex.words_of("first"))
        # "Lisa de Wit en ik melden ons aan": one subject
        # "..., melde ich mich ab", "..., meld ik me af": a verb with its subject after it opens the main clause
        inverted = index + 1 < len(toks) and toks[index + 1].word in lex.words_of("first")
        # "..., daar zal ik niet bij kunnen zijn", "..., die sla ik over": a word pointing back, its verb, its subject
        inverted = inverted or (tok.word in lex.words_of("anaphor") and index + 2 < len(toks)
                                and toks[index + 2].word in lex.words_of("first"))
        # "ik heb niet gevraagd om ... te verwijderen en wil dat ook niet": "en" and a verb whose subject is the
        # one before opens a clause of its own, so the two "niet"s do not cancel out
        joins = joins or (tok.word in and_words and index + 1 < len(toks)
                          and toks[index + 1].word in verbs and toks[index + 1].word not in possessives)
        # "Dat is niet zo, afmelden wil ik me echt niet": a word, its verb and then its subject after a comma
        inverted = inverted or (index + 2 < len(toks) and toks[index + 1].word in verbs
                                and toks[index + 2].word in first)
        # "..., in februari heb ik ouderschapsverlof": a time or place put first, then the verb and its subject
        # (not a list that goes on: "die Termine im Februar, April und Juni habe ich eingeplant"; nor after a word
        # alone: "Helaas, 8 april moet ik ...")
        inverted = inverted or (after_comma and index - opened >= _FRONTED and any(
            toks[j].word in first and "," not in text[tok.start:toks[j].start]
            and not any(toks[k].word in and_words for k in range(index, j))
            for j in range(index + 2, min(index + _FRONTED + 2, len(toks)))))
        # "... vergaderen Provinciale Staten en daar moet ik bij zijn": "en" opens a clause of its own there
        joins = joins or (tok.word in and_words and index + 3 < len(toks)
                          and toks[index + 1].word in lex.words_of("anaphor")
                          and toks[index + 3].word in lex.words_of("first"))
        if (after_comma and (tok.word in starters or tok.word in conditions | lex.words_of("condition")
                             or others_words & set(others) or inverted)) or (
                tok.word in breaks and not _inside_phrase(toks, index, lex)) or index in concessions or joins \
                or _opens_condition_inside(toks, index, lex) or apart:
            cuts.append(toks[_answer_before(toks, index, text, lex)].start)
            opened = index
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(text[last:cut].strip(" ,"))
        last = cut
    pieces.append(text[last:].strip(" ,"))
    return [p for p in pieces if p]


_FRONTED = 3  # words put before the verb of a main clause: "in februari", "op de achtste", "vanaf half april"


def _answer_before(toks: Sequence[Token], index: int, text: str, lex: Lexicon) -> int:
    """Where a clause that opens at word ``index`` starts: with the bare yes or no set off before it ("I can make
    all four, and no, we can't host"), which answers what it says, not what came before the comma."""
    short = lex.words_of("yes") | lex.words_of("no")
    run = short | lex.words_of("and")
    first = index
    while first > 1 and toks[first - 1].word in run \
            and (first == index or "," not in text[toks[first - 1].end:toks[first].start]):
        first -= 1
    if first == index or "," not in text[toks[first - 1].end:toks[first].start] \
            or not any(toks[i].word in short for i in range(first, index)):
        return index
    return first


def _negated_stretches(toks: Sequence[Token], text: str, lex: Lexicon) -> dict[int, bool]:
    """For the first word of each stretch between commas, whether the stretch holds a negation."""
    said = [t.word for t in toks]
    negations = {s for s, _ in lex.spans("negation", said)}
    starts = [0] + [i for i in range(1, len(toks)) if "," in text[toks[i - 1].end:toks[i].start]]
    ends = starts[1:] + [len(toks)]
    return {start: any(start <= n < end for n in negations) for start, end in zip(starts, ends, strict=True)}


def _opens_condition_inside(toks: Sequence[Token], index: int, lex: Lexicon) -> bool:
    """"... kan vermelden als ik toch wil afzien", "si je ne peux pas venir": a word that is a condition only at
    a clause's start ("als" is also "as") opens one inside a sentence when a subject follows it; not in a
    comparison ("net als ik", "zo snel als u kunt")."""
    word = toks[index].word
    if word not in lex.words_of("condition_at_start") or word in lex.words_of("question") or index + 1 >= len(toks):
        return False  # "hoe bepaal je wanneer je loslaat": "wanneer" inside a sentence asks when
    subjects = lex.words_of("first") | lex.words_of("addressee") | lex.words_of("third") | lex.words_of("thing") \
        | lex.words_of("first_possessive") | lex.words_of("third_possessive")
    return toks[index + 1].word in subjects and toks[index - 1].word not in lex.words_of("comparison")


_NOUN_PHRASE = 3  # "as a withdrawal", "as my last meeting"


def _noun_phrase_ends(rest: Sequence[str], lex: Lexicon) -> bool:
    """What follows is a short thing named, to the end of the clause: an article or possessive, a word or two."""
    determiners = lex.words_of("article") | lex.words_of("definite") | lex.words_of("first_possessive") \
        | lex.words_of("third_possessive")
    return 1 < len(rest) <= _NOUN_PHRASE and rest[0] in determiners


def _turns(toks: tuple[Token, ...], text: str, lex: Lexicon) -> tuple[int, ...]:
    """The places where a contrast turns, so that a negation before them does not reach past them: "maar" after a
    comma, or before what it sets against the denied ("geen bedrijf maar een provincie", "niet bij X maar bij
    Y"); not the "maar" of "haal hem maar van de lijst"."""
    against = lex.words_of("article") | lex.words_of("preposition") | lex.words_of("turn") | lex.words_of("definite")
    turn = lex.words_of("turn")
    # a conjunction too: "hij gaat het niet redden dus haal hem van de lijst"
    joining = lex.words_of("clause_break") - turn - lex.words_of("only") - lex.words_of("except")
    said = [t.word for t in toks]
    wished = {i for s, e in lex.spans("wish", said) for i in range(s, e)}  # "I want to": a verb, not Dutch "want"
    spoken_of = lex.words_of("first") | lex.words_of("third") | lex.words_of("addressee") | lex.words_of("negation")
    out = []
    for index, tok in enumerate(toks):
        if index == 0 or tok.word not in turn | joining or index in wished:
            continue
        comma = "," in text[toks[index - 1].end:tok.start]
        if not comma and toks[index - 1].word in lex.words_of("infinitive_marker"):
            continue  # "geen reden om daarom niet meer mee te doen": an adverb inside the infinitive, no new clause
        if not comma and toks[index - 1].word in spoken_of:
            continue  # "I don't want my data deleted": English "want" after its subject, not Dutch "want" (because)
        if tok.word in joining and not comma and _noun_phrase_ends(said[index + 1:], lex):
            continue  # "don't read my silence as a withdrawal": "as" before a thing named is no new clause
        if tok.word in joining or comma or (index + 1 < len(toks) and toks[index + 1].word in against):
            out.append(index)
    return tuple(out)


def _only_a_name(toks: list[Token], cuts: list[int], index: int, text: str, me_next: bool) -> bool:
    """Whether the words since the last cut are only a name (capitalised words and small words between), or end
    in one before "ik" ("moeten Marieke Hoogland en ik ons afmelden"): the name and "ik" are one subject."""
    start = max([c for c in cuts if c <= toks[index].start], default=0)
    run = [t for t in toks[:index] if t.start >= start]
    whole = bool(run) and run[0].raw[:1].isupper() and run[-1].raw[:1].isupper() and len(run) <= _NAME_WORDS \
        and "," not in text[run[0].start:run[-1].end]
    trailing = 0
    for tok in reversed(run[1:]):  # not the sentence's first word, which has a capital anyway
        if "," in text[tok.end:toks[index].start]:
            break
        if tok.raw[:1].isupper():
            trailing += 1
        elif tok.word not in NAME_PARTICLES:  # "Sanne de Vries"
            break
    return whole or (me_next and trailing >= _NAME_CAPITALS)


_NAME_CAPITALS = 2


_NAME_WORDS = 5


def _inside_phrase(toks: list[Token], index: int, lex: Lexicon) -> bool:
    """"ook al", "even if", "auch wenn": the word opens no clause of its own there."""
    said = [t.word for t in toks]
    return any(s < index < e for name in ("concession", "condition", "except") for s, e in lex.spans(name, said))


def _conditional(drafts: list[_Draft], lex: Lexicon, asked: bool) -> set[int]:
    marked: set[int] = set()
    for index, draft in enumerate(drafts):
        if index and _inverted_condition(drafts[index - 1], draft, lex, asked):
            marked.update((index - 1, index))  # "Wordt die niet verlengd, dan meld ik me af": if, then
            continue
        if not draft.opens_condition:
            continue
        if index and lex.has("welcome", drafts[index - 1].words):
            continue  # "ik stel het op prijs als ik kan worden ingeschreven": what would be welcome is asked for
        marked.add(index)
        if index + 1 < len(drafts):
            marked.add(index + 1)
            # "als X, dan Y en Z": what follows the consequent with "en"/"dan" depends on it too
            nxt = index + 2
            while nxt < len(drafts) and drafts[nxt].words[:1] in (("en",), ("dan",), ("and",), ("then",)):
                marked.add(nxt)
                nxt += 1
        else:
            # a condition last governs the sentence before it, back to where a new statement turns ("maar")
            for before in range(index - 1, -1, -1):
                marked.add(before)
                if drafts[before].words[:1] and drafts[before].words[0] in lex.words_of("clause_break"):
                    break
    return marked


def _inverted_condition(before: _Draft, draft: _Draft, lex: Lexicon, asked: bool) -> bool:
    """A clause with its verb first, answered by "dan" / "then" / "dann" / "alors" or by a clause with its verb
    first too, is a condition ("Wordt mijn contract niet verlengd, dan ...", "Klappt das nicht, muss ich ...");
    a clause opened by its subject is a fact and what follows it a consequence ("Ik heb geen tijd meer, dan ...")."""
    if len(draft.words) < 2 or len(before.words) < 2:
        return False
    subjects = set().union(*(lex.words_of(name) for name in (
        "first", "third", "addressee", "article", "thing", "first_possessive", "third_possessive", "question",
        "clause_break", "greeting", "then")))
    # "In Groningen kan ik niet, dan heb ik raad": a clause opened by a preposition has no verb first
    opener = subjects | lex.words_of("governing")

    def verb_first(clause: _Draft) -> bool:  # verb, then its subject
        return clause.words[0] not in opener and (clause.words[1] in subjects or clause.tokens[1].raw[:1].isupper())

    if not verb_first(before):
        return False
    # answered by "dan" / "then"; "Should my contract end, I ...": English inverts only a few verbs so; "Wird er
    # nicht verlängert, muss ich ...": a consequence with its own verb first answers it as "dann" would
    if draft.words[0] in lex.words_of("then") or before.words[0] in lex.words_of("verb_first_condition"):
        return True
    # without "dann", both verbs first, each before a pronoun ("Wird er nicht verlängert, muss ich ..."); not a
    # question ("Wilt u mijn gegevens verwijderen, die ik ...?"), nor a clause after "Vanuit de provincie"
    pronouns = set().union(*(lex.words_of(name) for name in ("first", "third", "addressee", "thing")))
    return not asked and before.words[1] in pronouns and draft.words[1] in pronouns and verb_first(draft) \
        and draft.words[0] not in lex.words_of("relative") | lex.words_of("whether") | lex.words_of("clause_break")


def _questions(drafts: list[_Draft], lex: Lexicon, asked: bool) -> set[int]:
    """The clauses a sentence ending in "?" asks: all of them when it opens with a question word or verb ("En
    worden mijn gegevens gewist, of moet ik erom vragen?"); else from the last one that does ("eine kurze Frage:
    Werden meine Daten gelöscht, oder muss ich das beantragen?"), with the ones right before it that open so too
    ("Two questions: is there a fee, and may I ...?"), to its end; else its last clause ("Ik meld me
    af, kunt u dat bevestigen?")."""
    if not asked or not drafts:
        return set()
    opening = lex.words_of("question") | lex.words_of("question_verb")

    def opens(draft: _Draft) -> bool:
        said = draft.words[1:] if draft.words[:1] and draft.words[0] in lex.words_of("and") else draft.words
        return bool(said) and said[0] in opening

    starts = [i for i, draft in enumerate(drafts) if opens(draft)]
    if not starts:
        return {len(drafts) - 1}
    first = starts[-1]
    while first - 1 in starts:  # "Two questions: is there a fee, and would it be possible to ...?": both asked
        first -= 1
    return set(range(0 if starts[0] == 0 else first, len(drafts)))


def _asks_what(said: tuple[str, ...], lex: Lexicon) -> bool:
    """The question opens with a question word ("hoe", "when", "wann"): it asks for information."""
    return bool(said) and said[0] in lex.words_of("question")


def _addressed(toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """The clause speaks to us ("kunt u", "could you", "können Sie"), not of "je" as anyone ("hoe houd je")."""
    return any(p.kind == "addressee" for p in persons(toks, lex))


def _asks_about_self(said: tuple[str, ...], lex: Lexicon) -> bool:
    """"Kan ik ...?", "May I ...?": the writer asks whether they may, not that we do it."""
    said = said[1:] if said[:1] and said[0] in lex.words_of("and") | lex.words_of("clause_break") else said
    return (bool(said) and said[0] in lex.words_of("question_verb") and len(said) > 1
            and said[1] in lex.words_of("first"))


def _is_label(pieces: list[str], index: int) -> bool:
    """The piece before ends in a colon in the sentence and is a few words: "Fase", "Mijn vraag"."""
    before = pieces[index - 1].strip()
    return 0 < len(before.split()) <= _LABEL_WORDS
