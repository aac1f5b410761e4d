"""Coming or not, per meeting: from plain mail (a finding) and from calendar buttons (an iTIP REPLY).

A decline stops that meeting's reminders only; "ik kan toch" reverses it. A written decline is
acknowledged, naming the meeting (so a wrong guess is easy to correct); a calendar button is
recorded silently, never answered, but whatever the person typed in it still reaches a person.
"""

from __future__ import annotations

from sqlalchemy import select

from mailbot.answers.questionnaire import ALL_MEETINGS
from mailbot.conversation.respond import MainMail
from mailbot.core.domain import Attendance as Presence
from mailbot.core.domain import MailKind
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.handlers.record_answers import store_answers
from mailbot.meetings.context import meeting_view
from mailbot.store.models import Attendance, Participant
from mailbot.understand import Found

RANK_ATTENDANCE = 30
PARTSTATS = {"ACCEPTED": Presence.ACCEPTED, "DECLINED": Presence.DECLINED, "TENTATIVE": Presence.TENTATIVE}


def record(ctx: HandlerContext, participant: Participant, meeting_id: str, status: Presence) -> None:
    row = None
    if participant.id is not None:
        row = ctx.session.scalar(select(Attendance).where(Attendance.participant_id == participant.id,
                                                          Attendance.meeting_id == meeting_id))
    if row is None:
        ctx.session.flush()
        row = Attendance(participant_id=participant.id, meeting_id=meeting_id, status=status, updated_at=ctx.now)
        ctx.session.add(row)
    row.status, row.updated_at = status, ctx.now
    ctx.session.flush()
    row.message_id = ctx.row.id


def declined_before(ctx: HandlerContext, participant: Participant) -> list[str]:
    if participant.id is None:
        return []
    return list(ctx.session.scalars(select(Attendance.meeting_id).where(
        Attendance.participant_id == participant.id, Attendance.status == Presence.DECLINED)))


def handle(ctx: HandlerContext, found: Found) -> Outcome:
    participant = ctx.participant
    if participant is None:
        return needs_human("attendance from someone who is not a participant")
    said: dict[str, str] = dict(found.data.get("meetings", {}))
    if "*declined" in said:  # "ik kan toch": what they declined before
        said.pop("*declined")
        for meeting_id in declined_before(ctx, participant):
            said.setdefault(meeting_id, Presence.ACCEPTED)
    known = {m.id: m for m in ctx.config.meetings}
    lang = ctx.response.language
    views: dict[str, list[dict[str, str]]] = {Presence.DECLINED: [], Presence.ACCEPTED: []}
    for meeting_id, status in said.items():
        if meeting_id not in known:
            continue
        record(ctx, participant, meeting_id, Presence(status))
        views.setdefault(status, []).append(meeting_view(known[meeting_id], ctx.config.timezone, lang))
    if not any(views.values()):
        return handled("attendance: nothing to change (no declined meeting to take back)")
    if views[Presence.DECLINED]:
        _not_all_meetings(ctx, participant)
    context = {"declined": views[Presence.DECLINED], "accepted": views[Presence.ACCEPTED],
               "guessed": bool(found.data.get("guessed"))}
    ctx.response.reply(MainMail(RANK_ATTENDANCE, MailKind.ATTENDANCE, "attendance_noted", context,
                                {"key": "attendance", **context}))
    summary = ", ".join(f"{m} {s}" for m, s in said.items() if m in known)
    return handled(f"attendance: {summary}")


def handle_calendar_reply(ctx: HandlerContext) -> Outcome:
    from mailbot.meetings.ics import meeting_id_from_uid, parse_calendar_reply  # icalendar is slow to import

    participant = ctx.participant
    replies = parse_calendar_reply(ctx.mail.calendar or b"")
    if participant is None or not replies:
        return handled("calendar reply: not for a participant's meeting; not answered")
    ctx.claim(participant)
    recorded = []
    for reply in replies:
        meeting_id = meeting_id_from_uid(reply.uid, ctx.config.programme.domain)
        status = PARTSTATS.get(reply.partstat.upper())
        if meeting_id and status and any(m.id == meeting_id for m in ctx.config.meetings):
            record(ctx, participant, meeting_id, status)
            recorded.append(f"{meeting_id} {status}")
    return handled("calendar reply: " + (", ".join(recorded) if recorded else "no known meeting") + "; not answered")


def _not_all_meetings(ctx: HandlerContext, participant: Participant) -> None:
    """Someone who misses a meeting cannot come to all of them: the questionnaire's answer says so too."""
    if ctx.config.questionnaire.get(ALL_MEETINGS) is None:
        return
    current = {a.question_id: a.value for a in participant.answers if a.current}
    if current.get(ALL_MEETINGS) is not False:
        store_answers(ctx, participant, {ALL_MEETINGS: False})
