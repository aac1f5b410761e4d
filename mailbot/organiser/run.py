"""Carrying out the organiser's commands, in the transaction of her mail. Each returns one line for her reply.

The commands of one mail run in her order on one ``Desk``, and each sees what the ones before it did:
``aanmelden Sanne ...`` then ``afwezig sanne@... 2`` finds Sanne (participants are looked up through
the batch, which sees the ones not yet written). What goes out because of them waits for the end of
the mail: a questionnaire goes in the participant's language as it is after her ``taal``, and all
meeting changes of one mail form one preview that one "JA" confirms.

What she asks for explicitly is not rate-limited: the limit protects against loops with machines,
not against her. Registering someone sends them the questionnaire, naming her as the one who
registered them; withdrawing someone by command sends them nothing (she spoke to them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import Question, option_label
from mailbot.answers.values import Evidence, resolve
from mailbot.config import Organiser
from mailbot.conversation.questionnaire_mail import queue_questionnaire
from mailbot.core.domain import GONE, Attendance, Status
from mailbot.handlers import HandlerContext
from mailbot.handlers.attendance import record
from mailbot.handlers.record_answers import store_answers
from mailbot.handlers.status import answering_status, current_answers
from mailbot.meetings.model import Meeting
from mailbot.organiser.commands import Command
from mailbot.organiser.introductions import command as introduce
from mailbot.organiser.items import close, resolved_by
from mailbot.organiser.meeting_edits import Proposal, propose_add, propose_cancel, propose_move, set_recipients
from mailbot.people.identity import display_name
from mailbot.store.models import Item, Note, Participant
from mailbot.understand.references import mentioned

Line = dict[str, Any]


@dataclass
class Desk:
    """One mail's commands: what they did, and what waits for the end of the mail."""

    ctx: HandlerContext
    organiser: Organiser
    questionnaires: dict[str, tuple[Participant, bool]] = field(default_factory=dict)  # address: (who, registered)
    proposals: list[Proposal] = field(default_factory=list)
    overview: bool = False

    def find(self, address: str) -> Participant | None:
        return self.ctx.lookups.participant(address)


def execute(desk: Desk, command: Command) -> Line:
    line = _COMMANDS[command.verb](desk, command)
    closed = resolved_by(desk.ctx, command.verb, command.address) if command.address and \
        line.get("key") in _CHANGED else []
    return {**line, "closed": closed} if closed else line


def finish(desk: Desk) -> None:
    """The end of her mail: the questionnaires go out, in each participant's language as it is now."""
    ctx = desk.ctx
    for participant, registered in desk.questionnaires.values():
        if not ctx.outbox.suppressed(participant.email):
            queue_questionnaire(ctx.outbox, participant, counts_for_limit=False,
                                registered_by=desk.organiser.name if registered else "")


def _overview(desk: Desk, command: Command) -> Line:
    desk.overview = True
    return {"key": "overview_sent"}


def _register(desk: Desk, command: Command) -> Line:
    ctx = desk.ctx
    if ctx.outbox.suppressed(command.address):
        return {"key": "forgotten", "address": command.address}
    participant = desk.find(command.address)
    if participant is not None and participant.status not in GONE:
        return {"key": "already_registered", "address": command.address, "status": participant.status}
    language = command.language or ctx.config.programme.language
    if participant is None:
        name = display_name(command.name, command.address)
        participant = Participant(email=command.address, name=name, organisation="", language=language,
                                  status=Status.QUESTIONNAIRE_SENT, registered_at=ctx.now, updated_at=ctx.now)
        ctx.session.add(participant)
    else:
        participant.status = answering_status(ctx.config, participant)
        participant.language = command.language or participant.language
    desk.questionnaires[participant.email] = (participant, True)
    return {"key": "registered", "address": command.address, "name": participant.name,
            "language": participant.language}


