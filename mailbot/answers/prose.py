"""Answers written as prose: "Ik werk bij de provincie Overijssel ... mijn vraag is hoe je als provincie
loslaat ... Alle vier de data staan in mijn agenda; ontvangen kan bij ons niet."

Each clause (``mailbot.language``) is cut where it turns to another question's subject. A subject is
named by a word of the question itself ("vraag", "ervaring", "fase", "alle vier", "ontvangen", "work"),
by a word that means one (``means`` in the word lists: "gastheer" is "ontvangen", "Typ" is "type"), by
its number ("vraag 8", "punt 2"), by a short label ("Fase:", "Org:"), or, for a choice, by naming one of
its options. A word two questions share ("cluster", "bijeenkomst") names the first weakly: a yes or no
needs a word only its question has ("alle vier"), a free answer named so needs a name in it. Then:

- a choice is an option whose label, a stem of it ("financiering": "Financieren") or a word that means it
  ("hogeschool": "onderwijsinstelling") is said about that subject and is not negated ("we zijn geen
  bedrijf maar een provincie"); "eerder X dan Y" is X; two options for one choice is unclear; "alles
  behalve X" is every other option; an option named inside a question asked ("hoe je als provincie
  loslaat") is no choice;
- a free answer is the words said about that subject; an answer that is a question ("Welke vragen ...?")
  is one; the organisation is the name after "bij", "at", "namens", "vanuit" ... in the writer's own
  clause ("niet bij X maar bij Y" is Y; "per 1 januari" is not yet);
- yes or no is whether that clause is affirmed or negated; doubt ("probeer", "weet ik niet"), a condition,
  the past ("had ik ja ingevuld") is no answer.

A question for the organiser, a cover line about the mail itself, a joke taken back answer nothing. What
is not clear stays unanswered: never guessed. With the person's earlier answers (``known``) it reads as a
correction: "ook financiering erbij" adds, "governance mag eruit" removes, "vervang A door B" swaps, of
two options named the one they have now is the old one, and the last thing said about a subject counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from mailbot.answers.matching import ABBREVIATION_MIN, STOPWORDS, abbreviated_option, normalize
from mailbot.answers.questionnaire import CHOICE_TYPES, AnswerValue, Option, Question, Questionnaire
from mailbot.language.clauses import Clause, clauses
from mailbot.language.lexicon import LANGUAGES, LISTS, Lexicon, lexicon
from mailbot.language.persons import persons
from mailbot.language.sentences import split
from mailbot.language.stems import same_stem, stem
from mailbot.language.text import Token
from mailbot.language.text import words as words_in

_WORDS = lexicon(*LANGUAGES)  # the questionnaire is read in all its languages, a mail in its own
_ORGANISATION_NOUNS = _WORDS.words_of("organisation_noun")
_QUESTION_NOUNS = _WORDS.words_of("question_noun")
_NUMBER_WORDS = _WORDS.words_of("number_word")  # "vraag 4", "question 4"
_ASKING = _WORDS.words_of("question")
_ABOUT = _WORDS.words_of("question_about")
_PREPOSITIONS = _WORDS.words_of("preposition")
_TURN = _WORDS.words_of("turn")
_NAME_LINKS = _WORDS.words_of("name_link")
_ORGANISATION_HEADS = _WORDS.words_of("organisation_head")
# "bij clusterorganisatie Health Valley", "bei der Clusterinitiative": a compound naming the kind, before the name
_KIND_ENDINGS = tuple(sorted(_WORDS.words_of("organisation_kind_ending")))
_ARTICLES = _WORDS.words_of("definite")
_POSSESSIVES = _WORDS.words_of("first_possessive") | _WORDS.words_of("third_possessive")
_OF = _WORDS.words_of("of") - _ARTICLES  # French "de" is a Dutch article
# "een", "eine", "a": what follows is a kind, not a name ("also am ehesten eine Region")
_INDEFINITE = _WORDS.words_of("article") - _ARTICLES - _WORDS.words_of("first_possessive") \
    - frozenset({"deze", "die", "dat", "this", "that", "des", "der", "das", "den", "dem", "les", "unserer"})
_STOP = _WORDS.words_of("not_subject")
# between the words that name the subject and the answer: "mijn vraag is: ...", "my question would be ..."
_FILLER = _WORDS.words_of("filler")
_COUNTS = _WORDS.words_of("count")
_MEASURES = _WORDS.words_of("measure")
_EVERY = _WORDS.words_of("every")
_BACK = (_WORDS.words_of("anaphor") | _WORDS.words_of("thing")) - _WORDS.words_of("question") \
    - _WORDS.words_of("every") - frozenset({"niets", "nichts", "rien", "nothing", "dan", "then", "dann", "alors"})
_ALL_LISTS = tuple(name for names in LISTS.values() for name in names)
_MIN_TEXT_WORDS = 2
_SUBJECT_FIRST = 3  # words: "Bij organisatie", "For the organisation": the subject opens the clause
_LABEL_WORDS = 3  # "Hosten?", "Alle 4?", "Type organisatie?"


@dataclass(frozen=True)
class ProseAnswers:
    answers: dict[str, AnswerValue]
    explained: tuple[int, ...]  # the sentences read as answers
    sources: dict[str, str] = field(default_factory=dict)  # question id -> the words it was read from


@dataclass
class _Segment:
    question: int | None
    clause: Clause
    sentence: int
    start: int
    end: int
    cue_end: int  # the first word after the words that named the subject
    weak: bool = False  # named only by a word another question shares
    later: bool = False  # the sentence speaks of what will be ("per 1 januari ..."), or no longer is
    carried: bool = False  # in a correction, "dat", "daar", "het" carried the subject named before
    answering: bool = False  # the answer to a subject named just before ("Hosten? Ja", "mijn vraag: hoe ...")
    introduces: bool = False  # a colon follows: the clause names what the next one says ("Wat ik wil bespreken: ...")
    following: str = ""  # after a colon, the rest of the sentence: "... trekker en wanneer juist volger?"

    def words(self, start: int | None = None) -> list[str]:
        return [t.word for t in self.clause.tokens[self.start if start is None else start:self.end]]

    def text(self, start: int | None = None) -> str:
        toks = self.clause.tokens[self.start if start is None else start:self.end]
        if not toks:
            return ""
        return self.clause.text[toks[0].start:toks[-1].end].strip(" ,;:-–")

    def negations(self, lex: Lexicon, before: int | None = None) -> int:
        said = self.clause.words
        apart = {i for name in ("no_longer", "not_yet", "wish", "doubt") for s, e in lex.spans(name, said)
                 for i in range(s, e)}
        stop = self.end if before is None else before
        # "geen bedrijf maar een provincie": a negation reaches up to "maar" / "but", not past it
        turns = [t for t in self.clause.turns if self.start <= t < stop] if before is not None else []
        start = max([self.start, *(t + 1 for t in turns)])
        return sum(1 for s, _ in lex.spans("negation", said) if start <= s < stop and s not in apart)


@dataclass(frozen=True)
class _Mention:
    question: int
    option: str
    at: int  # the word in the clause
    weak: bool = False  # named only by a word its question or a common word shares: counts where it is the subject


@dataclass(frozen=True)
class _Hit:
    at: int
    question: int
    cue_end: int
    weak: bool = False


_WORD_MEMO = 50_000  # words remembered per vocabulary before it starts again: memory stays flat


def _vocabulary(questionnaire: Questionnaire, lex: Lexicon) -> _Vocabulary:
    """The vocabulary of a questionnaire read with a lexicon, made once per process: the same questionnaire
    (equal, when a batch reads it again from its stored version) and lexicon give the same vocabulary."""
    known = _VOCABULARIES.get((id(questionnaire), id(lex)))
    if known is not None and known.questionnaire is questionnaire and known.lex is lex:
        return known.vocabulary
    key = (repr(questionnaire), id(lex))
    made = _BY_CONTENT.get(key)
    if made is None or made.lex is not lex:
        if len(_BY_CONTENT) >= 16:  # a reloaded configuration brings a new questionnaire
            _BY_CONTENT.clear()
        made = _BY_CONTENT[key] = _Vocabulary(questionnaire, lex)
    if len(_VOCABULARIES) >= 64:
        _VOCABULARIES.clear()
    _VOCABULARIES[(id(questionnaire), id(lex))] = _Same(questionnaire, lex, made)
    return made


@dataclass(frozen=True)
class _Same:
    """An object seen before (kept alive here, so that its id stays its own) and its vocabulary."""

    questionnaire: Questionnaire
    lex: Lexicon
    vocabulary: _Vocabulary


class _Vocabulary:
    """What names each question's subject and each option, for one questionnaire."""

    def __init__(self, questionnaire: Questionnaire, lex: Lexicon) -> None:
        self.questions = questionnaire.questions
        self.lex = lex
        self._subjects: dict[str, list[tuple[int, bool]]] = {}  # per word: the vocabulary is kept per process
        self._named: dict[tuple[str, ...], tuple[tuple[int, str, bool], ...]] = {}
        function = {p.text for name in ("question", "question_verb", "wish", "negation", "first", "addressee",
                                        "article", "obligation", "hypothetical", "others")
                    for p in lex.lists.get(name, ())}
        stop = self.stop = STOPWORDS | function | _STOP | _WORDS.words_of("generic")  # "andere" names no subject
        per_question = [{stem(w) for text in (*q.question.values(), *q.synonyms) for w in normalize(text).split()
                         if w not in stop and (len(w) > 2 or (len(w) == 2 and w[0].isdigit() and w[1].isalpha()))}
                        for q in self.questions]  # "4x" names all four meetings
        self.cues: list[set[str]] = []
        self.unique: list[set[str]] = []
        owned: set[str] = set()
        # "Treffen", "meetings": a meeting named as such names all of them only weakly, in any language
        meetings = {stem(w) for w in _WORDS.words_of("meeting")}
        for index, words in enumerate(per_question):
            others = set().union(*(w for i, w in enumerate(per_question) if i != index))
            self.cues.append(words - owned)  # a word two questions share names the first ("organisatie", "cluster")
            self.unique.append(words - others - meetings)
            owned |= words
        self.subject_words = owned
        self.generic = {stem(p.text) for p in lex.lists.get("generic", ())}
        self.function = {p.text for name in ("only", "except", "negation", "again", "rather", "than", "add", "remove",
                                             "condition", "clause_break") for p in lex.lists.get(name, ())}
        self.options = [self._option_words(q, _label_words) for q in self.questions]
        # a declared synonym names its option as a word, not inside another ("college" is no "collega")
        self.synonyms = [self._option_words(q, _synonym_words) for q in self.questions]
        # a word naming options of two questions ("groei": Groeiend, and "stimuleren van groei") names neither
        # outside its own subject
        counts: dict[str, int] = {}
        for labels, synonyms in zip(self.options, self.synonyms, strict=True):
            for word in set().union(*labels.values(), *synonyms.values()) if labels else set():
                counts[word] = counts.get(word, 0) + 1
        self.ambiguous = {w for w, n in counts.items() if n > 1}
        self.phrases = [{o.id: [normalize(text) for label in o.label.values()
                                for text in (label, *re.findall(r"\(([^)]*)\)", label))]
                         + [normalize(s) for s in o.synonyms if " " in normalize(s)] for o in q.options}
                        for q in self.questions]
        self.phrases = [{o: list(dict.fromkeys(labels)) for o, labels in phrases.items()} for phrases in self.phrases]
        # the labels of more than one word, each padded for a whole-word search and with its length: every
        # clause of every mail is searched for them, so they are prepared once
        whole = [(index, option_id, label) for index, phrases in enumerate(self.phrases)
                 for option_id, labels in phrases.items() for label in labels if len(label.split()) > 1]
        self._whole_labels = {word: [(order, index, option_id, f" {label} ", len(label.split()))
                                     for order, (index, option_id, label) in enumerate(whole)
                                     if label.split()[0] == word]
                              for word in {label.split()[0] for _, _, label in whole}}  # by their first word
        self.organisation = next((i for i, q in enumerate(self.questions) if q.type == "text" and any(
            w in _ORGANISATION_NOUNS for text in q.question.values() for w in normalize(text).split())), None)
        # the questions whose answers are themselves questions ("Welke concrete vragen ..."): an option named
        # in what they ask ("hoe je als provincie loslaat") is no choice, and their answer is a question
        self.asking = {i for i, q in enumerate(self.questions) if q.type == "text" and any(
            w in _QUESTION_NOUNS for text in q.question.values() for w in normalize(text).split())}
        # the choices about the organisation itself ("Wat voor organisatie is dat?")
        self.kinds = {i for i, q in enumerate(self.questions) if q.type in CHOICE_TYPES and any(
            w in _ORGANISATION_NOUNS for text in q.question.values() for w in normalize(text).split())}

    @staticmethod
    def _option_words(question: Question, naming: Callable[[Option], set[str]]) -> dict[str, set[str]]:
        if question.type not in CHOICE_TYPES:
            return {}
        words = {option.id: naming(option) for option in question.options}
        shared = {w for a, ws in words.items() for w in ws if any(w in v for b, v in words.items() if b != a)}
        return {oid: ws - shared for oid, ws in words.items()}

    def weak(self, word: str) -> bool:
        """A word of an option that is also a question's word ("regio") or a common one ("anders"): it names
        the option only where that question is the subject ("Type: regio")."""
        return word in self.subject_words or word in self.generic or word in self.ambiguous

    def subject(self, word: str) -> list[tuple[int, bool]]:
        """The questions a word names as a subject (by itself, or by what it means), and whether weakly."""
        known = self._subjects.get(word)
        if known is None:
            known = self._subjects[word] = self._subject(word)
            if len(self._subjects) > _WORD_MEMO:
                self._subjects.clear()
        return list(known)

    def _subject(self, word: str) -> list[tuple[int, bool]]:
        if word in self.function:
            return []  # "alleen" is no "alle"
        forms = [word, *self.lex.means.get(word, ())]
        found = []
        for index, cues in enumerate(self.cues):
            # a compound names a thing ("sensorcluster"), not the act a yes or no is about ("gaslocaties": no hosting)
            fits = same_stem if self.questions[index].type == "yesno" else _fits
            hits = [cue for form in forms for w in form.split() for cue in cues if fits(stem(w), cue)]
            if hits:
                found.append((index, not any(h in self.unique[index] for h in hits)))
        return found

    def phrase_words(self, clause: Clause) -> set[int]:
        """The words of the clause that say an option's whole label."""
        taken: set[int] = set()
        for _, _, at, size in self._labels_said(clause.words):
            taken.update(range(at, at + size))
        return taken

    def _labels_said(self, said: Sequence[str]) -> list[tuple[int, str, int, int]]:
        """(question, option, first word, words) for each label of more than one word the words say whole."""
        joined = f" {' '.join(said)} "
        if any(" " in word for word in said):
            candidates = [entry for entries in self._whole_labels.values() for entry in entries]
        else:  # a label said whole starts at a word said: only those labels are looked for
            candidates = [entry for word in set(said) for entry in self._whole_labels.get(word, ())]
        return [(index, option_id, len(joined[:joined.index(padded)].split()), size)
                for _, index, option_id, padded, size in sorted(candidates) if padded in joined]

    def mentions(self, clause: Clause) -> list[_Mention]:
        said = clause.words
        out: list[_Mention] = []
        taken: set[int] = set()
        for index, option_id, at, size in self._labels_said(said):  # a whole label, said as such, is a strong mention
            out.append(_Mention(index, option_id, at))
            taken.update(range(at, at + size))
        for at, word in enumerate(said):
            if at in taken:
                continue
            forms = [word, *self.lex.means.get(word, ())]
            for size in (2, 3):  # "triple helix", "aan het begin"
                if at + size <= len(said):
                    forms += list(self.lex.means.get(" ".join(said[at:at + size]), ()))
            named = [_Mention(index, option_id, at, weak) for index, option_id, weak in self._options_named(word, forms)
                     if not (weak and _describes(said, at))]
            # "gov." names government, and at the themes, governance; "spreken mij aan." cuts nothing short
            if word not in self.stop and _abbreviated(clause, at):
                named += [m for m in self._cut_short(word, at) if all(n.question != m.question for n in named)]
            out.extend(named)
        return out

    def _cut_short(self, word: str, at: int) -> list[_Mention]:
        """"gov.", "rolverd.", "univ": the option whose word starts so, one per question at most; weakly, so
        that it counts where its question is the subject."""
        return [_Mention(index, option_id, at, True) for index, q in enumerate(self.questions)
                if q.type in CHOICE_TYPES and (option_id := abbreviated_option(word, q.options)) is not None]

    def options_named_by(self, word: str) -> bool:
        """Whether the word, or what it means, names an option of any question ("groeit": Groeiend)."""
        return bool(self._options_named(word, [word, *self.lex.means.get(word, ())]))

    def _options_named(self, word: str, forms: list[str]) -> tuple[tuple[int, str, bool], ...]:
        """(question, option, weakly) for each option the word names in any of its forms: the same for the
        same word and forms, so remembered per vocabulary."""
        key = (word, *forms)
        known = self._named.get(key)
        if known is not None:
            return known
        found = []
        for index, options in enumerate(self.options):
            for option_id, words in options.items():
                hits = [cue for form in forms for w in form.split() for cue in words if _fits(stem(w), cue)]
                hits += [cue for form in forms for w in form.split() for cue in self.synonyms[index][option_id]
                         if same_stem(stem(w), cue)]
                if hits:
                    found.append((index, option_id, all(self.weak(h) for h in hits) or stem(word) in self.generic))
        self._named[key] = result = tuple(found)
        if len(self._named) > _WORD_MEMO:
            self._named.clear()
        return result



