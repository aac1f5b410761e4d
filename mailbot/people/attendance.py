"""Who comes to each meeting: expected, declined or unknown. The one count the digest, the brief,
``mailbot meetings`` and the exports all give. Pure: records in, turnout out.

For one meeting, a participant who takes part (``ACTIVE``) is

    declined   they said they cannot come (by mail, by the calendar button, or her ``afwezig``)
    unknown    they said "maybe", or answered no to "can you come to every meeting?" and did not say
               yes to this one
    expected   everyone else: registering is signing up for the whole circle

Someone who withdrew, or whose address bounced, is not counted for any meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire
from mailbot.core.domain import ACTIVE, Attendance, Turnout
from mailbot.people.records import ParticipantRecord
from mailbot.people.roles import roles_of


@dataclass(frozen=True)
class MeetingTurnout:
    """Participant ids per group, in the order of the records given (registration)."""

    meeting_id: str
    expected: tuple[int, ...] = ()
    declined: tuple[int, ...] = ()
    unknown: tuple[int, ...] = ()

    def of(self, participant_id: int) -> Turnout | None:
        for turnout, ids in ((Turnout.EXPECTED, self.expected), (Turnout.DECLINED, self.declined),
                             (Turnout.UNKNOWN, self.unknown)):
            if participant_id in ids:
                return turnout
        return None


def presence(status: str, said: Mapping[str, str], answers: Mapping[str, AnswerValue], meeting_id: str,
             all_meetings: Question | None) -> Turnout | None:
    """One participant at one meeting; None when they do not take part (any more)."""
    if status not in ACTIVE:
        return None
    answer = said.get(meeting_id)
    if answer == Attendance.DECLINED:
        return Turnout.DECLINED
    if answer == Attendance.ACCEPTED:
        return Turnout.EXPECTED
    misses_some = all_meetings is not None and answers.get(all_meetings.id) is False
    return Turnout.UNKNOWN if answer == Attendance.TENTATIVE or misses_some else Turnout.EXPECTED


def turnout(records: Sequence[ParticipantRecord], meeting_ids: Iterable[str],
            questionnaire: Questionnaire) -> dict[str, MeetingTurnout]:
    """Every meeting's expected, declined and unknown participants."""
    all_meetings = roles_of(questionnaire).all_meetings
    found: dict[str, MeetingTurnout] = {}
    for meeting_id in meeting_ids:
        groups: dict[Turnout, list[int]] = {t: [] for t in Turnout}
        for record in records:
            said = presence(record.status, record.attendance, record.answers, meeting_id, all_meetings)
            if said is not None:
                groups[said].append(record.id)
        found[meeting_id] = MeetingTurnout(meeting_id, tuple(groups[Turnout.EXPECTED]),
                                           tuple(groups[Turnout.DECLINED]), tuple(groups[Turnout.UNKNOWN]))
    return found