def _withdraw(desk: Desk, command: Command) -> Line:
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    if participant.status == Status.WITHDRAWN:
        return {"key": "already_withdrawn", "address": command.address}
    participant.status = Status.WITHDRAWN
    participant.updated_at = desk.ctx.now
    desk.questionnaires.pop(participant.email, None)
    return {"key": "withdrawn", "address": command.address}


def _resend(desk: Desk, command: Command) -> Line:
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    if desk.ctx.outbox.suppressed(participant.email):
        return {"key": "forgotten", "address": command.address}
    desk.questionnaires.setdefault(participant.email, (participant, False))
    return {"key": "resent", "address": command.address}


def _note(desk: Desk, command: Command) -> Line:
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    participant.notes.append(Note(message=desk.ctx.row, source="organiser", text=command.text[:4000], flagged=False,
                                  created_at=desk.ctx.now))
    return {"key": "noted", "address": command.address}


def _attendance(desk: Desk, command: Command) -> Line:
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    meeting = meeting_named(desk.ctx, command.meeting)
    if meeting is None:
        return {"key": "unknown_meeting", "meeting": command.meeting}
    status = Attendance.DECLINED if command.verb == "absent" else Attendance.ACCEPTED
    record(desk.ctx, participant, meeting.id, status)
    return {"key": command.verb, "address": command.address, "meeting": meeting.id}


def _answer(desk: Desk, command: Command) -> Line:
    """Her answer for a participant, as if they had given it (the history keeps the earlier one)."""
    ctx = desk.ctx
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    questions = ctx.config.questionnaire.questions
    question = _question(questions, command.question)
    if question is None:
        return {"key": "question_unknown", "question": command.question, "count": len(questions)}
    lang = desk.organiser.language
    number = questions.index(question) + 1
    outcome = resolve(question, Evidence(typed=[command.text]), lang)
    if outcome.value is None or (question.type == "text" and not str(outcome.value).strip()):
        return {"key": "answer_unreadable", "value": command.text, "number": number, "question": question.text(lang),
                "options": [option_label(o, lang) for o in question.options]}
    before = current_answers(participant).get(question.id)
    store_answers(ctx, participant, {question.id: outcome.value})
    return {"key": "answer_set", "who": participant.name or participant.email, "address": participant.email,
            "number": number, "question": question.text(lang), "answer": describe_answer(question, outcome.value, lang),
            "before": describe_answer(question, before, lang) if before is not None else ""}  # type: ignore[arg-type]


def _question(questions: tuple[Question, ...], wanted: str) -> Question | None:
    if wanted.isdigit():
        return questions[int(wanted) - 1] if 1 <= int(wanted) <= len(questions) else None
    return next((q for q in questions if q.id == wanted.lower()), None)


def _language(desk: Desk, command: Command) -> Line:
    participant = desk.find(command.address)
    if participant is None:
        return {"key": "unknown_participant", "address": command.address}
    participant.language = command.language
    participant.updated_at = desk.ctx.now
    return {"key": "language_set", "address": command.address, "language": command.language}


def _briefing(desk: Desk, command: Command) -> Line:
    from mailbot.briefs.send import has_begun, queue_briefing  # heavy: only this command needs it

    ctx = desk.ctx
    meeting = meeting_named(ctx, command.meeting)
    if meeting is None or has_begun(meeting, ctx.now):
        return {"key": "briefing_unknown", "meeting": command.meeting}
    sent = queue_briefing(ctx.outbox, meeting, "organiser")
    others = [address for address in sent if address.lower() != ctx.mail.sender.lower()]
    return {"key": "briefing_sent", "meeting": meeting.in_language(desk.organiser.language).title, "others": others}


def _recipients(desk: Desk, command: Command) -> Line:
    meeting = meeting_named(desk.ctx, command.meeting)
    if meeting is None:
        return {"key": "unknown_meeting", "meeting": command.meeting}
    return set_recipients(desk.ctx, meeting, command.addresses)


