"""Everything a person's mail says: a list of findings, not one kind.

People put several things in one mail: a sign-up and a question, answers and a
decline, a correction and a PS. Each detector (one per module, in ``DETECTORS``)
reads the person's own words (``Reading``: the new text with quotes, signatures
and our own text taken out) and reports what it finds; ``understand`` runs them in
order, lets each claim the sentences it explained, and settles what contradicts
itself; a mail in which nothing was found but words were said is a message for a
person. It is pure: what storage knows arrives in the Reading.

Machine mail never gets here: the rules chain (``mailbot.engine.classify``) takes it first.
What the findings lead to is the handlers' business (``mailbot.handlers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mailbot.core.domain import Attendance
from mailbot.core.domain import Finding as Kind
from mailbot.understand import (
    answers,
    attachment,
    attendance,
    colleague,
    confirmation,
    correction,
    deletion,
    language,
    leftovers,
    no_introductions,
    question,
    registration,
    resend,
    short_answer,
    withdrawal,
)
from mailbot.understand.reading import Found, Reading, Sentences

__all__ = ["DETECTORS", "Found", "Reading", "Sentences", "understand"]


class Detector(Protocol):
    """A module that finds one kind of thing in a person's words."""

    @property
    def name(self) -> str: ...

    def find(self, reading: Reading, sentences: Sentences) -> list[Found]: ...


# The order is the order of claiming: a sentence explained by an earlier detector is not a question
# for a later one ("Kunt u mij afmelden?" is a withdrawal, not a question to forward).
DETECTORS: tuple[Detector, ...] = (
    confirmation,
    short_answer,
    deletion,
    colleague,
    no_introductions,  # before withdrawal: "ik meld me af voor de koppelingen" leaves the introductions only
    withdrawal,
    attendance,
    registration,
    resend,
    correction,
    answers,
    attachment,
    language,
    question,
)


def understand(reading: Reading) -> list[Found]:
    """Every finding of every detector, contradictions settled."""
    sentences = Sentences.read(reading)
    found: list[Found] = []
    for detector in DETECTORS:
        for finding in detector.find(reading, sentences):
            sentences.claim(finding.sentences, finding.kind)
            found.append(finding)
    if all(f.kind == Kind.REGISTRATION and f.data.get("already") or f.kind == Kind.STAYS for f in found):
        # nothing we act on ("ik doe gewoon mee" from a participant changes nothing), yet the person said
        # something: a person reads it
        found += leftovers.find(reading, sentences)
    return sorted(settle(found), key=lambda f: f.kind not in _FIRST)


# handled first: the person is a participant before what else they said is recorded on them
_FIRST = frozenset({Kind.REGISTRATION, Kind.COMEBACK})


# pairs that cannot both be meant: a person who withdraws and signs up in one mail must be asked
_EXCLUSIVE = ((Kind.WITHDRAWAL, Kind.COMEBACK), (Kind.WITHDRAWAL, Kind.REGISTRATION), (Kind.WITHDRAWAL, Kind.ANSWERS),
              (Kind.WITHDRAWAL, Kind.CORRECTION))


# what a mail sent on someone else's behalf says about answers is theirs, not the sender's
_SENDERS_OWN = frozenset({Kind.ANSWERS, Kind.CORRECTION, Kind.UNPLACED, Kind.REMARK})


def settle(found: Sequence[Found]) -> list[Found]:
    """Findings that exclude each other become one contradiction (for a person); the rest stand.

    A mail on someone else's behalf (forwarded, "namens", "on behalf of") never registers the sender nor
    changes the sender's answers: its answers go with the colleague finding (``handlers.record_answers``).
    A mail in a language we do not read registers nobody by default: the organiser reads it first.
    """
    if any(f.kind == Kind.COLLEAGUE and f.data.get("on_behalf") for f in found):
        found = [f for f in found if f.kind not in _SENDERS_OWN
                 and not (f.kind == Kind.REGISTRATION and not f.data.get("already"))
                 and not (f.kind == Kind.ATTENDANCE and f.data.get("in_answers"))]  # "8. No - he is teaching"
    if any(f.kind in (Kind.ANSWERS, Kind.CORRECTION) for f in found):  # read after all: "my mistake" is no riddle
        found = [f for f in found if not (f.kind == Kind.UNPLACED and f.data.get("why") == "unclear")]
    if any(f.kind == Kind.LANGUAGE for f in found):  # a sign-up read into words we do not read is a guess
        found = [f for f in found if not (f.kind == Kind.REGISTRATION and f.data.get("implicit"))]
    kinds = {f.kind for f in found}
    clash = [pair for pair in _EXCLUSIVE if set(pair) <= kinds]
    clash += _attendance_clashes(found)
    if not clash:
        return list(found)
    involved = {kind for pair in clash for kind in pair if isinstance(kind, Kind)}
    kept = [f for f in found if f.kind not in involved]
    words = " / ".join(f.text for f in found if f.kind in involved and f.text)
    return [*kept, Found(Kind.CONTRADICTION, words, {"kinds": sorted(str(k) for k in involved)})]


def _attendance_clashes(found: Sequence[Found]) -> list[tuple[Kind, Kind]]:
    """One meeting said to be both missed and attended; or coming to a meeting beside leaving the whole circle
    ("ik meld me af ... Groningen, Wageningen en Enschede zijn ver"): one of the two is misread, or meant for later."""
    said: dict[str, set[str]] = {}
    for finding in found:
        if finding.kind == Kind.ATTENDANCE:
            for meeting_id, status in dict(finding.data.get("meetings", {})).items():
                said.setdefault(meeting_id, set()).add(status)
    clashes = [(Kind.ATTENDANCE, Kind.ATTENDANCE)] if any(len(s) > 1 for s in said.values()) else []
    if any(f.kind == Kind.WITHDRAWAL for f in found) and any(
            Attendance.ACCEPTED in s for meeting_id, s in said.items() if not meeting_id.startswith("*")):
        # ("*declined", "ik zie er toch van af om mee te doen": no meeting named, nothing to come to)
        clashes.append((Kind.WITHDRAWAL, Kind.ATTENDANCE))
    return clashes
