"""Tolerant matching of what a participant typed to option labels, yes/no and scale values.

Participants type labels from memory: other case, no accents, a typo, only the first
words, the option's number, Dutch or English. Every matcher returns None rather than
guess when two options fit equally well: an unanswered question is better than a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from mailbot.answers.questionnaire import SCALE_RANGE, Option

STOPWORDS = frozenset(
    "de het een en of van voor in op met bij te is zijn wat welke u uw ik we wij mijn onze ons "
    "the a an and or of for in on at to is are what which you your my our we i".split()
)
_YES_WORDS = frozenset("ja jawel jazeker zeker natuurlijk uiteraard graag absoluut yes yep yeah sure oui".split())
_NO_WORDS = frozenset("nee neen no nope helaas nein non".split())  # "not my call" answers nothing
_NUMBER_WORDS = {
    "een": 1, "één": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3,
    "vier": 4, "four": 4, "vijf": 5, "five": 5,
}  # fmt: skip
_MULTI_SEPARATORS = re.compile(r"[,;/&+\n]|\s(?:en|and|plus|als ook|und|sowie|et)\s|\s&\s", re.IGNORECASE)
_OPTION_NUMBER = re.compile(r"(?:optie|option|keuze|choice|nr|nummer|number|no)?\s*(\d{1,2})")
# "de tweede en de vierde optie", "the second one": an option counted in the list; -1 is the last
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "laatste": -1,
             "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "last": -1,
             "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "funfte": 5, "sechste": 6, "letzte": -1}
_OPTION_ORDINAL = re.compile(
    r"(?:(?:de|het|the|die|der|das)\s+)?(\w+)(?:\s+(?:optie|option|keuze|choice|one|antwoord))?")
_TYPO_RATIO = 0.85


@lru_cache(maxsize=16384)  # pure; the questionnaire's own texts are folded again for every mail
def fold(text: str) -> str:
    """Lower case without accents, one character out for each character in."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


@lru_cache(maxsize=16384)  # pure, as fold
def normalize(text: str) -> str:
    """Words only: folded, apostrophes dropped (thema's -> themas), punctuation to spaces."""
    folded = fold(text).replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def content_words(text: str) -> list[str]:
    return [w for w in normalize(text).split() if w not in STOPWORDS]


@lru_cache(maxsize=16384)  # pure; a reply's words are compared with every option's, again for every mail
def similar_words(a: str, b: str) -> bool:
    """Equal, or one small typo apart, or sharing a long stem (financiering ~ financieren)."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    typos = 1 if max(len(a), len(b)) <= 7 else 2
    # words whose lengths differ by more are further apart than that: no need to count
    if abs(len(a) - len(b)) <= typos and _edit_distance(a, b) <= typos:
        return True
    prefix = len(_common_prefix(a, b))
    return prefix >= 6 and prefix >= 0.7 * shortest


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def option_names(option: Option) -> list[str]:
    """Every normalized way of naming an option: its labels in each language and its id."""
    names = [normalize(label) for label in option.label.values()]
    names.append(normalize(option.id))
    return [n for n in dict.fromkeys(names) if n]


def option_synonyms(option: Option) -> list[str]:
    """The other names the questionnaire declares for an option ("hogeschool", "Finanzierung"), normalized."""
    return [n for n in dict.fromkeys(normalize(s) for s in option.synonyms) if n]


def match_option(fragment: str, options: Sequence[Option]) -> str | None:
    """The id of the one option ``fragment`` names, or None when none or several fit."""
    text = normalize(fragment)
    if not text or not options:
        return None
    for stage in (_exact, _by_number, _by_prefix, _by_synonym, _by_typo, _by_words, _by_abbreviation):
        found = stage(text, options)
        if found is not None:
            return found or None  # "" means ambiguous at this stage: stop guessing
    return None


def _unique(ids: Iterable[str]) -> str | None:
    distinct = list(dict.fromkeys(ids))
    if not distinct:
        return None
    return distinct[0] if len(distinct) == 1 else ""


def _exact(text: str, options: Sequence[Option]) -> str | None:
    return _unique(o.id for o in options if text in option_names(o))


def _by_number(text: str, options: Sequence[Option]) -> str | None:
    match = _OPTION_NUMBER.fullmatch(text)
    counted = _OPTION_ORDINAL.fullmatch(text)
    if counted and counted.group(1) in _ORDINALS:
        number = _ORDINALS[counted.group(1)]
        return options[number if number < 0 else number - 1].id if number <= len(options) else ""
    if not match:
        return None
    number = int(match.group(1))
    return options[number - 1].id if 1 <= number <= len(options) else ""


def _by_prefix(text: str, options: Sequence[Option]) -> str | None:
    """ "Faciliteren en stimuleren" names an option; so does "Rijksoverheid (EZK)"."""

    def fits(name: str) -> bool:
        if len(text) >= 4 and name.startswith(text + " "):
            return True
        return len(name) >= 4 and text.startswith(name + " ")

    return _unique(o.id for o in options for name in option_names(o) if fits(name))


def _by_synonym(text: str, options: Sequence[Option]) -> str | None:
    """A declared synonym, typed as such or with a word after it ("Hochschule", "Universiteit Twente"), or
    one word a typo or an inflection from a one-word synonym ("hogescholen")."""

    def fits(name: str) -> bool:
        if text == name or (len(name) >= 4 and text.startswith(name + " ")):
            return True
        return " " not in text and " " not in name and similar_words(text, name) and len(name) >= 6

    return _unique(o.id for o in options for name in option_synonyms(o) if fits(name))


def _by_typo(text: str, options: Sequence[Option]) -> str | None:
    scored = [
        (SequenceMatcher(None, text, name).ratio(), o.id)
        for o in options
        for name in option_names(o)
        if len(name) >= 4
    ]
    good = [(score, oid) for score, oid in scored if score >= _TYPO_RATIO]
    if not good:
        return None
    best = max(score for score, _ in good)
    return _unique(oid for score, oid in good if score >= best - 0.02)


def _by_words(text: str, options: Sequence[Option]) -> str | None:
    """Most of the typed words occur in exactly one option's labels ("governance")."""
    words = [w for w in text.split() if w not in STOPWORDS]
    if not words:
        return None
    vocab = {
        o.id: {w for name in option_names(o) for w in name.split() if w not in STOPWORDS} for o in options
    }
    scores: list[tuple[float, str]] = []
    for option in options:
        own = vocab[option.id]
        others = set().union(*(v for oid, v in vocab.items() if oid != option.id))
        hits = [w for w in words if any(similar_words(w, o) for o in own)]
        distinctive = [w for w in hits if not any(similar_words(w, o) for o in others)]
        if distinctive and len(hits) / len(words) >= 0.5:
            scores.append((len(hits) / len(words), option.id))
    if not scores:
        return None
    best = max(score for score, _ in scores)
    return _unique(oid for score, oid in scores if score == best)