def _move(desk: Desk, command: Command) -> Line:
    return _propose(desk, command, lambda meeting: propose_move(desk.ctx, meeting, command.text))


def _cancel(desk: Desk, command: Command) -> Line:
    return _propose(desk, command, lambda meeting: propose_cancel(desk.ctx, meeting))


def _propose(desk: Desk, command: Command,
             make: Callable[[Meeting], Proposal | Line]) -> Line:
    meeting = meeting_named(desk.ctx, command.meeting)
    if meeting is None:
        return {"key": "unknown_meeting", "meeting": command.meeting}
    return _proposed(desk, make(meeting))


def _add_meeting(desk: Desk, command: Command) -> Line:
    return _proposed(desk, propose_add(desk.ctx, command.text))


def _proposed(desk: Desk, found: Proposal | Line) -> Line:
    if isinstance(found, Proposal):
        desk.proposals.append(found)
        return {"key": "meeting_proposed"}  # shown in the preview, not as a line
    return found


def meeting_named(ctx: HandlerContext, text: str) -> Meeting | None:
    """A meeting by its id, its number in order of date ("2"), or words of its title, place or date."""
    meetings = ctx.config.meetings
    wanted = text.strip().lower().lstrip("#")
    by_id = [m for m in meetings if m.id.lower() == wanted]
    if by_id:
        return by_id[0]
    if re.fullmatch(r"\d{1,2}", wanted):
        ordered = sorted(meetings, key=lambda m: (m.start, m.id))
        number = int(wanted)
        return ordered[number - 1] if 1 <= number <= len(ordered) else None
    named = mentioned(text, meetings, ctx.config.timezone) if wanted else []
    return next((m for m in meetings if m.id == named[0]), None) if len(named) == 1 else None


def _done(desk: Desk, command: Command) -> Line:
    ctx = desk.ctx
    if not command.text.isdigit():
        return {"key": "item_unknown", "number": command.text}
    item = ctx.session.get(Item, int(command.text))
    if item is None:
        return {"key": "item_unknown", "number": command.text}
    close(ctx, item)
    return {"key": "item_closed", "number": item.id, "who": item.name or item.address}


def _help(desk: Desk, command: Command) -> Line:
    return {"key": "help"}


_COMMANDS: dict[str, Callable[[Desk, Command], Line]] = {
    "overview": _overview, "register": _register, "withdraw": _withdraw, "resend": _resend, "note": _note,
    "absent": _attendance, "present": _attendance, "answer": _answer, "language": _language, "done": _done,
    "briefing": _briefing, "recipients": _recipients, "move": _move, "cancel": _cancel, "add_meeting": _add_meeting,
    "help": _help,
    "introduce": lambda desk, c: introduce(desk.ctx, c), "introductions": lambda desk, c: introduce(desk.ctx, c)}
# lines that say a participant's record changed as she asked: the items it resolves close with it
_CHANGED = frozenset({"registered", "withdrawn", "resent", "absent", "present", "answer_set", "language_set"})


def keep_note(ctx: HandlerContext, words: str) -> str:
    """Her note, kept: on the participant it names (by address, or by a name only one participant has)."""
    participant = _named_participant(ctx, words)
    note = Note(message=ctx.row, source="organiser", text=words[:4000], flagged=True, created_at=ctx.now,
                participant=participant)
    ctx.session.add(note)
    return participant.name or participant.email if participant is not None else ""


def _named_participant(ctx: HandlerContext, words: str) -> Participant | None:
    for address in re.findall(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", words):
        found = ctx.lookups.participant(address)
        if found is not None:
            return found
    names = set(re.findall(r"\b([A-Z][a-zà-ÿ]{2,})\b", words))
    if not names:
        return None
    matches = [p for p in ctx.session.scalars(select(Participant).where(Participant.status.not_in(list(GONE))))
               if p.name and p.name.split()[0] in names]
    return matches[0] if len(matches) == 1 else None
