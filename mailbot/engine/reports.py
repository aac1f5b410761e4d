"""What the organiser and operator can ask of the database: participants, messages, status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.core.domain import Status
from mailbot.exports.files import participant_json
from mailbot.people.records import participant_records
from mailbot.store.models import IncomingMessage, KeyValue, OutboxMail, Participant

STATUSES = tuple(Status)


def _iso(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None


def messages(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(IncomingMessage, Participant.email).outerjoin(Participant,
                                                             Participant.id == IncomingMessage.participant_id)
        .order_by(IncomingMessage.id)
    ).all()
    return [
        {"message_id": m.message_id, "from": m.sender, "subject": m.subject, "received_at": _iso(m.received_at),
         "kind": m.kind, "state": m.state, "reason": m.reason, "participant": email,
         "authenticity": m.authenticity or "unknown",
         "findings": [f.get("kind", "") for f in (m.findings or []) if isinstance(f, dict)]}
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


def participants(session: Session, questionnaire: Questionnaire,
                 status: str | None = None) -> list[dict[str, Any]]:
    """Every participant (or those with ``status``) as ``export --format json`` gives them."""
    return [participant_json(r) for r in participant_records(session, questionnaire, status)]