ABBREVIATION_MIN = 3  # letters: "gov", "fin"; a shorter cut ("in", "an") is a word of its own


def _by_abbreviation(text: str, options: Sequence[Option]) -> str | None:
    return abbreviated_option(text, options) if " " not in text else None


def abbreviated_option(word: str, options: Sequence[Option]) -> str | None:
    """The option a word cut short names ("gov", "rolverd", "univ"): the one whose labels (else whose synonyms)
    have a longer word starting so; None when none or several do. Labels first: "gov" is "Cluster governance",
    though "government" is a synonym of the triple helix's roles."""
    if len(word) < ABBREVIATION_MIN or not word.isalpha():
        return None
    for names in (option_names, option_synonyms):
        fitting = {o.id for o in options for name in names(o) for w in name.split()
                   if w.startswith(word) and w != word and w not in STOPWORDS}
        if fitting:
            return fitting.pop() if len(fitting) == 1 else None
    return None


def match_options(text: str, options: Sequence[Option]) -> tuple[list[str], list[str]]:
    """Several options named in one text ("A, B en C"): (ids in option order, unmatched parts)."""
    folded = fold(text)
    found: set[str] = set()
    # Whole labels first: labels may themselves contain "en" or commas.
    names = sorted(((name, o.id) for o in options for name in (*option_names(o), *option_synonyms(o))),
                   key=lambda p: -len(p[0]))
    for name, option_id in names:
        if len(name) < 3:
            continue
        folded, count = _whole_name(name).subn(" , ", folded)
        if count:
            found.add(option_id)
    unmatched: list[str] = []
    for piece in _MULTI_SEPARATORS.split(folded):
        part = piece.strip(" .:!-*\t")
        if not content_words(part) and not part.isdigit():
            continue
        named = match_option(part, options)
        if named is None:
            unmatched.append(part)
        else:
            found.add(named)
    return [o.id for o in options if o.id in found], unmatched


@lru_cache(maxsize=4096)  # the options' names are more than re's own cache holds: compiled once each
def _whole_name(name: str) -> re.Pattern[str]:
    """An option's name said whole, with any punctuation between its words."""
    return re.compile(r"(?<!\w)" + r"[\W_]*".join(re.escape(w) for w in name.split()) + r"(?!\w)")


_INTENSIFIERS = frozenset({"heel", "zeer", "erg", "bijzonder", "very", "most", "sehr", "tres"})  # "heel graag"


def match_yes_no(text: str) -> bool | None:
    said = normalize(text).split()
    while said[:1] and said[0] in _INTENSIFIERS:
        said = said[1:]
    words = said[:2]
    if not words:
        return None
    yes = any(w in _YES_WORDS for w in words)
    no = any(w in _NO_WORDS for w in words)
    first_decides = words[0] in _YES_WORDS or words[0] in _NO_WORDS
    if yes == no or not first_decides:
        return None
    return yes


def yes_no_of_label(label: str, yes_labels: Iterable[str], no_labels: Iterable[str]) -> bool | None:
    """Which of our rendered yes/no option lines a (marked) label is."""
    text = normalize(label)
    is_yes = any(text == normalize(y) for y in yes_labels)
    is_no = any(text == normalize(n) for n in no_labels)
    if is_yes == is_no:
        return match_yes_no(label)
    return is_yes


def match_scale(text: str) -> int | None:
    """1..5 from "4", "4/5", "3 van 5" or "vier"; None for ranges, two numbers or out of range."""
    folded = fold(text).strip()
    out_of_five = re.match(r"^(\d+)\s*(?:/|van|uit|op|out of|of)\s*5\b", folded)
    numbers = [out_of_five.group(1)] if out_of_five else re.findall(r"\d+", folded)
    if not numbers:
        words = normalize(text).split()
        if len(words) <= 2 and words and words[0] in _NUMBER_WORDS:
            return _NUMBER_WORDS[words[0]]
        return None
    if len(set(numbers)) != 1:
        return None
    value = int(numbers[0])
    return value if value in SCALE_RANGE else None