def _counted(said: Sequence[str], at: int, vocabulary: _Vocabulary) -> bool:
    """"alle vier", "all 4", "alle bijeenkomsten": "all" followed by a count or by a word of the same subject."""
    after = said[at + 1:at + 3]
    own = {q for q, _ in vocabulary.subject(said[at])}
    return any(w.isdigit() or w in _COUNTS or any(q in own for q, _ in vocabulary.subject(w)) for w in after)


def _describes(said: Sequence[str], at: int) -> bool:
    """"de financiering van het cluster", "the funding of our cluster": a shared word after "van" / "of" says
    whose the thing before is; it names no subject or option of its own."""
    before = [w for w in said[max(0, at - 3):at] if w not in _ARTICLES and w not in _POSSESSIVES]
    return bool(before) and before[-1] in _OF


def _label_words(option: Option) -> set[str]:
    """The stems of an option's labels' heads (and its id)."""
    found: set[str] = set()
    for lang, label in option.label.items():
        found |= {stem(w) for w in _head(label, lang) if w not in STOPWORDS and len(w) > 2}
        found |= _elided(label)
    found.add(stem(normalize(option.id)))
    return found


def _synonym_words(option: Option) -> set[str]:
    """The stems of an option's one-word synonyms (a phrase is matched whole, in ``phrases``)."""
    return {stem(w) for w in map(normalize, option.synonyms) if " " not in w and len(w) > 1}

