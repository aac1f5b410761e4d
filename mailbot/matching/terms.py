"""A text -> its terms: the words that carry a topic, as stems, each with the word as written. Pure.

A text is read in the language most of its own function words belong to (Dutch or English; the
writer's language when that does not decide), cut into words, stripped of that language's stop
list (the ``stopwordsiso`` package's) and of the few words every answer to this questionnaire uses
("vraag", "ervaring", "delen": they say that something is asked or offered, not what about), and
each word is reduced to its Snowball stem (``snowballstemmer``), so that "subsidies" and "subsidie",
"financing" and "financed" are one term. A Dutch question and an English experience share only
the words both languages write alike (cluster, campus, governance): stems are not translated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

STEMMERS = {"nl": "dutch", "en": "english"}
MIN_LENGTH = 3  # "ik", "eu" and their like are no topic
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# what answering this questionnaire makes everyone write whatever their topic, and verbs any topic needs
GENERIC_WORDS = {
    "nl": """vraag vragen vraagstuk ervaring ervaringen praktijkervaring praktijk delen leerkring leren geleerd
             graag benieuwd weten anderen manier zoeken horen krijgen gaan komen zien staan goed nieuw nieuwe
             mee houden brengen""",
    "en": """question questions issue experience experiences practice practical share sharing learning circle
             learn learned learnt curious know others way looking hear get keep bring good""",
}


@dataclass(frozen=True)
class Terms:
    """One text as terms: how often each stem occurs, and the word it was written as most."""

    counts: Mapping[str, int]
    words: Mapping[str, str]
    language: str

    @property
    def length(self) -> int:
        return sum(self.counts.values())


class TermReader:
    """Reads texts into terms. One per computation: the Snowball stemmers keep state while they work."""

    def __init__(self) -> None:
        import snowballstemmer  # here, not at the top: it loads every language's stemmer (0.1 s of each poll's start)

        self._stemmers = {lang: snowballstemmer.stemmer(name) for lang, name in STEMMERS.items()}
        self._stems: dict[str, dict[str, str]] = {lang: {} for lang in STEMMERS}  # a circle repeats its words
        self._ignored = {lang: frozenset(self._stem(lang, GENERIC_WORDS[lang].split())) for lang in STEMMERS}

    def terms(self, text: str, writer_language: str) -> Terms:
        written_as = _WORD.findall(text)
        words = [w.lower() for w in written_as]
        lang = language_of(words, writer_language)
        stop = stop_list(lang)
        kept = [(word, original) for word, original in zip(words, written_as, strict=True)
                if len(word) >= MIN_LENGTH and word not in stop]
        stems = self._stem(lang, [word for word, _ in kept])
        ignored = self._ignored[lang]
        counts: Counter[str] = Counter()
        written: dict[str, Counter[str]] = {}
        for (_, word), stem in zip(kept, stems, strict=True):
            if stem in ignored or len(stem) < MIN_LENGTH - 1:
                continue
            counts[stem] += 1
            written.setdefault(stem, Counter())[word] += 1
        return Terms(dict(counts), {stem: _shown(seen) for stem, seen in written.items()}, lang)

    def _stem(self, lang: str, words: list[str]) -> list[str]:
        """Snowball's stems, each word stemmed once per reader (pure-Python stemming is the slow part)."""
        known = self._stems[lang]
        new = [w for w in dict.fromkeys(words) if w not in known]
        known.update(zip(new, self._stemmers[lang].stemWords(new), strict=True))
        return [known[w] for w in words]


def _shown(forms: Counter[str]) -> str:
    """The word as written: in lower case where it ever was ("Financiering" opening a sentence is
    "financiering"), else as written most ("MKB", "Groningen")."""
    return min(forms, key=lambda form: (form != form.lower(), -forms[form]))


@cache
def stop_list(lang: str) -> frozenset[str]:
    """The language's stop words (a frozen set: read once, never changed)."""
    import stopwordsiso  # here, as snowballstemmer: only the digest and the briefings match people

    return frozenset(stopwordsiso.stopwords(lang))


@cache
def _markers() -> Mapping[str, frozenset[str]]:
    """The stop words only one of the two languages has: "het", "niet" against "the", "not"."""
    nl, en = stop_list("nl"), stop_list("en")
    return {"nl": nl - en, "en": en - nl}


def language_of(words: list[str], writer_language: str) -> str:
    """Dutch or English, by which language's own function words the text uses more."""
    markers = _markers()
    nl = sum(1 for w in words if w in markers["nl"])
    en = sum(1 for w in words if w in markers["en"])
    if nl != en:
        return "nl" if nl > en else "en"
    return writer_language if writer_language in STEMMERS else "nl"
