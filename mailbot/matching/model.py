"""Who can help whom, as plain values: the people as matching sees them, and each match with its reasons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """One participant taking part, with the answers matching reads (option ids as given)."""

    id: int
    name: str
    email: str
    organisation: str  # answered, else the guess from their mail
    language: str
    question: str  # their concrete questions
    experience: str  # the practice experience they offer to share
    themes: frozenset[str] = frozenset()
    phase: str = ""
    org_type: str = ""
    region: str = ""
    introductions: bool = True  # False: they said they do not want to be introduced

    @property
    def display_name(self) -> str:
        return self.name or self.email


@dataclass(frozen=True)
class Term:
    """A term the asker's question and the helper's experience share: the helper's word, and its weight."""

    word: str
    weight: float


@dataclass(frozen=True)
class Match:
    """``helper``'s experience fits ``asker``'s question, and why."""

    asker: Profile
    helper: Profile
    score: float  # the terms' weights, plus the weight of a shared theme
    terms: tuple[Term, ...]  # heaviest first
    themes: tuple[str, ...] = ()  # option ids both chose
    same_phase: bool = False  # their clusters are in the same phase
    same_org_type: bool = False  # the same kind of organisation
    other_region: bool = False  # both named a region, and not the same one

    @property
    def pair(self) -> frozenset[int]:
        return frozenset((self.asker.id, self.helper.id))


@dataclass(frozen=True)
class Matches:
    """Every match above the threshold, best first for each asker; askers in order of registration."""

    found: tuple[Match, ...] = ()
    unmatched: tuple[Profile, ...] = ()  # asked something that nobody's experience fits
    people: tuple[Profile, ...] = ()  # everyone matching looked at
    introduced: frozenset[frozenset[int]] = field(default_factory=frozenset)  # pairs introduced by mail already

    def helpers_of(self, asker_id: int, limit: int | None = None) -> list[Match]:
        found = [m for m in self.found if m.asker.id == asker_id]
        return found[:limit] if limit is not None else found

    def among(self, ids: Iterable[int]) -> Matches:
        """Only the people ``ids`` (those expected at a meeting): matches between two of them, and who of
        them asked something that no one among them can help with."""
        wanted = set(ids)
        found = tuple(m for m in self.found if m.asker.id in wanted and m.helper.id in wanted)
        helped = {m.asker.id for m in found}
        unmatched = tuple(p for p in self.people if p.id in wanted and p.question and p.id not in helped)
        return Matches(found, unmatched, tuple(p for p in self.people if p.id in wanted), self.introduced)

    def best(self, limit: int) -> Matches:
        """At most ``limit`` helpers for each asker."""
        count: dict[int, int] = {}
        kept = []
        for match in self.found:
            count[match.asker.id] = count.get(match.asker.id, 0) + 1
            if count[match.asker.id] <= limit:
                kept.append(match)
        return Matches(tuple(kept), self.unmatched, self.people, self.introduced)

    def was_introduced(self, match: Match) -> bool:
        return match.pair in self.introduced

    @property
    def askers(self) -> list[Profile]:
        """Who asked something, in order of registration."""
        return [p for p in self.people if p.question]