_VOCABULARIES: dict[tuple[int, int], _Same] = {}
_BY_CONTENT: dict[tuple[str, int], _Vocabulary] = {}


def _head(label: str, lang: str) -> list[str]:
    """The words that name an option: its head, not what describes it ("Faciliteren en stimuleren" of
    "... van groei (beleidsinstrumenten)", "Roles" of "Roles of the triple helix partners ..."), and what
    stands in brackets. "Kennis-" alone names nothing: it is part of "kennisinstelling"."""
    asides = [normalize(a) for a in re.findall(r"\(([^)]*)\)", label)]
    words = normalize(re.sub(r"\w+-\s", " ", re.sub(r"\([^)]*\)", " ", label))).split()
    describing = lexicon(lang).words_of("describing") if lang in LANGUAGES else frozenset()
    head: list[str] = []
    for word in words:
        if word in describing and head:
            break
        head.append(word)
    return head + [a for a in asides if len(a.split()) == 1]  # "(policy instruments)" names it as a whole


def _elided(label: str) -> set[str]:
    """"Kennis- of onderwijsinstelling" also names a "kennisinstelling"."""
    found = set()
    for match in re.finditer(r"(\w+)-\s+(?:of|en|or|and|und|oder)\s+(\w+)", label.lower()):
        head, whole = match.group(1), match.group(2)
        for cut in range(3, len(whole) - 7):
            found.add(stem(head + whole[cut:]))
    return found


def _abbreviated(clause: Clause, at: int) -> bool:
    """Whether the word looks cut short: a point right after it ("gov.", "rolverd."), or it stands alone (or nearly)
    after a label ("Type: univ")."""
    tok = clause.tokens[at]
    if len(tok.word) < ABBREVIATION_MIN or not tok.word.isalpha():
        return False
    return clause.text[tok.end:tok.end + 1] == "." or (bool(clause.label) and len(clause.tokens) <= 2)


def _fits(word: str, cue: str) -> bool:
    """The same stem, or a compound ending or starting with it ("sensorcluster", "vernieuwingsfase")."""
    if same_stem(word, cue):
        return True
    return len(cue) >= 5 and len(word) > len(cue) and (word.endswith(cue) or word.startswith(cue))


def read_prose(text: str, questionnaire: Questionnaire, lex: Lexicon, known: Mapping[str, AnswerValue] | None = None,
               only: Sequence[str] | None = None, correcting: bool = False, at: str | None = None) -> ProseAnswers:
    """The answers the prose gives; ``only``: the questions to look for (a sign-up states its organisation);
    ``correcting``: the person corrects answers they gave (``known``); ``at``: the question the text was typed
    at ("Soort: hogeschool"), which is what it is about unless it names another."""
    vocabulary = _vocabulary(questionnaire, lex)
    segments, mentions = _segments(text, vocabulary, lex, correcting)
    if correcting:  # "hij zit bij ons op de afdeling Werken en Ondernemen" corrects none of the writer's answers
        segments = [s for s in segments if not _of_someone_else(s.clause, lex)]
    if at is not None:
        index = next(i for i, q in enumerate(questionnaire.questions) if q.id == at)
        segments = [replace(s, question=index, cue_end=s.start) if s.question != index and (
                    s.question is None or s.weak or _counting(s, vocabulary)) else s for s in segments]
        only = [at]
    wanted = [i for i, q in enumerate(questionnaire.questions) if only is None or q.id in only]
    known = known or {}
    answers: dict[str, AnswerValue] = {}
    sources: dict[str, str] = {}
    explained: set[int] = set()
    cued = False
    chosen_in: list[_Segment] = []  # the segments that chose an option
    for index in wanted:
        question = questionnaire.questions[index]
        reader = _Reader(vocabulary, mentions, known.get(question.id), correcting)
        value, used = reader.value(index, question, segments)
        if index in vocabulary.asking and any(u is c for u in used for c in chosen_in):
            continue  # "na wat discussie ... denken we dat 'groeiend' beter past" chose a phase: it asks nothing
        if question.type in CHOICE_TYPES:
            chosen_in += used
        if value is not None and used:
            answers[question.id] = value
            sources[question.id] = " ".join(s.text() for s in used)
            explained |= {s.sentence for s in used}
            cued = cued or any(_cued(s, index, vocabulary) for s in used) \
                or (index in vocabulary.kinds and any(_self_described(s.clause, lex) for s in used))
    organisation = vocabulary.organisation
    if organisation is not None and questionnaire.questions[organisation].id in answers and at is None:
        # "ik werk bij de gemeente Heerlen": the name says what kind of organisation it is, unless said otherwise
        whole = [_Segment(organisation, s.clause, s.sentence, 0, len(s.clause.tokens), 0)
                 for s in segments if s.question == organisation]
        for index in vocabulary.kinds & set(wanted):
            question = questionnaire.questions[index]
            if question.id in answers or (correcting and known.get(question.id) is not None) \
                    or any(s.question == index for s in segments):
                continue  # said apart ("maar eigenlijk zijn we een bedrijf"), clearly or not: the name says nothing
            value, used = _Reader(vocabulary, mentions, None, False).choice_in(index, question, whole)
            if value is not None and used and value == _kind_of_name(str(answers[questionnaire.questions[
                    organisation].id]), index, question, vocabulary, lex):
                answers[question.id] = value
                sources[question.id] = " ".join(s.text() for s in used)
    if at is None and not correcting and not cued and not any(
            s.question is not None and not s.weak and (s.cue_end > s.start or s.clause.label or s.answering)
            for s in segments if questionnaire.questions[s.question or 0].id in answers):
        return ProseAnswers({}, ())  # only options named in passing ("onze universiteit is streng"): no answers
    return ProseAnswers(answers, tuple(sorted(explained)), sources)


def organisation_question(questionnaire: Questionnaire, lex: Lexicon) -> str | None:
    """The id of the question that asks for the person's organisation, if the questionnaire has one."""
    index = _vocabulary(questionnaire, lex).organisation
    return None if index is None else questionnaire.questions[index].id


def asking_question(questionnaire: Questionnaire, lex: Lexicon) -> str | None:
    """The id of the first question whose answer is itself a question ("Welke vragen wilt u bespreken?")."""
    asking = _vocabulary(questionnaire, lex).asking
    return questionnaire.questions[min(asking)].id if asking else None


# the words that put a name after them as the writer's workplace, per language (``organisation_work``)
_WORK_AT = {"nl": "Ik werk bij", "en": "I work at", "de": "Ich arbeite bei", "fr": "Je travaille chez"}


def with_kind(stated: Mapping[str, AnswerValue], questionnaire: Questionnaire, lex: Lexicon,
              language: str) -> dict[str, AnswerValue]:
    """``stated`` with the kind of organisation the organisation's own name says, where the words around it did not
    ("namens de gemeente Helmond" read as the name only: "gemeente" chooses the type). The name is read as if they
    had written "ik werk bij <name>", so its words choose as they would in their own sentence: a weak word alone
    ("Regio Zwolle") chooses nothing, where ``_kind_of_name`` would. What was stated wins."""
    asked = organisation_question(questionnaire, lex)
    if asked is None or asked not in stated:
        return dict(stated)
    said = f"{_WORK_AT.get(language, _WORK_AT['en'])} {stated[asked]}."
    named = read_organisation(said, questionnaire, lex).answers
    return {**named, **stated} if asked in named else dict(stated)


