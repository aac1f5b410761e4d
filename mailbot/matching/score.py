"""Who can help whom: each asker's question scored against every other person's experience. Pure.

The score is Okapi BM25, so that it can be explained term by term: a term counts for more the
rarer it is in what this circle wrote (its questions and experiences together: the inverse
document frequency), the more often the experience uses it, and the shorter that experience is.
Both chose the same theme: ``THEME_WEIGHT`` more. A match needs at least one shared term and a
score of ``THRESHOLD``: one rare shared word alone is not enough, two are, and so is one with a
shared theme. Nobody is matched with someone of their own organisation (the same answer, or the
same mail domain that is no public mail service): they can ask each other without us.
The same phase, the same kind of organisation and another region are reasons shown beside the
match; they do not make one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from mailbot.matching.model import Match, Matches, Profile, Term
from mailbot.matching.terms import TermReader, Terms
from mailbot.people.identity import FREEMAIL

K1 = 1.2  # how fast a repeated term stops adding (BM25's usual value)
B = 0.75  # how much a long experience is discounted (BM25's usual value)
THEME_WEIGHT = 1.0
THRESHOLD = 3.0


def match_circle(people: Sequence[Profile], introduced: Collection[frozenset[int]] = (),
                 threshold: float = THRESHOLD) -> Matches:
    """Every match in the circle of ``people`` (in order of registration), best first for each asker."""
    reader = TermReader()
    questions = {p.id: reader.terms(p.question, p.language) for p in people if p.question.strip()}
    experiences = {p.id: reader.terms(p.experience, p.language) for p in people if p.experience.strip()}
    idf = inverse_document_frequency([*questions.values(), *experiences.values()])
    average = sum(t.length for t in experiences.values()) / len(experiences) if experiences else 1.0
    found: list[Match] = []
    unmatched: list[Profile] = []
    for asker in people:
        if asker.id not in questions:
            continue
        mine = []
        for helper in people:
            if helper.id == asker.id or helper.id not in experiences or same_organisation(asker, helper):
                continue
            match = _match(asker, helper, questions[asker.id], experiences[helper.id], idf, average)
            if match is not None and match.score >= threshold:
                mine.append(match)
        mine.sort(key=lambda m: -m.score)  # stable: helpers in order of registration when equal
        found += mine
        if not mine:
            unmatched.append(asker)
    return Matches(tuple(found), tuple(unmatched), tuple(people), frozenset(frozenset(p) for p in introduced))


def inverse_document_frequency(texts: Iterable[Terms]) -> Mapping[str, float]:
    """BM25's idf (the form that never goes below zero) of every stem, over ``texts``."""
    texts = list(texts)
    containing: dict[str, int] = {}
    for terms in texts:
        for stem in terms.counts:
            containing[stem] = containing.get(stem, 0) + 1
    n = len(texts)
    return {stem: math.log(1 + (n - k + 0.5) / (k + 0.5)) for stem, k in containing.items()}


def _match(asker: Profile, helper: Profile, question: Terms, experience: Terms, idf: Mapping[str, float],
           average: float) -> Match | None:
    shared = [stem for stem in question.counts if stem in experience.counts]
    if not shared:
        return None
    norm = K1 * (1 - B + B * experience.length / average)
    terms = [Term(experience.words[stem],
                  idf[stem] * experience.counts[stem] * (K1 + 1) / (experience.counts[stem] + norm))
             for stem in shared]
    terms.sort(key=lambda t: -t.weight)
    themes = tuple(sorted(asker.themes & helper.themes))
    score = sum(t.weight for t in terms) + (THEME_WEIGHT if themes else 0.0)
    return Match(asker, helper, round(score, 2), tuple(terms), themes,
                 same_phase=bool(asker.phase) and asker.phase == helper.phase,
                 same_org_type=bool(asker.org_type) and asker.org_type == helper.org_type,
                 other_region=bool(asker.region and helper.region) and _plain(asker.region) != _plain(helper.region))


def same_organisation(a: Profile, b: Profile) -> bool:
    """The same organisation as answered (in any spelling of case and punctuation), or the same mail domain
    when that domain is an organisation's and not a public mail service's."""
    if a.organisation and _plain(a.organisation) == _plain(b.organisation):
        return True
    domain = a.email.rpartition("@")[2].lower()
    return bool(domain) and domain not in FREEMAIL and domain == b.email.rpartition("@")[2].lower()


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
