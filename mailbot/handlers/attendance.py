"""Attendance per meeting: "ik kan helaas niet" and calendar accept/decline buttons.

A decline is about one meeting, never a withdrawal from the circle. A calendar
reply is recorded silently (never answer a machine); a written decline gets one
short acknowledgement.
"""

from __future__ import annotations

from sqlalchemy import select

from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.meetings.schedule import next_meeting
from mailbot.store.db import aware
from mailbot.store.models import Attendance, OutboxMail, Participant

PARTSTATS = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative"}


def record(ctx: HandlerContext, participant: Participant, meeting_id: str, status: str) -> None:
    row = None
    if participant.id is not None:
        row = ctx.session.scalar(select(Attendance).where(Attendance.participant_id == participant.id,
                                                          Attendance.meeting_id == meeting_id))
    if row is None:
        ctx.session.flush()
        row = Attendance(participant_id=participant.id, meeting_id=meeting_id, status=status,
                         updated_at=ctx.now)
        ctx.session.add(row)
    row.status, row.updated_at = status, ctx.now
    ctx.session.flush()
    row.message_id = ctx.row.id


def _meeting_of_reply(ctx: HandlerContext) -> str | None:
    """The meeting of the reminder (or update) this answers, else the next meeting."""
    if ctx.mail.thread_ids:
        meeting_id = ctx.session.scalar(select(OutboxMail.meeting_id).where(
            OutboxMail.message_id.in_(ctx.mail.thread_ids), OutboxMail.meeting_id.is_not(None))
            .order_by(OutboxMail.id.desc()).limit(1))
        if meeting_id and any(m.id == meeting_id for m in ctx.config.meetings):
            return meeting_id
    upcoming = next_meeting(ctx.config.meetings, aware(ctx.now))
    return upcoming.id if upcoming else None


def handle_decline(ctx: HandlerContext) -> Outcome:
    participant = ctx.participant
    if participant is None:
        return needs_human("decline: sender is not a participant")
    ctx.row.participant = participant
    meeting_id = _meeting_of_reply(ctx)
    if meeting_id is None:
        return needs_human("decline: no meeting ahead to decline")
    record(ctx, participant, meeting_id, "declined")
    meeting = next(m for m in ctx.config.meetings if m.id == meeting_id)
    if not ctx.outbox.over_limit(participant.email) and not ctx.outbox.suppressed(participant.email):
        from mailbot.meetings.context import meeting_view

        ctx.outbox.queue(kind="attendance", template="attendance_noted", to_address=participant.email,
                         to_name=participant.name, lang=participant.language,
                         context={"meeting": meeting_view(meeting, ctx.config.timezone, participant.language)},
                         reply_to=ctx.mail, cause=ctx.row, participant=participant, meeting_id=meeting_id)
    return handled(f"decline: recorded for meeting {meeting_id}")


def handle_calendar_reply(ctx: HandlerContext) -> Outcome:
    from mailbot.meetings.ics import meeting_id_from_uid, parse_calendar_reply  # icalendar is slow to import

    participant = ctx.participant
    replies = parse_calendar_reply(ctx.mail.calendar or b"")
    if participant is None or not replies:
        return handled("calendar reply: not for a participant's meeting; not answered")
    ctx.row.participant = participant
    recorded = []
    for reply in replies:
        meeting_id = meeting_id_from_uid(reply.uid, ctx.config.programme.domain)
        status = PARTSTATS.get(reply.partstat.upper())
        if meeting_id and status and any(m.id == meeting_id for m in ctx.config.meetings):
            record(ctx, participant, meeting_id, status)
            recorded.append(f"{meeting_id} {status}")
    return handled("calendar reply: " + (", ".join(recorded) if recorded else "no known meeting") + "; not answered")