def read_organisation(text: str, questionnaire: Questionnaire, lex: Lexicon, joining: bool = True) -> ProseAnswers:
    """What someone says about their own organisation, in a mail that is no answer to the questionnaire (a
    sign-up, "since January I work at ..."): its name, and a choice named with it ("Hydrolink, a hydrogen
    start-up", "namens de provincie Zuid-Holland")."""
    vocabulary = _vocabulary(questionnaire, lex)
    if vocabulary.organisation is None or not may_name_organisation(text, lex):
        return ProseAnswers({}, ())  # most sign-ups name none: the whole reading below is not needed (a backlog's 5 %)
    segments, mentions = _segments(text, vocabulary, lex, correcting=False)
    if not joining:  # "Hij zit bij ons op de afdeling Werken en Ondernemen": not where the writer works now
        segments = [s for s in segments if not _of_someone_else(s.clause, lex)]
    clauses_about = {id(s.clause) for s in segments if s.question == vocabulary.organisation}
    about = [s for s in segments if s.question == vocabulary.organisation
             and (joining or not _bare_preposition(s, lex))]
    if not about:
        # "graag meld ik mij aan namens de provincie Utrecht": the words of working somewhere name the organisation
        # after them, though the clause's subject was another question's (the sign-up)
        seen: set[int] = set()
        for segment in segments:
            spans = lex.spans("organisation_work", segment.clause.words)
            if spans and id(segment.clause) not in seen and not segment.clause.question:
                seen.add(id(segment.clause))
                start, end = spans[0]
                named = _Segment(vocabulary.organisation, segment.clause, segment.sentence, start,
                                 len(segment.clause.tokens), end)
                if joining or not _bare_preposition(named, lex):
                    about.append(named)
        clauses_about = {id(s.clause) for s in about}
    whole = [_Segment(vocabulary.organisation, s.clause, s.sentence, 0, len(s.clause.tokens), 0)
             for s in about if id(s.clause) in clauses_about]
    answers: dict[str, AnswerValue] = {}
    sources: dict[str, str] = {}
    for index, question in enumerate(questionnaire.questions):
        reader = _Reader(vocabulary, mentions, None, correcting=False)
        if index == vocabulary.organisation:
            value, used = reader.value(index, question, about)
        elif index in vocabulary.kinds:
            value, used = reader.choice_in(index, question, whole)  # "Hydrolink, a hydrogen start-up in ..."
        else:
            continue
        if value is not None and used:
            answers[question.id] = value
            sources[question.id] = " ".join(s.text() for s in used)
    if vocabulary.questions[vocabulary.organisation].id not in answers:
        return ProseAnswers({}, ())  # a type without the organisation it is of is no answer
    return ProseAnswers(answers, tuple(sorted({s.sentence for s in about})), sources)


def _of_someone_else(clause: Clause, lex: Lexicon) -> bool:
    """The clause's subject is another person ("hij", "she"), and not the writer beside them. Only a pronoun: a run
    of capitals may be an organisation ("Vanuit Health Valley Netherlands melden wij ...")."""
    subjects = [p for p in persons(clause.tokens, lex) if p.is_subject]
    return bool(subjects) and all(p.kind == "third" for p in subjects)


def _segments(text: str, vocabulary: _Vocabulary, lex: Lexicon,
              correcting: bool) -> tuple[list[_Segment], dict[int, list[_Mention]]]:
    segments: list[_Segment] = []
    mentions: dict[int, list[_Mention]] = {}
    pending: int | None = None  # a subject named, its answer still to come ("... vervangen door: <vraag>")
    named: int | None = None  # the subject a correction spoke of last ("bij de regio ... Het gaat om X")
    for number, sentence in enumerate(split(text)):
        previous: int | None = None
        found_clauses = clauses(sentence, lex)
        later = any(lex.has("future", c.words) or c.no_longer for c in found_clauses)
        ahead = any(lex.has("future", c.words) for c in found_clauses)  # "per 1 januari ..., maar bij LIOF"
        introducing = {id(c) for c, after in zip(found_clauses[:-1], found_clauses[1:], strict=True)
                       if after.after_colon}
        for clause in found_clauses:
            if aside_label(clause, lex):
                pending = None  # "Nog een vraag: komt er een deelnemerslijst?": a question to us, no answer
                continue
            if clause.question and len(clause.words) <= _LABEL_WORDS and not clause.label \
                    and (asked := _label(clause.text, vocabulary)) is not None:
                pending = asked  # "Hosten? Ja, graag", "Alle 4? nee": a short label with a question mark
                continue
            if _answers_nothing(clause, lex, pending) and not _asks_as_answer(clause, vocabulary):
                pending = None if clause.retraction else pending
                if correcting and not clause.retraction:  # "ik heb ingevuld dat ons cluster kan ontvangen": the
                    said = [h for h in _subject_hits(clause, vocabulary, vocabulary.mentions(clause), correcting)
                            if not h.weak]  # subject the next sentences correct
                    named = said[-1].question if said else named
                continue
            found = vocabulary.mentions(clause)
            mentions[id(clause)] = found
            hits = _subject_hits(clause, vocabulary, found, correcting)
            opens_answer = clause.after_colon or (clause.words[:1] and clause.words[0] in _ASKING)
            answering = pending is not None and (not hits or bool(opens_answer))
            if answering and pending is not None:
                hits = [_Hit(0, pending, 0)]
            elif not hits and previous is not None and lex.has("clause_break", clause.words[:1]):
                hits = [_Hit(0, previous, 0)]  # "had ik ja ingevuld, maar dat kan niet": the same subject
            elif previous is not None and previous == vocabulary.organisation and _turns_to_where(clause):
                hits = [_Hit(0, previous, 0)]  # "ik werk niet meer bij X, maar bij Y": where they work, turned
            pending = None
            if not hits:
                carried = correcting and named is not None and _refers_back(clause, lex)
                segments.append(_Segment(named if carried else None, clause, number, 0, len(clause.tokens), 0,
                                         weak=carried, later=later, carried=carried))
                continue
            named = hits[-1].question
            # ", maar bij de gemeente Emmen" after "werk ik niet meer bij ...": where they work now, unless the
            # sentence says when that starts ("per 1 januari ...")
            now = later and not ahead and _turns_to_where(clause)
            starts = [0] + [_boundary(clause, hits[o - 1].cue_end, hits[o].at) for o in range(1, len(hits))]
            ends = [*starts[1:], len(clause.tokens)]
            if len(hits) > 1 and hits[-1].cue_end >= len(clause.tokens) and starts[-1] == hits[-1].at \
                    and vocabulary.questions[hits[-1].question].type == "text":
                # "Vanuit de evaluatie ... kan ik het nodige inbrengen": named last, with nothing between, said first
                starts[-1] = hits[-2].cue_end
            for order, hit in enumerate(hits):
                end = ends[order]
                segment = _Segment(hit.question, clause, number, starts[order], end, max(hit.cue_end, starts[order]),
                                   hit.weak, later and not now, answering=answering,
                                   following=_rest_of(sentence, clause) if answering and clause.after_colon else "",
                                   introduces=order == len(hits) - 1 and id(clause) in introducing)
                segments.append(segment)
                previous = hit.question
                if order == len(hits) - 1 and vocabulary.questions[hit.question].type == "text" \
                        and not _has_answer(segment, vocabulary) and not hit.weak:
                    pending = hit.question  # not after a shared word: "ons cluster is volwassen." asks for nothing
    return segments, mentions


def _rest_of(sentence: str, clause: Clause) -> str:
    """What the sentence says after the clause (its clauses that follow, as written)."""
    at = sentence.find(clause.text)
    return " ".join(sentence[at + len(clause.text):].split()) if at >= 0 else ""


def _kind_of_name(name: str, index: int, question: Question, vocabulary: _Vocabulary,
                  lex: Lexicon) -> AnswerValue | None:
    """The option the organisation's own name says ("gemeente Heerlen", "University of Twente"), if one."""
    found = clauses(name, lex)
    segments = [_Segment(index, c, 0, 0, len(c.tokens), 0) for c in found]
    mentions = {id(c): vocabulary.mentions(c) for c in found}
    return _Reader(vocabulary, mentions, None, False).choice_in(index, question, segments)[0]


_ASIDE_WORDS = 6  # "Ich hätte allerdings eine Frage": longer than a label, yet all of it says a question follows


def aside_label(clause: Clause, lex: Lexicon) -> bool:
    """"Nog een vraag", "Vraagje tussendoor", "One more question": a question put beside the answers, to us."""
    said = clause.words
    aside = {i for s, e in lex.spans("aside", said) for i in range(s, e)}
    return bool(aside) and (len(said) <= _LABEL_WORDS or len(aside) >= len(said) - 1 <= _ASIDE_WORDS) and all(
        i in aside or w in _QUESTION_NOUNS or w in _NUMBER_WORDS or w in _WORDS.words_of("article") or w in _COUNTS
        for i, w in enumerate(said))


def _asks_as_answer(clause: Clause, vocabulary: _Vocabulary) -> bool:
    """"Mijn vraag is hoe je als gemeente bedrijven betrekt?": a question that names the subject of the questions
    one would discuss, and asks after it, is that answer (not a question for the organiser)."""
    said = clause.words
    named = [i for i, w in enumerate(said) if any(q in vocabulary.asking and not weak
                                                   for q, weak in vocabulary.subject(w))]
    return bool(named) and clause.question and not clause.request \
        and any(w in _ASKING for w in said[named[0] + 1:])


def _answers_nothing(clause: Clause, lex: Lexicon, pending: int | None) -> bool:
    """A question or request for the organiser, a cover line about the mail itself, a joke taken back."""
    if clause.retraction:
        return True
    asked = bool(clause.words[:1]) and clause.words[0] in _ASKING
    if pending is not None and clause.after_colon and asked:
        return False  # "What I'd like to discuss: how do you ...?": the question named before the colon
    if clause.request and not any(lex.has(name, clause.words) for name in ("change", "add", "remove")) \
            and not clause.text.rstrip().endswith(":"):
        return True
    if clause.question and not clause.request and pending is None and not clause.label and not asked:
        return True  # "Kan ik ...?": asks, tells nothing
    # a cover line, unless it names where the writer works ("Namens Smart Delta Zeeland vul ik de vragenlijst in")
    return bool(lex.has("meta", clause.words) and not clause.label and pending is None
                and not lex.has("change", clause.words) and not lex.has("add", clause.words)
                and not (lex.has("first", clause.words) and _names_workplace(clause, lex)))


