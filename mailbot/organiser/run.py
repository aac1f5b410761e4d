"""Carrying out the organiser's commands, in the transaction of her mail. Each returns one line for her reply.

What she asks for explicitly is not rate-limited: the limit protects against loops with machines,
not against her. Registering someone sends them the questionnaire as if they had written;
withdrawing someone by command sends them nothing (she spoke to them).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from mailbot.conversation.questionnaire_mail import queue_questionnaire
from mailbot.core.domain import GONE, Attendance, Status
from mailbot.handlers import HandlerContext
from mailbot.handlers.attendance import record
from mailbot.handlers.status import answering_status
from mailbot.organiser.commands import Command
from mailbot.organiser.introductions import command as introduce
from mailbot.people.identity import display_name
from mailbot.store.models import Note, Participant
from mailbot.understand.references import mentioned

Line = dict[str, Any]


def find(ctx: HandlerContext, address: str) -> Participant | None:
    return ctx.session.scalar(select(Participant).where(func.lower(Participant.email) == address.lower()))


def execute(ctx: HandlerContext, command: Command) -> Line:
    return _COMMANDS[command.verb](ctx, command)


def _overview(ctx: HandlerContext, command: Command) -> Line:
    from mailbot.digest.send import queue_overview  # the digest is heavy to import; only this command needs it

    organiser = next(o for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender)
    queue_overview(ctx.outbox, ctx.config, organiser)
    return {"key": "overview_sent"}


def _register(ctx: HandlerContext, command: Command) -> Line:
    if ctx.outbox.suppressed(command.address):
        return {"key": "forgotten", "address": command.address}
    participant = find(ctx, command.address)
    if participant is not None and participant.status not in GONE:
        return {"key": "already_registered", "address": command.address, "status": participant.status}
    if participant is None:
        name = display_name(command.name, command.address)
        participant = Participant(email=command.address, name=name, organisation="",
                                  language=ctx.config.programme.language, status=Status.QUESTIONNAIRE_SENT,
                                  registered_at=ctx.now, updated_at=ctx.now)
        ctx.session.add(participant)
    else:
        participant.status = answering_status(ctx.config, participant)
    queue_questionnaire(ctx.outbox, participant, counts_for_limit=False)
    return {"key": "registered", "address": command.address, "name": participant.name}


def _withdraw(ctx: HandlerContext, command: Command) -> Line:
    participant = find(ctx, command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    if participant.status == Status.WITHDRAWN:
        return {"key": "already_withdrawn", "address": command.address}
    participant.status = Status.WITHDRAWN
    participant.updated_at = ctx.now
    return {"key": "withdrawn", "address": command.address}


def _resend(ctx: HandlerContext, command: Command) -> Line:
    participant = find(ctx, command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    if ctx.outbox.suppressed(participant.email):
        return {"key": "forgotten", "address": command.address}
    queue_questionnaire(ctx.outbox, participant, counts_for_limit=False)
    return {"key": "resent", "address": command.address}


def _note(ctx: HandlerContext, command: Command) -> Line:
    participant = find(ctx, command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    participant.notes.append(Note(message=ctx.row, source="organiser", text=command.text[:4000], flagged=False,
                                  created_at=ctx.now))
    return {"key": "noted", "address": command.address}


def _attendance(ctx: HandlerContext, command: Command) -> Line:
    participant = find(ctx, command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    meeting_id = meeting_named(ctx, command.text)
    if meeting_id is None:
        return {"key": "unknown_meeting", "meeting": command.text}
    status = Attendance.DECLINED if command.verb == "absent" else Attendance.ACCEPTED
    record(ctx, participant, meeting_id, status)
    return {"key": command.verb, "address": command.address, "meeting": meeting_id}


def meeting_named(ctx: HandlerContext, text: str) -> str | None:
    """A meeting by its id, its number ("2"), or words of its title, place or date."""
    meetings = ctx.config.meetings
    wanted = text.strip().lower()
    by_id = [m.id for m in meetings if m.id.lower() == wanted]
    if by_id:
        return by_id[0]
    if re.fullmatch(r"\d{1,2}", wanted):
        ordered = sorted(meetings, key=lambda m: m.start)
        number = int(wanted)
        return ordered[number - 1].id if 1 <= number <= len(ordered) else None
    named = mentioned(text, meetings, ctx.config.timezone)
    return named[0] if len(named) == 1 else None


def _done(ctx: HandlerContext, command: Command) -> Line:
    from mailbot.organiser.items import close
    from mailbot.store.models import Item

    if not command.text.isdigit():
        return {"key": "item_unknown", "number": command.text}
    item = ctx.session.get(Item, int(command.text))
    if item is None:
        return {"key": "item_unknown", "number": command.text}
    close(ctx, item)
    return {"key": "item_closed", "number": item.id, "who": item.name or item.address}


def _briefing(ctx: HandlerContext, command: Command) -> Line:
    from mailbot.briefs.send import find_meeting, has_begun, queue_briefing  # heavy: only this command needs it

    meeting = find_meeting(ctx.config, command.text)
    if meeting is None or has_begun(meeting, ctx.now):
        return {"key": "briefing_unknown", "meeting": command.text}
    sent = queue_briefing(ctx.outbox, meeting, "organiser")
    others = [address for address in sent if address.lower() != ctx.mail.sender.lower()]
    lang = next((o.language for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender.lower()),
                ctx.config.programme.language)
    return {"key": "briefing_sent", "meeting": meeting.in_language(lang).title, "others": others}


def _help(ctx: HandlerContext, command: Command) -> Line:
    return {"key": "help"}


_COMMANDS = {"overview": _overview, "register": _register, "withdraw": _withdraw, "resend": _resend, "note": _note,
             "absent": _attendance, "present": _attendance, "done": _done, "briefing": _briefing, "help": _help}
_COMMANDS |= {"introduce": introduce, "introductions": introduce}


def keep_note(ctx: HandlerContext, words: str) -> str:
    """Her note, kept: on the participant it names (by address, or by a name only one participant has)."""
    participant = _named_participant(ctx, words)
    note = Note(message=ctx.row, source="organiser", text=words[:4000], flagged=True, created_at=ctx.now,
                participant=participant)
    ctx.session.add(note)
    return participant.name or participant.email if participant is not None else ""


def _named_participant(ctx: HandlerContext, words: str) -> Participant | None:
    for address in re.findall(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", words):
        found = find(ctx, address)
        if found is not None:
            return found
    names = set(re.findall(r"\b([A-Z][a-zà-ÿ]{2,})\b", words))
    if not names:
        return None
    matches = [p for p in ctx.session.scalars(select(Participant).where(Participant.status.not_in(list(GONE))))
               if p.name and p.name.split()[0] in names]
    return matches[0] if len(matches) == 1 else None
