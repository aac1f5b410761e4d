"""What the organiser and operator can ask of the database: participants, messages, status."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.domain import Status
from mailbot.store.models import Answer, IncomingMessage, KeyValue, OutboxMail, Participant

STATUSES = tuple(Status)


def _iso(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def participants_csv(records: Sequence[dict[str, Any]], questionnaire: Questionnaire) -> bytes:
    """One row per participant, one column per question; UTF-8 with BOM so Excel reads it right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    base = list(PARTICIPANT_BASE_COLUMNS)
    writer.writerow(base + [q.id for q in questionnaire.questions])
    for r in records:
        writer.writerow([_safe_cell(_cell(r[k])) for k in base]
                        + [_safe_cell(_cell(r["answers"].get(q.id))) for q in questionnaire.questions])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is prefixed, so a participant cannot plant one."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def messages(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(IncomingMessage, Participant.email).outerjoin(Participant,
                                                             Participant.id == IncomingMessage.participant_id)
        .order_by(IncomingMessage.id)
    ).all()
    return [
        {"message_id": m.message_id, "from": m.sender, "subject": m.subject, "received_at": _iso(m.received_at),
         "kind": m.kind, "state": m.state, "reason": m.reason, "participant": email}
        for m, email in rows
    ]


def status(session: Session) -> dict[str, Any]:
    kinds = dict(session.execute(select(IncomingMessage.kind, func.count()).group_by(IncomingMessage.kind)).all())
    states = dict(session.execute(select(IncomingMessage.state, func.count()).group_by(IncomingMessage.state)).all())
    people = dict(session.execute(select(Participant.status, func.count()).group_by(Participant.status)).all())
    outbox = dict(session.execute(select(OutboxMail.state, func.count()).group_by(OutboxMail.state)).all())
    heartbeat = session.get(KeyValue, "last_poll")
    return {
        "last_poll": heartbeat.value if heartbeat else None,
        "messages": {"total": sum(kinds.values()), "by_kind": kinds, "by_state": states},
        "participants": {s: people.get(s, 0) for s in STATUSES}
        | {k: v for k, v in people.items() if k not in STATUSES},
        "outbox": {"pending": outbox.get("pending", 0), "sent": outbox.get("sent", 0),
                   "failed": outbox.get("failed", 0), "unconfirmed": outbox.get("unconfirmed", 0),
                   "cancelled": outbox.get("cancelled", 0)},  # cancelled: to an address forgotten before sending
        "quarantined": states.get("quarantined", 0),
        "needs_human": states.get("needs_human", 0),
    }


PARTICIPANT_BASE_COLUMNS = ("email", "name", "organisation", "language", "status", "registered_at")


def participant_columns(questionnaire: Questionnaire) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The columns of every participant export: the participant's own fields, then one per question id."""
    return PARTICIPANT_BASE_COLUMNS, tuple(q.id for q in questionnaire.questions)


def participants(session: Session, questionnaire: Questionnaire,
                 status: str | None = None) -> list[dict[str, Any]]:
    """Every participant (or those with ``status``) with their current answers, as exported.

    Two plain queries rather than ORM objects: ten times faster for a large circle
    (5,000 participants: about 0.4 s instead of 5 s).
    """

    known = {q.id for q in questionnaire.questions}
    answers: dict[int, dict[str, Any]] = {}
    answer_query = select(Answer.participant_id, Answer.question_id, Answer.value).where(
        Answer.current.is_(True)).order_by(Answer.id)
    people = select(Participant.id, Participant.email, Participant.name, Participant.organisation,
                    Participant.language, Participant.status, Participant.registered_at
                    ).order_by(Participant.registered_at, Participant.id)
    if status:
        people = people.where(Participant.status == status)
        answer_query = answer_query.join(Participant, Participant.id == Answer.participant_id).where(
            Participant.status == status)
    for participant_id, question_id, value in session.execute(answer_query):
        if question_id in known:
            answers.setdefault(participant_id, {})[question_id] = value
    records = []
    for p in session.execute(people):
        given = answers.get(p.id, {})
        records.append({
            "email": p.email, "name": p.name, "organisation": p.organisation, "language": p.language,
            "status": p.status, "registered_at": _iso(p.registered_at),
            "answers": {q.id: given[q.id] for q in questionnaire.questions if q.id in given},
        })
    return records
