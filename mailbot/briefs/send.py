"""Queueing a meeting's briefing: to the organisers and the meeting's ``briefing.to``, once, never late.

The outbox rows and the record that the briefing went out (``state`` row
``briefing:<meeting id>``) are written in one transaction; only after the commit does the
caller send (``App.drain``). The scheduled job sends a briefing ``days_before`` the meeting
unless one was recorded already; a request (the command, the organiser's mail) sends it again.
Nothing goes out once the meeting has begun.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.briefs.collect import brief_of
from mailbot.briefs.context import attachment_name, brief_context
from mailbot.config import Config
from mailbot.core.domain import MailKind
from mailbot.exports.files import participants_xlsx
from mailbot.mail.compose import Attachment
from mailbot.meetings.agenda import current
from mailbot.meetings.model import Meeting
from mailbot.outbox.queue import Outbox, new_outbox
from mailbot.store.db import Database, utcnow
from mailbot.store.models import Event, KeyValue, Participant
from mailbot.understand.references import mentioned
from mailbot.wording.templates import Rendered, Templates, base_context

log = logging.getLogger(__name__)
TEMPLATE = "briefing"
RECORD_PREFIX = "briefing:"
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str
    outside: bool = False  # not an organiser: sees only what people said themselves (no notes, no guesses)


@dataclass(frozen=True)
class BriefingResult:
    queued: bool
    message: str  # one line for the person or log that asked
    recipients: tuple[str, ...] = ()


def find_meeting(config: Config, text: str) -> Meeting | None:
    """A meeting by its id, its number in order of date ("2"), or words of its title, place or date."""
    wanted = text.strip().lower()
    by_id = [m for m in config.meetings if m.id.lower() == wanted]
    if by_id:
        return by_id[0]
    ordered = sorted(config.meetings, key=lambda m: (m.start, m.id))
    if wanted.isdigit():
        number = int(wanted)
        return ordered[number - 1] if 1 <= number <= len(ordered) else None
    named = mentioned(text, config.meetings, config.timezone) if wanted else []
    return next((m for m in ordered if m.id == named[0]), None) if len(named) == 1 else None


def has_begun(meeting: Meeting, now: datetime) -> bool:
    return _aware(now) >= meeting.start


def recipients(session: Session, config: Config, meeting_id: str) -> list[Recipient]:
    """The organisers in their own language, then the meeting's experts: in the language they use with us
    as participants, else the programme's."""
    out = [Recipient(o.name, o.email, o.language) for o in config.organisers]
    for address in config.briefing(meeting_id).to:
        if address.lower() in config.organiser_addresses:
            continue
        known = session.execute(select(Participant.name, Participant.language)
                                .where(func.lower(Participant.email) == address.lower())).first()
        out.append(Recipient(known.name if known else "", address, known.language if known else
                             config.programme.language, outside=True))
    return out


def render_briefing(session: Session, config: Config, templates: Templates, meeting: Meeting,
                    lang: str) -> Rendered:
    """The briefing as an organiser reading ``lang`` would get it, without queueing anything."""
    config = current(session, config)
    brief, _ = brief_of(session, config, meeting)
    context = brief_context(brief, config.questionnaire, config.timezone, lang)
    return templates.render(TEMPLATE, lang, base_context(config, config.organisers[0].name) | context)


def queue_briefing(outbox: Outbox, meeting: Meeting, trigger: str) -> tuple[str, ...]:
    """Queue the briefing for every recipient and record it, in the outbox's transaction.

    Experts outside the organisation get what people said themselves: not the organisers' notes, nor
    remarks meant for them, nor an organisation we only guessed from a mail address or signature.
    """
    session, now = outbox.session, outbox.now
    config = current(session, outbox.config)
    brief, records = brief_of(session, config, meeting)
    outside_brief, _ = brief_of(session, config, meeting, guesses=False)
    shared = [replace(r, notes=(), remarks=(), guessed_organisation="") for r in records]
    contexts: dict[tuple[str, bool], dict[str, object]] = {}
    files: dict[tuple[str, bool], tuple[Attachment, ...]] = {}
    sent = []
    for r in recipients(session, config, meeting.id):
        if outbox.suppressed(r.email):
            continue
        key = (r.language, r.outside)
        if key not in contexts:
            contexts[key] = brief_context(outside_brief if r.outside else brief, config.questionnaire,
                                          config.timezone, r.language)
            files[key] = (Attachment(attachment_name(meeting.id, r.language),
                                     participants_xlsx(shared, config, r.language), *XLSX),)
        outbox.queue(kind=MailKind.BRIEFING, template=TEMPLATE, to_address=r.email, to_name=r.name,
                     lang=r.language, context=contexts[key], counts_for_limit=False,
                     auto_submitted="auto-generated", attachments=files[key], meeting_id=meeting.id)
        sent.append(r.email)
    record = {"at": now.isoformat(timespec="seconds"), "trigger": trigger, "recipients": len(sent)}
    session.merge(KeyValue(key=RECORD_PREFIX + meeting.id, value=record))
    session.add(Event(at=now, what="briefing", detail=f"{meeting.id}: {trigger}, {len(sent)} recipient(s)"))
    log.info("briefing for %s queued (%s) for %d recipient(s)", meeting.id, trigger, len(sent))
    return tuple(sent)


def send_briefing(db: Database, config: Config, templates: Templates, meeting_text: str, *,
                  trigger: str = "command", now: datetime | None = None) -> BriefingResult:
    """The briefing of the meeting named, on request: again if it went out before, never once it began."""
    with db.read_session() as session:
        config = current(session, config)
    meeting = find_meeting(config, meeting_text)
    if meeting is None:
        known = ", ".join(m.id for m in config.meetings) or "none configured"
        return BriefingResult(False, f"no meeting {meeting_text!r} (meetings: {known})")
    now = now or utcnow()
    if has_begun(meeting, now):
        return BriefingResult(False, f"meeting {meeting.id} has begun or taken place: no briefing sent")
    with db.exclusive("briefing"), db.session() as session:
        sent = queue_briefing(new_outbox(session, config, templates, now), meeting, trigger)
    return BriefingResult(bool(sent), f"briefing for {meeting.id} queued for {', '.join(sent) or 'no one'}", sent)


def due(config: Config, now: datetime, recorded: set[str]) -> list[Meeting]:
    """Meetings whose briefing is due now: ``days_before`` or less ahead, not begun, none sent yet."""
    moment = _aware(now)
    return [m for m in sorted(config.meetings, key=lambda m: (m.start, m.id))
            if m.id not in recorded and not has_begun(m, moment)
            and moment >= m.start - timedelta(days=config.briefing(m.id).days_before)]


def recorded_briefings(session: Session) -> set[str]:
    keys = session.scalars(select(KeyValue.key).where(KeyValue.key.startswith(RECORD_PREFIX)))
    return {key[len(RECORD_PREFIX):] for key in keys}


def queue_due_briefings(db: Database, config: Config, templates: Templates,
                        now: datetime | None = None) -> list[str]:
    """The scheduled job's work: every briefing due and not yet sent, queued once. Returns the meeting ids."""
    now = now or utcnow()
    with db.exclusive("briefing"), db.session() as session:
        config = current(session, config)
        meetings = due(config, now, recorded_briefings(session))
        outbox = new_outbox(session, config, templates, now)
        for meeting in meetings:
            queue_briefing(outbox, meeting, "schedule")
    return [m.id for m in meetings]


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