def _names_workplace(clause: Clause, lex: Lexicon) -> bool:
    """The words of working somewhere ("namens", "werkzaam bij"; not a bare "at"/"bij") before a capitalised name."""
    return any((e - s > 1 or clause.words[s] not in _PREPOSITIONS) and e < len(clause.tokens)
               and _capital(clause.tokens[e].raw) for s, e in lex.spans("organisation_work", clause.words))


def _refers_back(clause: Clause, lex: Lexicon) -> bool:
    """"Kunt u daar 'nee' van maken?", "Het gaat om West-Brabant": the words point back at what was named."""
    return any(w in _BACK for w in clause.words[:4])


def _has_answer(segment: _Segment, vocabulary: _Vocabulary) -> bool:
    if segment.introduces and segment.question in vocabulary.asking:
        return False  # "Wat ik graag zou bespreken: wanneer ...?": the question comes after the colon
    start = _value_start(segment)
    words = segment.words(start)
    if segment.question in vocabulary.asking:  # "Kunnen jullie hem vervangen door deze:" asks us, answers nothing
        return any(w in _ASKING for w in words) or (segment.clause.question and not segment.clause.request)
    return len(words) >= _MIN_TEXT_WORDS


def _boundary(clause: Clause, after: int, at: int) -> int:
    """Where a clause turns to the next subject: at the last comma or "en" / "and" before the word that
    names it (after the previous subject's words), or else at that word."""
    toks = clause.tokens
    for index in range(at - 1, max(after, 1) - 1, -1):
        between = clause.text[toks[index - 1].end:toks[index].start]
        if toks[index].word in ("en", "and", "und", "et"):
            return index + 1
        if "," in between:
            return index
    return at


def _subject_hits(clause: Clause, vocabulary: _Vocabulary, found: list[_Mention], correcting: bool) -> list[_Hit]:
    """Where the clause turns to a question's subject: its label, a number, a word of the question, an option."""
    said = clause.words
    quoted = vocabulary.phrase_words(clause)  # "'Provincie, gemeente of regio'": an option, not the region
    # German writes every noun with a capital ("Meine Frage an die Gruppe"): there a capital marks no name
    nouns_capitalised = vocabulary.lex.languages[:1] == ("de",)
    if clause.label:
        named = _label(clause.label, vocabulary)
        if named is not None:
            return [_Hit(0, named, 0)]
    hits: list[_Hit] = []
    for at, word in enumerate(said):
        if word in _NUMBER_WORDS and at + 1 < len(said) and said[at + 1].isdigit():
            number = int(said[at + 1])
            if 1 <= number <= len(vocabulary.questions):
                hits.append(_Hit(at, number - 1, at + 2))
                continue
        if word in _NUMBER_WORDS and at + 1 < len(said) and said[at + 1] in _ABOUT:
            continue  # "bij de vraag of ons cluster kan ontvangen": the question about hosting, not "vragen"
        if at == 0 and word.isdigit() and len(said) > 1 and 1 <= int(word) <= len(vocabulary.questions):
            hits.append(_Hit(0, int(word) - 1, 1))
            continue
        raw = clause.tokens[at].raw
        if (at and raw[:1].isupper() and word not in ("i",) and not nouns_capitalised
                and not raw.rpartition("-")[2][:1].islower()) or at in quoted:
            continue  # inside a name ("de Cleantech Regio", not "het Foodvalley-cluster") or an option's label
        if (word in _COUNTS or word.isdigit()) and at + 1 < len(said) and said[at + 1] in _MEASURES:
            continue  # "ruim vier uur in de trein": a measure, not all four meetings
        if word in _EVERY and not _counted(said, at, vocabulary):
            continue  # "that won't work after all": "all" names all the meetings only as "all four", "all meetings"
        for question, weak in vocabulary.subject(word):
            # a shared word opening the clause names its subject in a correction too ("Bij organisatie: ...")
            if not (weak and correcting and not _opens(said, at)) and not (weak and _describes(said, at)):
                hits.append(_Hit(at, question, at + 1, weak))
    if vocabulary.organisation is not None:
        for start, end in vocabulary.lex.spans("organisation_work", said):
            if any(vocabulary.lex.has(person, said) for person in ("first", "first_object", "first_possessive")) \
                    or start == 0:
                name = _name_span(clause.tokens, end, clause.text, _working(said, start, end))
                if _copula_cue(said, end) and not _who_we_are(0 if name is None else name[1] - name[0]):
                    continue  # "we zijn een groeiend cluster": what we are, not who
                hits.append(_Hit(start, vocabulary.organisation, end))
                if name is not None:  # "bij de Euregio Rhein-Waal": a name, not the region's subject
                    hits = [h for h in hits if not name[0] <= h.at < name[1]]
    strong = [m for m in found if not m.weak]
    if not hits and strong:
        questions = {m.question for m in strong}
        if len(questions) == 1:
            hits.append(_Hit(strong[0].at, questions.pop(), strong[0].at, True))  # named by its option only
    hits.sort(key=lambda h: (h.at, -h.cue_end))  # "zu Frage 8": the number, not the word "Frage"
    merged: list[_Hit] = []
    for hit in hits:
        if merged and merged[-1].weak and not hit.weak and hit.at <= merged[-1].cue_end \
                and merged[-1].question not in vocabulary.asking:
            merged[-1] = _Hit(merged[-1].at, hit.question, hit.cue_end)  # "een bijeenkomst ontvangen": hosting
            continue
        if merged and (merged[-1].question == hit.question or merged[-1].question in vocabulary.asking
                       or hit.at <= merged[-1].cue_end or _inside_free_answer(clause, merged[-1], hit, vocabulary)):
            continue  # a free answer may use another subject's words ("mijn vraag: hoe houd je het cluster ...")
        merged.append(hit)
    return merged


def _inside_free_answer(clause: Clause, before: _Hit, hit: _Hit, vocabulary: _Vocabulary) -> bool:
    """"Ervaring kan ik delen over het opzetten van een regionaal innovatiefonds": a word of another free
    answer's subject inside a free answer, with no comma or "en" before it, is part of that answer."""
    questions = vocabulary.questions
    if questions[before.question].type != "text" or questions[hit.question].type != "text" \
            or before.question == vocabulary.organisation:
        return False
    return _boundary(clause, before.cue_end, hit.at) == hit.at and not any(
        "," in clause.text[clause.tokens[i - 1].end:clause.tokens[i].start] for i in range(before.cue_end, hit.at + 1)
        if i > 0)


def named_question(label: str, questionnaire: Questionnaire, lex: Lexicon) -> int | None:
    """The question a short label names, by its words or what they mean ("Org", "Soort", "Typ", "All 4?",
    "Gastheer", "Stage"), or None."""
    return _label(label, _vocabulary(questionnaire, lex))


def _label(label: str, vocabulary: _Vocabulary) -> int | None:
    said = normalize(label)
    quoting = {i for i, q in enumerate(vocabulary.questions) for text in q.question.values()
               if len(said.split()) > 1 and f"{normalize(text)} ".startswith(f"{said} ")}
    if len(quoting) == 1:
        return quoting.pop()  # "Wat voor organisatie": the start of that question itself
    words = [w for w in said.split() if w not in STOPWORDS]
    if len(said.split()) == 1 and said in vocabulary.lex.label_means:
        words = list(vocabulary.lex.label_means[said])  # "Wie:", "Waar:": what the question word asks for
    scores: dict[int, int] = {}
    for word in words:
        for question, weak in vocabulary.subject(word):  # "Type organisatie": the type, organisation is shared
            scores[question] = scores.get(question, 0) + (1 if weak else 2)
    if not scores:  # "Vraag 4", "4": the number; "Alle 4" is all four
        numbers = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= len(vocabulary.questions)]
        if len(numbers) == 1:
            return numbers[0] - 1
        return None
    best = max(scores.values())
    return min(q for q, s in scores.items() if s == best)


def _value_start(segment: _Segment) -> int:
    start = segment.cue_end if segment.cue_end - segment.start <= 3 else segment.start
    while start < segment.end and segment.clause.tokens[start].word in _FILLER:
        start += 1
    return start


