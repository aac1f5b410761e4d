"""What a detector reads: the person's own words, with what storage knows about them; what it reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.answers.questionnaire import Questionnaire
from mailbot.core.domain import Finding, MailKind, Status
from mailbot.mail.parse import IncomingMail
from mailbot.meetings.model import Meeting


@dataclass(frozen=True)
class Reading:
    """One person's mail as the detectors see it."""

    mail: IncomingMail
    text: str  # their own words: no quotes, signatures, disclaimers, nor lines of our own mails
    subject: str  # the subject when it is theirs (not "Re: " + ours)
    language: str  # what they wrote in (nl, en, de, ...)
    status: Status | None  # their participation, when they are a participant
    meetings: tuple[Meeting, ...]
    timezone: ZoneInfo
    now: datetime  # aware
    questionnaire: Questionnaire  # the version they saw (the one our mail carried), else the current one
    current: Questionnaire  # the questionnaire as configured now
    replies_to: MailKind | None = None  # the kind of our mail they answer
    thread_meeting: str | None = None  # the meeting our mail was about
    pending_action: str | None = None  # the kind of action our mail asked them to confirm
    sent_text: str | None = None  # the text of the questionnaire mail they answer

    @property
    def participant(self) -> bool:
        return self.status is not None

    @property
    def words(self) -> str:
        """Subject and own text, lower case: for the cheap checks."""
        return f"{self.subject}\n{self.text}".lower()


@dataclass(frozen=True)
class Found:
    """One finding: what it is, the words that say it, and what a handler needs to act on it."""

    kind: Finding
    text: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    sentences: tuple[int, ...] = ()  # the sentences it explains

    def as_dict(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "text": self.text, **({"data": dict(self.data)} if self.data else {})}


_BREAK = re.compile(r"(?<=[.!?])\s+(?=[^\s])|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)]|ps\b|p\.s\.))", re.IGNORECASE)


class Sentences:
    """The own text cut into sentences; a detector claims the ones it explains."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.claimed: set[int] = set()

    @classmethod
    def of(cls, text: str) -> Sentences:
        parts = []
        for chunk in _BREAK.split(text):
            sentence = " ".join(chunk.split())
            if sentence:
                parts.append(sentence)
        return cls(parts)

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return iter(enumerate(self.items))

    def unclaimed(self) -> Iterator[tuple[int, str]]:
        return ((i, s) for i, s in enumerate(self.items) if i not in self.claimed)

    def claim(self, indexes: Iterable[int]) -> None:
        self.claimed.update(indexes)

    def text(self, indexes: Iterable[int]) -> str:
        return " ".join(self.items[i] for i in sorted(set(indexes)))
