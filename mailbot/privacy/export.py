"""Everything we hold about one person, as plain data for JSON: the answer to an access request (AVG art. 15).

Messages are given as readable text decoded from the stored raw mail (its
headers and text, not base64 bytes): that is what a person can check. Where the
raw mail is already gone (retention), the stored excerpt is given instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import Questionnaire
from mailbot.mail.parse import MalformedMail, parse_mail
from mailbot.outbox.queue import address_hash
from mailbot.privacy.forget import normalise
from mailbot.store.models import (
    Attendance,
    IncomingMessage,
    MeetingNotice,
    OutboxMail,
    Participant,
    ReminderSent,
    Suppression,
)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None


def person_export(session: Session, email: str, questionnaire: Questionnaire, now: datetime) -> dict[str, Any] | None:
    """What we hold about ``email``; None when we hold nothing at all."""
    address = normalise(email)
    participant = session.scalar(select(Participant).where(Participant.email == address))
    from_them = IncomingMessage.sender == address
    to_them = OutboxMail.recipient == address
    if participant is not None:
        from_them = or_(from_them, IncomingMessage.participant_id == participant.id)
        to_them = or_(to_them, OutboxMail.participant_id == participant.id)
    messages = list(session.scalars(select(IncomingMessage).where(from_them).order_by(IncomingMessage.id)))
    outbox = list(session.scalars(select(OutboxMail).where(to_them).order_by(OutboxMail.id)))
    suppression = session.get(Suppression, address_hash(address))
    if participant is None and not messages and not outbox and suppression is None:
        return None
    return {
        "address": address,
        "exported_at": _iso(now),
        "suppressed_since": _iso(suppression.created_at) if suppression else None,
        "participant": _participant(session, participant, questionnaire) if participant else None,
        "messages": [_message(m) for m in messages],
        "outbox": [_outbox_mail(m) for m in outbox],
    }


def _participant(session: Session, p: Participant, questionnaire: Questionnaire) -> dict[str, Any]:
    def question(question_id: str) -> str | None:
        found = questionnaire.get(question_id)
        return found.text(p.language) if found else None

    pid = p.id
    return {
        "email": p.email, "name": p.name, "organisation": p.organisation, "language": p.language,
        "status": p.status, "registered_at": _iso(p.registered_at),
        "questionnaire_sent_at": _iso(p.questionnaire_sent_at), "updated_at": _iso(p.updated_at),
        "answers": [{"question_id": a.question_id, "question": question(a.question_id), "value": a.value,
                     "current": a.current, "at": _iso(a.created_at)} for a in p.answers],
        "notes": [{"source": n.source, "text": n.text, "flagged": n.flagged, "at": _iso(n.created_at)}
                  for n in p.notes],
        "attendance": [{"meeting_id": a.meeting_id, "status": a.status, "at": _iso(a.updated_at)}
                       for a in session.scalars(select(Attendance).where(Attendance.participant_id == pid)
                                                .order_by(Attendance.id))],
        "reminders": [{"meeting_id": r.meeting_id, "before": r.offset_key, "due_at": _iso(r.due_at),
                       "outcome": r.outcome}
                      for r in session.scalars(select(ReminderSent).where(ReminderSent.participant_id == pid)
                                               .order_by(ReminderSent.id))],
        "meeting_notices": [{"meeting_id": n.meeting_id, "kind": n.kind, "sequence": n.sequence,
                             "at": _iso(n.created_at)}
                            for n in session.scalars(select(MeetingNotice).where(MeetingNotice.participant_id == pid)
                                                     .order_by(MeetingNotice.id))],
    }


def _message(m: IncomingMessage) -> dict[str, Any]:
    record: dict[str, Any] = {
        "message_id": m.message_id, "from": m.sender, "from_name": m.sender_name, "subject": m.subject,
        "sent": _iso(m.sent_date), "received_at": _iso(m.received_at), "kind": m.kind, "state": m.state,
        "raw_mail_kept": m.raw is not None, "text": m.excerpt,
    }
    if m.raw is not None:
        try:
            mail = parse_mail(m.raw)
        except MalformedMail:
            return record
        record["to"] = list(mail.recipients)
        record["text"] = mail.text
    return record


def _outbox_mail(m: OutboxMail) -> dict[str, Any]:
    return {"kind": m.kind, "subject": m.subject, "created_at": _iso(m.created_at), "sent_at": _iso(m.sent_at),
            "state": m.state, "text": m.body_text}
