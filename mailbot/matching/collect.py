"""Reading what matching needs from storage: the records, who declined introductions, who was introduced.

The only module of ``mailbot.matching`` that touches the database; the rest is pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.matching.model import Matches
from mailbot.matching.profiles import INTRODUCTIONS, profiles_of
from mailbot.matching.score import match_circle
from mailbot.people.records import ParticipantRecord, participant_records
from mailbot.store.models import Answer, Introduction


def declined_introductions(session: Session) -> set[int]:
    """Who said no to introductions, in the questionnaire or by mail (their current answer is "no")."""
    rows = session.execute(select(Answer.participant_id, Answer.value)
                           .where(Answer.question_id == INTRODUCTIONS, Answer.current.is_(True)))
    return {participant_id for participant_id, value in rows if value is False}


def introduced_pairs(session: Session) -> set[frozenset[int]]:
    return {frozenset(pair) for pair in session.execute(select(Introduction.first_id, Introduction.second_id))}


def circle_matches(session: Session, questionnaire: Questionnaire,
                   records: Sequence[ParticipantRecord] | None = None) -> Matches:
    """Who can help whom in the circle as storage stands now (``records``: when the caller has them already)."""
    if records is None:
        records = participant_records(session, questionnaire)
    people = profiles_of(records, questionnaire, declined_introductions(session))
    return match_circle(people, introduced_pairs(session))