class _Reader:
    """The value of one question from the segments about it."""

    def __init__(self, vocabulary: _Vocabulary, mentions: dict[int, list[_Mention]], before: AnswerValue | None,
                 correcting: bool) -> None:
        self.vocabulary = vocabulary
        self.lex = vocabulary.lex
        self.mentions = mentions
        self.before = before
        self.correcting = correcting

    def value(self, index: int, question: Question, segments: list[_Segment]) -> tuple[AnswerValue | None,
                                                                                      list[_Segment]]:
        own = [s for s in segments if s.question == index]
        if self.correcting:
            own.reverse()  # the last thing said about it counts
        if question.type == "text":
            return self._text(index, own)
        if question.type == "yesno":
            return self._yes_no(index, own)
        if question.type in CHOICE_TYPES:
            # an option may be named in a free answer ("bij de provincie", "een cluster in de kinderschoenen"),
            # not in another choice's words
            # the kind of organisation is said with the organisation, not in an experience ("... voor het mkb")
            near = [s for s in segments if s.question is None or s.question == index
                    or (self.vocabulary.questions[s.question].type == "text"
                        and (index not in self.vocabulary.kinds or s.question == self.vocabulary.organisation))]
            return self._choice(index, question, near)
        return None, []

    def _text(self, index: int, own: list[_Segment]) -> tuple[str | None, list[_Segment]]:
        for segment in own:
            clause = segment.clause
            if clause.condition or clause.doubt or clause.hypothetical or clause.past:
                continue
            if self.correcting and len(own) > 1 and self.lex.has("elaboration", clause.words[:2]):
                continue  # "gemeint war die EUREGIO, also die Grenzregion ...": explains the new value, is not it
            if index == self.vocabulary.organisation:
                name = _organisation(segment, self.lex) or self._name_at_subject(segment)
                if name:
                    return name, [segment]
                continue
            start = _value_start(segment)
            compound, before = _name_before_subject(segment, self.lex)
            if index not in self.vocabulary.asking and (compound or (before and segment.cue_end >= segment.end)):
                return compound or before, [segment]  # "het Foodvalley-cluster", "in the Brainport region"
            if index in self.vocabulary.asking:
                asked = next((i for i in range(start, segment.end) if clause.words[i] in _ASKING), None)
                if asked is None or segment.introduces:
                    continue  # the answer to "which questions?" is a question
                start = asked
            words = segment.words(start)
            if (len(words) < _MIN_TEXT_WORDS and not _one_name(segment, start, self.lex)) \
                    or self.lex.has("deferral", words[:3]):
                continue
            if self.lex.has("absent", words) or self.lex.has("meta", words):
                continue  # about the question itself: "vraag 3 heb ik overgeslagen", "zie mijn antwoorden hieronder"
            value = segment.text(start)
            if index in self.vocabulary.asking and segment.following:
                value = f"{value} {segment.following}".strip(" ?")  # the whole question after the colon
            if _kind_only(segment, self.lex):
                continue  # "also am ehesten eine Region", "Twente is a region": the kind, not which one
            if segment.weak and not _names_something(segment, start):
                plain = self._plain_name_after_subject(segment)
                if plain:
                    return plain, [segment]  # "het agrofood cluster noord-limburg", written without capitals
                continue  # "ons cluster zit midden in een herijking": no cluster or region named
            if self.correcting and isinstance(self.before, str):
                value = _before_instead(value, self.lex)  # "North Twente rather than Twente"
                if _contains(words_in(value), words_in(self.before)) and not _names_more(value, self.before):
                    continue  # what they had: "bij de regio schreef ik Twente" (but "West-Brabant" is no "Brabant")
            return value, [segment]
        return None, []

    def _plain_name_after_subject(self, segment: _Segment) -> str:
        """From a writer without capitals, the short name right after the subject's word, when it names no option
        and the sentence does not go on after it (``_ends_a_name``)."""
        clause = segment.clause
        if not _uncapitalised(clause.tokens):
            return ""
        span = _plain_name_span(clause.tokens, segment.cue_end, clause.text)
        if span is None or not _ends_a_name(clause, span) \
                or any(self.vocabulary.options_named_by(t.word) for t in clause.tokens[span[0]:span[1]]):
            return ""
        return clause.text[clause.tokens[span[0]].start:clause.tokens[span[1] - 1].end]

    def _name_at_subject(self, segment: _Segment) -> str:
        """In a correction, "Bij organisatie moet Oost NL komen te staan", "the organisation should read Oost NL":
        a name said of the question's own word, which opens the clause, is its answer; not the one it had."""
        cue = segment.clause.words[segment.start:segment.cue_end]
        if not self.correcting or not 0 < len(cue) <= _SUBJECT_FIRST or self.lex.languages[:1] == ("de",) \
                or segment.clause.negations \
                or not any(q == segment.question for w in cue for q, _ in self.vocabulary.subject(w)):
            return ""  # named by its own word ("organisatie"), not by a number or words of working somewhere
        toks, text = segment.clause.tokens, segment.clause.text
        for at in range(segment.cue_end, segment.end):
            if _capital(toks[at].raw):
                name = _name_at(toks, at, text)
                if name and not (isinstance(self.before, str) and normalize(name) == normalize(self.before)):
                    return name
        return ""

    def _yes_no(self, index: int, own: list[_Segment]) -> tuple[bool | None, list[_Segment]]:
        for segment in own:
            clause = segment.clause
            words = segment.words()
            if segment.weak and not clause.label and not segment.carried:
                continue  # "de bijeenkomst die ik mis": not about all four
            if self.lex.has("meta", clause.words):
                continue  # "geen tijd om alles in te vullen": about the questionnaire, not the meetings
            if clause.doubt or clause.condition or clause.past or self.lex.has("doubt", words) \
                    or (clause.question and not clause.request):
                continue
            if self.lex.has("not_applicable", words):
                return None, []  # "vraag 9 is evenmin van toepassing": whether it applies is no yes or no
            said_yes, said_no = self.lex.has("yes", words), self.lex.has("no", words)
            negations = segment.negations(self.lex)
            if self.lex.has("except", clause.words):
                return None, []  # "Eindhoven wordt lastig, de rest ja": not all, and not plainly no
            if segment.cue_end <= segment.start and not clause.label and not (said_yes or said_no or negations):
                continue  # typed at the question, but about something else ("Eindhoven wordt lastig")
            negated = negations % 2 == 1 or clause.not_yet
            return (False if negated or (said_no and not said_yes) else True), [segment]
        return None, []

    def _choice(self, index: int, question: Question, near: list[_Segment]) -> tuple[AnswerValue | None,
                                                                                   list[_Segment]]:
        lex = self.lex
        chosen: list[str] = []
        dropped: list[str] = []
        said_last: set[str] = set()  # the options whose last mention chose them
        used: list[_Segment] = []
        complement = False
        # what is said about the subject itself wins over an option named in passing in another answer
        own = [s for s in near if s.question == index and (self._found(index, s)
                                                           or (question.type == "multi" and self._every(index, s)))]
        if own and all(_said_beside(s.clause, lex) or s.clause.past for s in own) \
                and any(self._found(index, s) and not _said_beside(s.clause, lex) for s in near):
            # "I'd call the cluster mature, even if the boom has it growing again", "bij de fase had ik 'opkomend'
            # ingevuld, maar ... 'groeiend' past beter": what is beside it, or was, is not all that is said
            own = []
        if own:
            near = own + [s for s in near if s.question == self.vocabulary.organisation]
        for segment in near:
            clause = segment.clause
            found = self._found(index, segment)
            if not found and question.type == "multi" and self._every(index, segment):
                complement = True  # "eigenlijk alle vier, maar vooral de rolverdeling": all of them
                used.append(segment)
                continue
            if not found:
                continue
            if clause.doubt and segment.question == index:
                return None, []  # "volwassen of toch al in vernieuwing, ik twijfel"
            if clause.doubt or clause.past or (clause.condition and not self.correcting):
                continue  # what it was ("had ik Rijksoverheid aangekruist"), or might be
            found = [m for m in found if not self.lex.has("others", clause.words[max(0, m.at - 2):m.at + 1])]
            if not found:
                continue  # "hoe andere provincies hiermee omgaan": others, not theirs
            said = clause.words
            rather = _rather(found, said, lex)
            if rather:
                found = [m for m in found if m.option == rather]
            swap = _swapped(found, said, lex)
            places = [m.at for m in found]
            for mention in found:
                negated = segment.negations(lex, mention.at) % 2 == 1 or _removed(said, mention.at, places, lex) \
                    or mention.option in swap or _left_behind(clause, mention.at, lex)
                if lex.has("except", said[max(0, mention.at - 3):mention.at]):
                    complement = True
                    dropped.append(mention.option)
                    said_last.discard(mention.option)
                elif negated:
                    dropped.append(mention.option)
                    said_last.discard(mention.option)
                else:
                    chosen.append(mention.option)
                    said_last.add(mention.option)  # "niet gemeente maar provincie": both decentral, chosen last
            used.append(segment)
        if not used:
            return None, []
        ids = [o.id for o in question.options]
        if question.type == "single":
            picks = [o for o in dict.fromkeys(chosen) if o not in dropped or o in said_last]
            plain = {m.option for s in used if not _said_beside(s.clause, lex) for m in self._found(index, s)}
            if len(picks) > 1 and plain & set(picks):
                picks = [o for o in picks if o in plain]  # "volwassen (met een vernieuwingsopgave)": said beside it
            if len(picks) > 1 and self.before in picks:
                picks = [p for p in picks if p != self.before]  # "bij de fase staat volwassen, dat moet groeiend zijn"
            return (picks[0], used) if len(picks) == 1 else (None, [])
        kept = [o for o in ids if o in chosen and o not in dropped]
        if complement:
            kept = [o for o in ids if o not in dropped]
        only_named = {m.option for s in used if _says_only(s, lex) for m in self._found(index, s)}
        if only_named and not complement:
            # "daar staat ook de rolverdeling, ... het gaat mij alleen om de beleidsinstrumenten": only those
            kept = [o for o in kept if o in only_named] or kept
        current = [o for o in ids if isinstance(self.before, list) and o in self.before]
        adds = any(lex.has("add", s.words()) for s in used)
        takes_off = bool(dropped)
        only = _only(used, lex)
        if current and (adds or takes_off) and not complement and not only:
            kept = [o for o in ids if (o in current or o in chosen) and o not in dropped]
        elif self.correcting and not (complement or only or adds or takes_off) and set(kept) != set(current):
            return None, []  # "ik bedoelde governance": instead of the others, or as well? Not clear.
        return (kept or None), used

    def _every(self, index: int, segment: _Segment) -> bool:
        """"Alle vier", "allemaal", "all of them" said about a choice of several: every option; not "in alle
        fasen" (all of something else)."""
        if segment.question != index or segment.clause.doubt or segment.clause.condition or segment.negations(self.lex):
            return False
        words = segment.words()
        for _start, end in self.lex.spans("every", words):
            after = words[end] if end < len(words) else None
            if after is None or after.isdigit() or after in _COUNTS \
                    or any(q == index for q, _ in self.vocabulary.subject(after)):
                return True
        return False

    def choice_in(self, index: int, question: Question, segments: list[_Segment]) -> tuple[AnswerValue | None,
                                                                                           list[_Segment]]:
        return self._choice(index, question, segments)

    def _found(self, index: int, segment: _Segment) -> list[_Mention]:
        clause = segment.clause
        asked = [i for i in range(segment.cue_end, segment.end) if clause.words[i] in _ASKING
                 and segment.question in self.vocabulary.asking]
        if segment.question in self.vocabulary.asking and (segment.answering or clause.question):
            asked.append(segment.cue_end - 1)  # "Verder een vraag: mag ik iemand sturen?": what it asks, no choice
        return [m for m in sorted(self.mentions.get(id(clause), []), key=lambda m: m.at)  # in the order said
                if m.question == index and segment.start <= m.at < segment.end
                and (not m.weak or segment.question == index)
                and not (segment.question != index and any(i < m.at for i in asked))]


