"""What a briefing says, as plain values: who comes, what they asked, what they offer. No rendering here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from mailbot.matching.model import Matches
from mailbot.meetings.model import Meeting


@dataclass(frozen=True)
class Attendee:
    """One participant as a briefing shows them; answers are kept as given (option ids), words come later."""

    id: int
    name: str
    email: str
    organisation: str
    organisation_guessed: bool  # read from the mail address, not answered
    region: str
    phase: str  # an option id of the phase question, or ""
    attendance: str  # a Turnout: expected | unknown (shown as undecided) | declined


@dataclass(frozen=True)
class Quote:
    """What someone wrote under a question of the questionnaire (their questions, their experience)."""

    who: Attendee
    text: str
    only_this_meeting: bool = False  # every theme they chose is one of this meeting's


@dataclass(frozen=True)
class MailText:
    """A question someone raised by mail (a note or an open item), before it is tied to a meeting."""

    participant_id: int | None
    name: str
    email: str
    text: str
    at: datetime  # naive UTC


@dataclass(frozen=True)
class Brief:
    meeting: Meeting
    themes: Mapping[str, tuple[str, ...]]  # question id -> option ids this meeting covers
    expected: tuple[Attendee, ...]  # taking part and not said they miss it
    undecided: tuple[Attendee, ...]  # "maybe", or said they cannot come to every meeting without saying which
    declined: tuple[Attendee, ...]
    questions: tuple[Quote, ...] = ()  # only-this-meeting first, then in order of registration
    experience: tuple[Quote, ...] = ()
    hosts: tuple[Attendee, ...] = ()  # offered to host a meeting
    mail_questions: tuple[MailText, ...] = ()  # raised by mail, naming this meeting
    xlsx_ids: tuple[int, ...] = ()  # the participants the attachment lists: expected and undecided
    matches: Matches = Matches()  # who can help whom among those expected

    @property
    def has_themes(self) -> bool:
        return bool(self.themes)
