"""An announcement: the organiser's message to every participant, sent only after she saw it and said yes.

Her mail with a subject "Aan alle deelnemers: ..." / "To all participants: ..." (or "Aan deelnemers
van <bijeenkomst>: ..." for those expected at one meeting) is not sent on. She gets a preview: the
exact text, the attachments, and who would get it. Her "JA" queues one mail per recipient, in one
transaction with the action's end, so each gets it exactly once whatever crashes; "NEE", or no
answer within a week, cancels it. Each goes out individually (no list of addresses), From the
programme address, so that answers come back to us and are read like any participant's mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from mailbot.config import Config
from mailbot.conversation.actions import close, open_action
from mailbot.conversation.respond import MainMail, original_attachments
from mailbot.conversation.tokens import marked
from mailbot.core.domain import ACTIVE, ActionKind, ActionState, Attendance, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.mail.compose import Attachment
from mailbot.organiser.replies import reply_lines
from mailbot.store.models import Action, IncomingMessage, Participant
from mailbot.store.models import Attendance as AttendanceRow
from mailbot.understand.references import mentioned

_ALL = re.compile(r"^\s*(?:aan alle deelnemers|to all participants)\s*:\s*(.*)$", re.IGNORECASE)
_MEETING = re.compile(r"^\s*(?:aan (?:de )?deelnemers van|to (?:the )?participants of)\s+(.+?)\s*:\s*(.*)$",
                      re.IGNORECASE)
RANK = 10


@dataclass(frozen=True)
class Wanted:
    subject: str  # the subject participants see (the prefix taken off)
    meeting_id: str | None  # only those expected at this meeting


def wanted(subject: str, config: Config) -> Wanted | None:
    """What her subject asks for, if it asks for an announcement."""
    if (match := _ALL.match(subject)) is not None:
        return Wanted(match.group(1).strip(), None)
    if (match := _MEETING.match(subject)) is not None:
        named = mentioned(match.group(1), config.meetings, config.timezone)
        ids = [m.id for m in config.meetings if m.id.lower() == match.group(1).strip().lower()] or named
        if len(ids) == 1:
            return Wanted(match.group(2).strip(), ids[0])
    return None


def recipients(ctx: HandlerContext, meeting_id: str | None) -> list[Participant]:
    """Active participants; for one meeting, those not known to stay away from it."""
    people = list(ctx.session.scalars(select(Participant).where(Participant.status.in_(list(ACTIVE)))
                                      .order_by(Participant.name, Participant.email)))
    people = [p for p in people if not ctx.outbox.suppressed(p.email)]
    if meeting_id is None:
        return people
    away = set(ctx.session.scalars(select(AttendanceRow.participant_id).where(
        AttendanceRow.meeting_id == meeting_id, AttendanceRow.status == Attendance.DECLINED)))
    return [p for p in people if p.id not in away]


def preview(ctx: HandlerContext, want: Wanted) -> Outcome:
    people = recipients(ctx, want.meeting_id)
    files = original_attachments(ctx.row.raw)
    ctx.session.flush()  # her message's id: the attachments are read from it when she says yes
    action = open_action(ctx.session, ActionKind.ANNOUNCEMENT, ctx.mail.sender, ctx.now, {
        "subject": want.subject, "text": ctx.mail.text, "message": ctx.row.id, "meeting": want.meeting_id,
        "recipients": [p.id for p in people]}, cause=ctx.row)
    ctx.response.reply(MainMail(RANK, MailKind.CONFIRM_REQUEST, "announcement_preview", {
        "subject": want.subject, "text": ctx.mail.text, "attachments": [f.filename for f in files],
        "recipients": [{"name": p.name, "email": p.email} for p in people], "count": len(people),
        "meeting": want.meeting_id, "reference": marked(action.token), "valid_days": 7}))
    ctx.response.confirming = action
    return handled(f"announcement: preview to the organiser, {len(people)} recipient(s); waits for her yes")


def send(ctx: HandlerContext, action: Action) -> Outcome:
    payload = dict(action.payload)
    source = ctx.session.get(IncomingMessage, payload.get("message"))
    files: tuple[Attachment, ...] = original_attachments(source.raw if source is not None else None)
    wanted_ids = set(payload.get("recipients", []))
    people = [p for p in recipients(ctx, payload.get("meeting")) if p.id in wanted_ids]
    for person in people:
        ctx.outbox.queue(kind=MailKind.ANNOUNCEMENT, template="announcement", to_address=person.email,
                         to_name=person.name, lang=person.language, counts_for_limit=False, participant=person,
                         auto_submitted="auto-generated", attachments=files, subject=str(payload.get("subject")),
                         context={"text": payload.get("text", "")}, meeting_id=payload.get("meeting"))
    close(action, ActionState.DONE, ctx.now)
    left = len(wanted_ids) - len(people)
    ctx.response.reply(reply_lines([{"key": "announcement_sent", "count": len(people), "left": left}]))
    return handled(f"announcement confirmed: queued for {len(people)} participant(s)")