def _cued(segment: _Segment, index: int, vocabulary: _Vocabulary) -> bool:
    """An option said of a word the question itself asks about: "ons cluster is groeiend" answers "In welke
    fase zit uw cluster?", though "cluster" named the region question first."""
    if segment.cue_end <= segment.start:
        return False
    asked = {stem(w) for text in vocabulary.questions[index].question.values() for w in normalize(text).split()}
    return any(stem(w) in asked for w in segment.words()[:segment.cue_end - segment.start]
               if w not in vocabulary.lex.words_of("first_possessive") and w not in _STOP)


def _self_described(clause: Clause, lex: Lexicon) -> bool:
    """"We zijn geen bedrijf maar een provincie", "we are a municipality", "wir sind eine Kommune": the writer
    says what they are, which answers what kind of organisation theirs is."""
    said = clause.words
    first = {i for s, e in lex.spans("first", said) for i in range(s, e)}
    being = {i for s, e in lex.spans("copula", said) for i in range(s, e)}
    return any(i + 1 in being or i - 1 in being for i in first)


def _counting(segment: _Segment, vocabulary: _Vocabulary) -> bool:
    """Named only by "alle vier", "all four": a count, which at another question counts its options."""
    words = segment.words()
    covered = {i for start, end in vocabulary.lex.spans("every", words) for i in range(start, end)}
    naming = [i for i, w in enumerate(words) if any(q == segment.question for q, _ in vocabulary.subject(w))]
    return bool(naming) and all(i in covered or words[i].isdigit() or words[i] in _COUNTS for i in naming)


def _turns_to_where(clause: Clause) -> bool:
    """", maar bij de gemeente Emmen": a clause that opens with a turn and the preposition of where one works."""
    said = clause.words
    return len(said) > 2 and said[0] in _TURN and said[1] in _PREPOSITIONS


def _bare_preposition(segment: _Segment, lex: Lexicon) -> bool:
    """Only "at" / "bij" named the organisation ("landing at Schiphol"): enough in a sign-up, not elsewhere,
    where the words of working there are wanted ("I work at", "ik ben werkzaam bij")."""
    words = segment.clause.words
    spans = [(s, e) for s, e in lex.spans("organisation_work", words) if e == segment.cue_end]
    return not any(e - s > 1 for s, e in spans) and any(
        words[i] in _PREPOSITIONS for i in range(max(0, segment.cue_end - 1), segment.cue_end))


def _organisation(segment: _Segment, lex: Lexicon) -> str:
    """The name after "bij" / "at" / "namens" / "vanuit" / "für" in the writer's own clause; "niet bij X maar
    bij Y" is Y; "per 1 januari werk ik bij", "no longer work for" is not (yet) theirs."""
    clause = segment.clause
    said = clause.words
    if lex.has("future", said) or (segment.later and not clause.no_longer):
        return ""
    turn = next((i for i, w in enumerate(said) if w in _TURN), None)
    if turn is not None:  # "niet (meer) bij de provincie maar bij Oost NL": where they work now
        after = next((i for i in range(turn + 1, len(said)) if said[i] in _PREPOSITIONS), None)
        if after is not None:
            return _name_at(clause.tokens, after + 1, clause.text)
    if clause.no_longer:
        return ""
    if segment.negations(lex) % 2:
        return ""
    for start, end in lex.spans("organisation_work", said):
        if segment.start <= start < segment.end \
                and (name := _name_at(clause.tokens, end, clause.text, _working(said, start, end))) \
                and (not _copula_cue(said, end) or _who_we_are(len(name.split()))):
            return name
    return ""


def may_name_organisation(text: str, lex: Lexicon) -> bool:
    """Whether ``_organisation`` can find a name in the text, cheaply: only in a clause that says where the
    writer works (``organisation_work``) or turns ("niet bij X maar bij Y"), and only a name with a capital
    after the clause's first word (``_name_span``), or one in small letters after words of working there in a
    clause without capitals (``_plain_name_span``). Change it with those."""
    for sentence in split(text):
        for clause in clauses(sentence, lex):
            said = clause.words
            working = lex.spans("organisation_work", said)
            if not working and not any(w in _TURN for w in said):
                continue
            if any(_capital(t.raw) for t in clause.tokens[1:]):
                return True
            if any(_working(said, start, end) for start, end in working) and _uncapitalised(clause.tokens):
                return True  # a name in small letters ("namens saxion"): ``_plain_name_span``
    return False


def _working(said: Sequence[str], start: int, end: int) -> bool:
    """The words at ``start:end`` say where the writer works ("ik zit bij", "namens"), more than "at" / "bij"
    alone ("aimed chiefly at civil servants") or "we are" ("we zijn blij")."""
    return (end - start > 1 or said[start] not in _PREPOSITIONS) and not _copula_cue(said, end)


def _copula_cue(said: Sequence[str], end: int) -> bool:
    """"We are", "wij zijn" before a name: who we are only when ``_who_we_are`` says the name is clearly one."""
    return end > 0 and said[end - 1] in _WORDS.words_of("copula")


def _who_we_are(name_words: int) -> bool:
    """A name after "we are" of two words or more with capitals ("We're Foodvalley NL"), not one ("we are Dutch")."""
    return name_words >= 2


def _name_at(toks: Sequence[Token], at: int, text: str, working: bool = False) -> str:
    """An organisation's name from word ``at``: capitalised words (with "van", "en", "of" between), after an
    optional article; up to a comma, "als", "in", a verb. ``working``: the words before it say where the writer
    works, so that a clause written without capitals may name it in small letters."""
    span = _name_span(toks, at, text, working)
    if span is None:
        return ""
    first, last = toks[span[0]], toks[span[1] - 1]
    # the words as written, with what stands between them ("System- und Innovationsforschung", "R&D"); the
    # apostrophe of "'s-Hertogenbosch" is no part of the word, but is of the name
    begin = first.start - 1 if first.start and text[first.start - 1] in "'’" and re.match(r"[st]-", first.raw) \
        else first.start
    name = " ".join(text[begin:last.end].split())
    named = [w for w in words_in(name) if w not in _ARTICLES and w not in _WORDS.words_of("first_possessive")
             and w not in _WORDS.words_of("addressee")]
    return "" if len(named) <= 2 and _WORDS.has("circle", named) else name  # "bij de leerkring", "Ihren Lernkreis"


def _name_span(toks: Sequence[Token], at: int, text: str, working: bool = False) -> tuple[int, int] | None:
    """The words of the name that starts at word ``at`` (see ``_name_at``), or None."""
    index = at
    while index < len(toks) and toks[index].word in _ARTICLES:
        index += 1
    first = index
    if working and _uncapitalised(toks):
        return _plain_name_span(toks, first, text)
    last = None
    while index < len(toks):
        tok = toks[index]
        if last is not None and "," in text[toks[index - 1].end:tok.start]:
            break
        if _capital(tok.raw) or (last is not None and (tok.raw[:1].isdigit() or tok.word in ("b.v", "bv", "nv"))):
            last = index
        elif tok.word in _NAME_LINKS and last is not None and index + 1 < len(toks) \
                and toks[index + 1].raw[:1].isupper():
            pass
        elif last is None and (tok.word in _ORGANISATION_HEADS or (
                tok.word.endswith(_KIND_ENDINGS) and index + 1 < len(toks) and _capital(toks[index + 1].raw))):
            last = index
        else:
            break
        index += 1
    if last is None or not any(_capital(t.raw) for t in toks[first:last + 1]):
        return None  # "bij de provincie": which one is not said
    return first, last + 1


_PLAIN_NAME_WORDS = 4  # "gemeente eindhoven", "rom regio twente": longer is a sentence, not a name


def _uncapitalised(toks: Sequence[Token]) -> bool:
    """Written without capitals, its first word included ("namens saxion wil ik", "hoi, ik zit bij ..."): a writer
    who capitalises starts a sentence with one, and writes a name with one."""
    return bool(toks) and not any(_capital(t.raw) for t in toks)


