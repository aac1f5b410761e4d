"""Reading what a briefing needs from storage: every participant's record and the questions raised by mail."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.briefs.compute import compute_brief
from mailbot.briefs.model import Brief, MailText
from mailbot.config import Config
from mailbot.matching.collect import circle_matches
from mailbot.meetings.model import Meeting
from mailbot.people.records import ParticipantRecord, participant_records
from mailbot.store.models import Item, Note, Participant

QUESTION = "question"  # a Note's source and an Item reason's kind for a question someone asked


def mail_questions(session: Session) -> list[MailText]:
    """Questions people raised by mail since they registered, oldest first; one question kept once
    (a question is both a participant's note and the organiser's open item)."""
    found: list[MailText] = []
    for participant_id, name, email, text, at, registered in session.execute(
            select(Note.participant_id, Participant.name, Participant.email, Note.text, Note.created_at,
                   Participant.registered_at)
            .join(Participant, Participant.id == Note.participant_id)
            .where(Note.source == QUESTION).order_by(Note.id)):
        if (text or "").strip() and at >= registered:
            found.append(MailText(participant_id, name or email, email, text.strip(), at))
    for item, registered in session.execute(
            select(Item, Participant.registered_at).outerjoin(Participant, Participant.id == Item.participant_id)
            .order_by(Item.id)):
        for reason in item.reasons or []:
            text = str(reason.get("text") or "").strip() if isinstance(reason, dict) else ""
            if reason_kind(reason) == QUESTION and text and (registered is None or item.created_at >= registered):
                found.append(MailText(item.participant_id, item.name or item.address, item.address, text,
                                      item.created_at))
    seen: set[tuple[str, str]] = set()
    unique = []
    for m in sorted(found, key=lambda m: m.at):
        key = (m.email.lower(), " ".join(m.text.split())[:200].lower())
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def reason_kind(reason: object) -> str:
    return str(reason.get("kind") or "") if isinstance(reason, dict) else ""


def brief_of(session: Session, config: Config, meeting: Meeting,
             guesses: bool = True) -> tuple[Brief, list[ParticipantRecord]]:
    """The meeting's briefing as storage stands now, and the records of the participants it lists;
    without ``guesses`` an organisation is only what people answered (for experts outside the organisation)."""
    records = participant_records(session, config.questionnaire)
    if not guesses:
        records = [replace(r, guessed_organisation="") for r in records]
    brief = compute_brief(meeting, config.briefing(meeting.id).themes, records, config.questionnaire,
                          config.meetings, mail_questions(session), config.timezone)
    brief = replace(brief, matches=circle_matches(session, config.questionnaire, records)
                    .among(a.id for a in brief.expected))
    listed = set(brief.xlsx_ids)
    return brief, [r for r in records if r.id in listed]
