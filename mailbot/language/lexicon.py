"""The word lists of each language (``words/<lang>.yaml``), read once, in one place.

Each list has one job, named in ``LISTS``: the function words that decide whether something is meant
(negation, condition, doubt, a retraction ...), the words of person (who does it), the words of the acts
a mail can be about (signing up, withdrawing, coming, not coming, erasing ...), a few nouns (the circle,
a meeting, one's data), and ``means``: what a word means in the words of our own questionnaire
("hogeschool" is an "onderwijsinstelling", "Typ" is "type"). A reading uses the lists of the language a
mail is in; a mail in a language we have no lists for is read with Dutch and English.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from mailbot.language.patterns import Pattern, any_match, compile_pattern
from mailbot.language.text import words

LANGUAGES = ("nl", "en", "de", "fr")
FALLBACK = ("nl", "en")
FUNCTION = ("negation", "no_longer", "not_yet", "condition", "concession", "doubt", "hypothetical", "obligation",
            "wish", "question", "question_verb", "retraction", "clause_break", "infinitive_marker", "only", "except",
            "again", "rather", "than", "add", "remove", "change", "deferral", "yes", "no", "thanks", "past", "future",
            "asking",
            "confirm", "refuse", "generic", "only_these", "hedge", "denial_frame", "denied_reason", "keep",
            "reassurance", "honorific", "academic",
            "instead", "instead_of", "every", "anaphor", "closing", "courtesy",
            "no_choice", "apology", "busy", "joke_over", "welcome", "not_applicable", "offer")
PERSONS = ("first", "first_object", "first_possessive", "addressee", "third", "third_object", "third_possessive",
           "indefinite", "titles", "organisation", "article")
ACTS = ("signup", "withdraw", "attend", "absent", "erase", "answers", "replace", "not_attend_words", "taking_part",
        "ending")
NOUNS = ("circle", "meeting", "data", "list", "organisation_work", "time", "answer_words", "meta", "enclosed",
         "participant")
GRAMMAR = ("greeting", "origin", "then", "of", "and", "others", "can", "being", "name_particle", "naming", "both",
           "ordinal",
           "vague", "preposition", "turn", "name_link", "organisation_head", "organisation_kind_ending", "definite",
           "filler", "count",
           "describing", "question_noun", "organisation_noun", "number_word", "not_subject", "bare_filler", "thing",
           "condition_at_start", "break_anywhere", "relative", "question_about", "copula", "elaboration", "aside",
           "comparison", "reported", "from_then", "from_on", "whether", "governing", "measure", "parting", "affirming",
           "correct",
           "in_calendar", "reserved", "beforehand", "believed",
           "role_or_condition", "away", "date_before", "period", "additive", "first_singular", "verb_first_condition",
           "partly_there")
_T = TypeVar("_T")
LISTS = {"function": FUNCTION, "persons": PERSONS, "acts": ACTS, "nouns": NOUNS, "grammar": GRAMMAR}



@dataclass(frozen=True)
class Lexicon:
    """The lists of one or more languages, merged."""

    languages: tuple[str, ...]
    lists: Mapping[str, tuple[Pattern, ...]]
    means: Mapping[str, tuple[str, ...]]  # a folded word or phrase -> words of the questionnaire
    # a question word that, alone as a writer's own label ("Wie:", "Waar:"), asks what these words of the
    # questionnaire ask; in running text it means nothing of the kind
    label_means: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    # what was matched before: a clause is read by several detectors, and a lexicon lives as long as the process
    _spans: dict[tuple[str, tuple[str, ...]], tuple[tuple[int, int], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _unions: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _recalled: dict[str, dict[Any, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def spans(self, name: str, said: Sequence[str]) -> list[tuple[int, int]]:
        key = (name, tuple(said))
        found = self._spans.get(key)
        if found is None:
            if len(self._spans) >= _REMEMBERED:
                self._spans.clear()
            found = self._spans[key] = tuple(any_match(self.lists.get(name, ()), said))
        return list(found)

    def has(self, name: str, said: Sequence[str]) -> bool:
        return bool(self.spans(name, said))

    def words_of(self, name: str) -> frozenset[str]:
        """The one-word entries of a list, as the words a text is read in ("für" is "fur")."""
        found = self._words.get(name)
        if found is None:
            found = self._words[name] = frozenset(alt for p in self.lists.get(name, ()) if len(p.steps) == 1
                                                  for alt in p.steps[0][1].alternatives if "*" not in alt)
        return found

    def words_of_any(self, *names: str) -> frozenset[str]:
        """The one-word entries of several lists together, joined once per lexicon."""
        found = self._unions.get(names)
        if found is None:
            found = self._unions[names] = frozenset().union(*(self.words_of(name) for name in names))
        return found

    def recall(self, reader: str, key: Hashable, work: Callable[[], _T]) -> _T:
        """What ``reader`` (persons, statements) worked out before from the same words with this lexicon: several
        detectors ask it of one clause. Pure readers only; each keeps at most ``_RECALLED`` answers."""
        memo = self._recalled.setdefault(reader, {})
        try:
            return memo[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        if len(memo) >= _RECALLED:
            memo.clear()
        found = memo[key] = work()
        return found


_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # the C parser when PyYAML has it: the same strings, 9x faster
_REMEMBERED = 20_000  # clauses matched per lexicon before it starts again: memory stays flat
# answers kept per reader: a statement holds its sentence's clauses (a few kB), so fewer than the spans; a mail
# asks about a dozen, and what is asked again is asked within the same mail
_RECALLED = 4096


def lexicon(*languages: str) -> Lexicon:
    """The merged lists of ``languages`` (those we have), or of Dutch and English."""
    known = tuple(dict.fromkeys(lang for lang in languages if lang in LANGUAGES)) or FALLBACK
    return _merged(known)


@lru_cache(maxsize=32)
def _merged(languages: tuple[str, ...]) -> Lexicon:
    lists: dict[str, list[Pattern]] = {}
    means: dict[str, list[str]] = {}
    label_means: dict[str, list[str]] = {}
    for lang in languages:
        one = _load(lang)
        for name, patterns in one.lists.items():
            lists.setdefault(name, []).extend(patterns)
        for merged, own in ((means, one.means), (label_means, one.label_means)):
            for word, meant in own.items():
                merged.setdefault(word, []).extend(meant)
    return Lexicon(languages, {k: tuple(v) for k, v in lists.items()},
                   {k: tuple(dict.fromkeys(v)) for k, v in means.items()},
                   {k: tuple(dict.fromkeys(v)) for k, v in label_means.items()})


@lru_cache(maxsize=8)
def _load(lang: str) -> Lexicon:
    text = resources.files("mailbot.language").joinpath("words", f"{lang}.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_LOADER) or {}  # every entry a string: "no" is a word, not False
    lists: dict[str, tuple[Pattern, ...]] = {}
    named = [name for names in LISTS.values() for name in names]
    if len(named) != len(set(named)):
        raise ValueError(f"a list named twice: {sorted({n for n in named if named.count(n) > 1})}")
    for section, names in LISTS.items():
        given = raw.get(section) or {}
        unknown = set(given) - set(names)
        if unknown:
            raise ValueError(f"words/{lang}.yaml: unknown list {section}.{sorted(unknown)[0]}")
        for name in names:
            lists[name] = tuple(compile_pattern(str(entry)) for entry in given.get(name) or ())
    extra = set(raw) - set(LISTS) - {"means", "label_means"}
    if extra:
        raise ValueError(f"words/{lang}.yaml: unknown section {sorted(extra)[0]}")
    means, label_means = ({" ".join(words(str(k))): tuple(" ".join(words(str(v))) for v in (targets or []))
                           for k, targets in (raw.get(section) or {}).items()} for section in ("means", "label_means"))
    return Lexicon((lang,), lists, means, label_means)