@lru_cache(maxsize=1024)
def _read_as_more_than_a_name(said: tuple[str, ...]) -> frozenset[int]:
    """The positions of words that some list reads as more than a name ("doe graag mee", "werk ~ bij")."""
    return frozenset(i for name in _ALL_LISTS if name != "organisation_head"
                     for s, e in _WORDS.spans(name, said) for i in range(s, e))


_PLAIN_REGION_WORDS = 2  # "noord-limburg", "de kempen": longer, in small letters, it is a sentence going on


def _ends_a_name(clause: Clause, span: tuple[int, int]) -> bool:
    """Words in small letters after "cluster" name it only when short and followed by nothing, a comma or a
    copula ("het cluster noord-limburg, dat ...", "ons cluster twente is volwassen"); "het chemiecluster hier
    bestaat al tientallen jaren" goes on."""
    toks = clause.tokens
    start, end = span
    if end - start > _PLAIN_REGION_WORDS:
        return False
    return end == len(toks) or "," in clause.text[toks[end - 1].end:toks[end].start] or toks[end].word in _FILLER


def _plain_name_span(toks: Sequence[Token], first: int, text: str) -> tuple[int, int] | None:
    """A name in a clause written without capitals ("namens saxion wil ik", "ik zit bij de gemeente eindhoven,
    team economie"): the words that are no word of the language's own lists (a kind of organisation may lead,
    "van" / "en" may join), up to a comma or such a word. A kind alone ("bij de gemeente") names none."""
    known = _WORDS.words_of_any(*_ALL_LISTS) - _ORGANISATION_HEADS
    known_at = _read_as_more_than_a_name(tuple(t.word for t in toks))  # a name ends before them
    last = None
    named = False
    index = first
    while index < len(toks) and index - first < _PLAIN_NAME_WORDS:
        tok = toks[index]
        if last is not None and "," in text[toks[index - 1].end:tok.start]:
            break
        if tok.word in _ORGANISATION_HEADS:
            last = index
        elif tok.word in _NAME_LINKS and last is not None and index + 1 < len(toks) \
                and toks[index + 1].word not in known and index + 1 not in known_at:
            pass
        elif tok.word.replace("-", "").isalpha() and tok.word not in known and index not in known_at \
                and len(tok.word) > 1:  # "noord-limburg"
            last, named = index, True
        else:
            break
        index += 1
    return (first, last + 1) if named and last is not None else None


def _capital(raw: str) -> bool:
    """A word written as a name: "Heerlen", and "'s-Hertogenbosch", "'t Zandt" (the article before the capital)."""
    return raw[:1].isupper() or bool(re.match(r"(?:s|t)-[A-Z]", raw))


def _before_instead(value: str, lex: Lexicon) -> str:
    """The new value without the old one named after "rather than", "in plaats van", "statt"."""
    said = words_in(value)
    spans = lex.spans("instead_of", said)
    if not spans or spans[0][0] == 0:
        return value
    cut = said[spans[0][0]]
    at = value.casefold().find(f" {cut}")
    return value[:at].strip(" ,;") if at > 0 else value


def _names_more(value: str, before: str) -> bool:
    """A capitalised word in the value that the old value does not have ("North Twente" after "Twente")."""
    old = set(words_in(before))
    return any(w[:1].isupper() and w.casefold() not in old for w in re.findall(r"[\w-]+", value)[1:])


def _contains(said: Sequence[str], part: Sequence[str]) -> bool:
    """``part`` said as such, word for word, in ``said``."""
    return bool(part) and any(tuple(said[i:i + len(part)]) == tuple(part) for i in range(len(said) - len(part) + 1))


def _kind_only(segment: _Segment, lex: Lexicon) -> bool:
    """The subject's word after an indefinite article, and no name beside it ("eher eine Region als ...", "we
    are a region"): a kind, not which one. German capitalises every noun, so there a capital names nothing."""
    cue = segment.cue_end - 1
    if not (cue > segment.start and segment.clause.words[cue - 1] in _INDEFINITE):
        return False
    toks = segment.clause.tokens
    return lex.languages[:1] == ("de",) or not any(
        toks[i].raw[:1].isupper() for i in range(segment.start + 1, segment.end) if i != cue)


def _opens(said: Sequence[str], at: int) -> bool:
    """The word opens the clause, alone or after a preposition: "Organisatie: ...", "Bij organisatie moet ..."."""
    return at == 0 or (at == 1 and said[0] in _PREPOSITIONS)


def _left_behind(clause: Clause, at: int, lex: Lexicon) -> bool:
    """"Ik werk niet meer bij de provincie (maar bij Oost NL)": what "no longer" reaches, up to a "maar" or a
    comma; not what came before it ("we zitten nu in vernieuwing, niet meer in de volwassen fase")."""
    if not clause.no_longer:
        return False
    toks = clause.tokens
    return any(start < at and not any(start < turn <= at for turn in clause.turns)
               and "," not in clause.text[toks[start].end:toks[at].start]
               for start, _ in lex.spans("no_longer", clause.words))


def _said_beside(clause: Clause, lex: Lexicon) -> bool:
    """In brackets, or granted against what the sentence says ("mature, even if the boom has it growing again",
    "volwassen, ook al groeit het weer"): beside the answer, not the answer."""
    return clause.aside or any(start == 0 for start, _ in lex.spans("concession", clause.words))


def _name_before_subject(segment: _Segment, lex: Lexicon) -> tuple[str, str]:
    """The name the subject's word is said of from before it: as one word ("het Foodvalley-cluster", "de
    Brainport-regio"), or as the names right before it ("the Brainport region"). German capitalises every noun,
    so there a capital names nothing."""
    cue = segment.cue_end - 1
    if cue < segment.start or lex.languages[:1] == ("de",):
        return "", ""
    toks = segment.clause.tokens
    head, _, tail = toks[cue].raw.rpartition("-")
    if head and tail[:1].islower() and _capital(head):
        return head, ""
    first = cue
    while first > 1 and _capital(toks[first - 1].raw) and toks[first - 1].word not in ("i", "ik"):
        first -= 1  # not the clause's first word, which has a capital anyway
    if first == cue:
        return "", ""
    return "", " ".join(segment.clause.text[toks[first].start:toks[cue - 1].end].split())


def _one_name(segment: _Segment, start: int, lex: Lexicon) -> bool:
    """"Ons cluster is Brainport": one word is an answer when it is a name, written with a capital inside the
    clause (German capitalises every noun, so there it names nothing)."""
    toks = segment.clause.tokens
    return (segment.end - start == 1 and start > 0 and lex.languages[:1] != ("de",)
            and toks[start].raw[:1].isupper() and toks[start].word not in ("i", "ik"))


def _names_something(segment: _Segment, start: int) -> bool:
    """A proper name in the words (not the first word, a month or "I"): "Kennispark", "North Sea Port"."""
    toks = segment.clause.tokens[start:segment.end]
    return any(t.raw[:1].isupper() and t.word not in ("i", "ik") and not t.word.isdigit()
               for t in toks[0 if start else 1:])


def _rather(found: list[_Mention], said: tuple[str, ...], lex: Lexicon) -> str | None:
    """"eerder opkomend dan groeiend", "Renewal rather than Mature": the first; "groeiend, eerder volwassen": the
    one "rather" goes with."""
    if len({m.option for m in found}) < 2:
        return None
    first, last = found[0], found[-1]
    if lex.has("than", said[first.at:last.at]):
        return first.option
    if lex.has("rather", said[max(first.at + 1, last.at - 2):last.at]):
        return last.option  # "de groeifase voorbij, eerder volwassen": what it rather is comes last
    if lex.has("rather", said[max(0, first.at - 2):last.at]):
        return first.option
    return None


def _swapped(found: list[_Mention], said: tuple[str, ...], lex: Lexicon) -> set[str]:
    """"replace Financing with Facilitating", "vervang A door B": A goes; "B in plaats van A", "B instead of A":
    A goes too, named after."""
    if len({m.option for m in found}) < 2:
        return set()
    first, last = found[0], found[-1]
    between = said[first.at + 1:last.at]
    if lex.has("instead_of", between):
        return {last.option}
    if lex.has("change", said) and lex.has("instead", between):
        return {first.option}
    return set()


_REMOVE_REACH = 6  # words: "financiering kunt u bij mijn thema's schrappen"


def _removed(said: tuple[str, ...], at: int, places: list[int], lex: Lexicon) -> bool:
    """"faciliteren mag eruit", "take governance off": this option goes (the one named nearest before)."""
    for start, end in lex.spans("remove", said):
        if start < at < end:
            return True
        if at < start and start - at <= _REMOVE_REACH and not any(at < p < start for p in places):
            return True
    return False


def _only(used: list[_Segment], lex: Lexicon) -> bool:
    """"alleen governance": what is named is all there is."""
    return any(_says_only(s, lex) for s in used)


def _says_only(segment: _Segment, lex: Lexicon) -> bool:
    """"alleen governance", not "niet alleen financiering maar ook ..." (not only: more)."""
    said = segment.words()
    negations = {s for s, _ in lex.spans("negation", said)}
    return any(start - 1 not in negations for start, _ in lex.spans("only", said))
