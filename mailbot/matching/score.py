"""Who can help whom: each asker's question scored against every other person's experience. Pure.

The score is Okapi BM25, so that it can be explained term by term: a term counts for more the
rarer it is in what this circle wrote (its questions and experiences together: the inverse
document frequency), the more often the experience uses it, and the shorter that experience is.
Both chose the same theme: ``THEME_WEIGHT`` more. A match needs at least one shared term and a
score of ``THRESHOLD``: one rare shared word alone is not enough, two are, and so is one with a
shared theme. A word more than half of the circle's texts hold weighs nothing. Nobody is matched
with someone of their own organisation (the same answer, or the same mail domain that is no public
mail service): they can ask each other without us.
The same phase, the same kind of organisation and another region are reasons shown beside the
match; they do not make one.
"""

from __future__ import annotations

import heapq
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
KEPT = 10  # helpers kept per asker, best first: the views show three, the export all ten


def match_circle(people: Sequence[Profile], introduced: Collection[frozenset[int]] = (),
                 threshold: float = THRESHOLD) -> Matches:
    """Every match in the circle of ``people`` (in order of registration), best first for each asker
    (at most ``KEPT`` each).

    Scored term at a time over the experiences that hold each term, so that a circle of thousands
    costs what its shared words cost, not the square of its size.
    """
    reader = TermReader()
    questions = {p.id: reader.terms(p.question, p.language) for p in people if p.question.strip()}
    experiences = {p.id: reader.terms(p.experience, p.language) for p in people if p.experience.strip()}
    idf = inverse_document_frequency([*questions.values(), *experiences.values()])
    average = (sum(t.length for t in experiences.values()) / len(experiences) if experiences else 0.0) or 1.0
    holding: dict[str, list[tuple[int, float]]] = {}  # stem -> (helper, the term's weight in their experience)
    for helper_id, terms in experiences.items():
        norm = K1 * (1 - B + B * terms.length / average)
        for stem, tf in terms.counts.items():
            if stem in idf:
                holding.setdefault(stem, []).append((helper_id, idf[stem] * tf * (K1 + 1) / (tf + norm)))
    by_id = {p.id: p for p in people}
    order = {p.id: i for i, p in enumerate(people)}
    found: list[Match] = []
    unmatched: list[Profile] = []
    for asker in people:
        if asker.id not in questions:
            continue
        shared: dict[int, list[tuple[str, float]]] = {}
        for stem in questions[asker.id].counts:
            for helper_id, weight in holding.get(stem, ()):
                if helper_id != asker.id:
                    shared.setdefault(helper_id, []).append((stem, weight))
        scored = []
        for helper_id, weights in shared.items():
            helper = by_id[helper_id]
            score = sum(weight for _, weight in weights) + (THEME_WEIGHT if asker.themes & helper.themes else 0.0)
            if score >= threshold and not same_organisation(asker, helper):
                scored.append((round(score, 2), helper_id))
        best = heapq.nsmallest(KEPT, scored, key=lambda s: (-s[0], order[s[1]]))
        found += [_match(asker, by_id[h], shared[h], experiences[h], score) for score, h in best]
        if not best:
            unmatched.append(asker)
    return Matches(tuple(found), tuple(unmatched), tuple(people), frozenset(frozenset(p) for p in introduced))


def inverse_document_frequency(texts: Iterable[Terms]) -> Mapping[str, float]:
    """BM25's idf of every stem over ``texts``; a stem more than half of them hold is left out: a word most of
    the circle writes says nothing about whose experience fits whose question (classic BM25 gives it no weight)."""
    texts = list(texts)
    containing: dict[str, int] = {}
    for terms in texts:
        for stem in terms.counts:
            containing[stem] = containing.get(stem, 0) + 1
    n = len(texts)
    return {stem: math.log(1 + (n - k + 0.5) / (k + 0.5)) for stem, k in containing.items() if k <= n / 2}


def _match(asker: Profile, helper: Profile, shared: list[tuple[str, float]], experience: Terms,
           score: float) -> Match:
    terms = sorted((Term(experience.words[stem], weight) for stem, weight in shared), key=lambda t: -t.weight)
    return Match(asker, helper, score, tuple(terms), tuple(sorted(asker.themes & helper.themes)),
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
