"""Her meetings by mail: add, move or cancel one (a preview, then her "JA"), and who gets its briefing.

``verplaats``, ``annuleer`` and ``nieuwe bijeenkomst`` are proposals: each becomes a ``MeetingEdit``
in state *proposed*, and her reply shows, per change, what changes (old and new), who would hear of
it and the mail as they would get it, as a change of config.yaml does (``meetings.change_review``).
Her "JA" applies them: the edit counts from then on (``meetings.edits``: laid over the file's version)
and participants get the same update or cancellation, with a calendar file, as after a config edit.
A proposal whose meeting changed in between (the operator edited it in the file, or she changed it
again) is not applied: she is told, and nothing goes out. ``ontvangers`` mails no participant and
holds at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mailbot.conversation.actions import close
from mailbot.core.domain import ActionState
from mailbot.handlers import HandlerContext
from mailbot.meetings.agenda import MEETINGS_CHANGED, current
from mailbot.meetings.change_review import apply_change, preview_context, remember, who_hears
from mailbot.meetings.changes import ChangeKind, MeetingChange
from mailbot.meetings.context import meeting_view
from mailbot.meetings.edits import EditKind, EditState, file_base, recipients_base
from mailbot.meetings.model import Meeting, from_snapshot, snapshot
from mailbot.organiser.meeting_words import Unreadable, added, moved
from mailbot.store.db import aware
from mailbot.store.models import Action, MeetingEdit, MeetingState

Line = dict[str, Any]


@dataclass(frozen=True)
class Proposal:
    edit: MeetingEdit
    change: MeetingChange | None  # None for a meeting added


def _file_version(ctx: HandlerContext, meeting_id: str) -> Meeting | None:
    config = ctx.config
    file = config.file_meetings if config.file_meetings is not None else config.meetings
    return next((m for m in file if m.id == meeting_id), None)


def propose_move(ctx: HandlerContext, meeting: Meeting, words: str) -> Proposal | Line:
    new = moved(meeting, words, ctx.config.timezone, aware(ctx.now))
    if isinstance(new, Unreadable):
        return {"key": "meeting_words_unreadable", "why": new.why, "line": words, "meeting": meeting.title}
    if new.fingerprint() == meeting.fingerprint():
        return {"key": "meeting_unchanged", "meeting": meeting.title}
    edit = _edit(ctx, meeting.id, EditKind.CHANGE, new)
    return Proposal(edit, MeetingChange(ChangeKind.UPDATE, meeting.id, meeting, new))


def propose_cancel(ctx: HandlerContext, meeting: Meeting) -> Proposal:
    edit = _edit(ctx, meeting.id, EditKind.CANCEL, None)
    return Proposal(edit, MeetingChange(ChangeKind.CANCEL, meeting.id, meeting, None))


def propose_add(ctx: HandlerContext, words: str) -> Proposal | Line:
    taken = {m.id for m in ctx.config.meetings} | set(ctx.session.scalars(select(MeetingState.meeting_id))) \
        | set(ctx.session.scalars(select(MeetingEdit.meeting_id)))
    number = next(n for n in range(len(taken) + 1, len(taken) + 1000) if f"m{n}" not in taken)
    new = added(f"m{number}", words, ctx.config.timezone, aware(ctx.now), len(ctx.config.meetings) + 1)
    if isinstance(new, Unreadable):
        return {"key": "meeting_words_unreadable", "why": new.why, "line": words, "meeting": ""}
    return Proposal(_edit(ctx, new.id, EditKind.ADD, new), None)


def _edit(ctx: HandlerContext, meeting_id: str, kind: EditKind, meeting: Meeting | None) -> MeetingEdit:
    base = file_base(_file_version(ctx, meeting_id)) if kind != EditKind.ADD else ""
    edit = MeetingEdit(meeting_id=meeting_id, kind=kind, meeting=snapshot(meeting) if meeting else None,
                       base=base, state=EditState.PROPOSED, made_by=ctx.mail.sender, created_at=ctx.now)
    ctx.session.add(edit)
    return edit


def preview(ctx: HandlerContext, proposal: Proposal, lang: str) -> dict[str, Any]:
    """One change as her reply shows it, before anyone hears of it."""
    if proposal.change is None:
        assert proposal.edit.meeting is not None
        shown = from_snapshot(proposal.edit.meeting)
        return {"change": "add", "meeting": meeting_view(shown, ctx.config.timezone, lang), "lines": [],
                "previous_when": "", "count": 0, "recipients": [], "mail_subject": "", "mail_text": ""}
    people = who_hears(ctx.session, ctx.outbox, proposal.change.meeting_id)
    return preview_context(ctx.config, ctx.templates, proposal.change, people, lang)


def payload(proposals: list[Proposal]) -> dict[str, Any]:
    """What her "JA" confirms: these edits, each for the meeting as it was when she saw the preview."""
    ctx_edits = [{"id": p.edit.id, "meeting": p.edit.meeting_id,
                  "was": p.change.old.fingerprint() if p.change is not None else ""} for p in proposals]
    return {"edits": ctx_edits}


def apply(ctx: HandlerContext, action: Action) -> list[Line]:
    """Her yes: each proposal that still fits holds from now on, and whoever heard of the meeting is told."""
    lines: list[Line] = []
    applied: list[MeetingEdit] = []
    now_meetings = {m.id: m for m in ctx.config.meetings}
    for wanted in action.payload.get("edits", []):
        edit = ctx.session.get(MeetingEdit, wanted.get("id"))
        if edit is None or edit.state != EditState.PROPOSED:
            continue
        file_now = file_base(_file_version(ctx, edit.meeting_id)) if edit.kind != EditKind.ADD else ""
        was = now_meetings.get(edit.meeting_id)
        if edit.base != file_now or (was.fingerprint() if was is not None else "") != wanted.get("was", ""):
            edit.state, edit.decided_at = EditState.DECLINED, ctx.now
            lines.append({"key": "meeting_edit_outdated", "meeting": _title(edit, was)})
            continue
        edit.state, edit.decided_at = EditState.APPLIED, ctx.now
        applied.append(edit)
    close(action, ActionState.DONE, ctx.now)
    if not applied:
        return lines
    ctx.session.flush()
    ctx.session.info[MEETINGS_CHANGED] = True
    config = current(ctx.session, ctx.config)
    for edit in applied:
        meeting = from_snapshot(edit.meeting) if edit.meeting else now_meetings.get(edit.meeting_id)
        if edit.kind == EditKind.ADD and meeting is not None:
            remember(ctx.session, meeting, ctx.now)
            lines.append({"key": "meeting_added", "meeting": meeting.title})
            continue
        count = apply_change(ctx.session, config, ctx.outbox, aware(ctx.now), edit.meeting_id)
        lines.append({"key": "meeting_edit_applied", "kind": edit.kind, "count": count or 0,
                      "meeting": meeting.title if meeting is not None else edit.meeting_id})
    return lines


def decline(ctx: HandlerContext, action: Action) -> None:
    for wanted in action.payload.get("edits", []):
        edit = ctx.session.get(MeetingEdit, wanted.get("id"))
        if edit is not None and edit.state == EditState.PROPOSED:
            edit.state, edit.decided_at = EditState.DECLINED, ctx.now


def set_recipients(ctx: HandlerContext, meeting: Meeting, addresses: tuple[str, ...]) -> Line:
    """Who gets the meeting's briefing besides the organisers: holds at once (no participant hears of it)."""
    config = ctx.config
    file = config.file_briefings if config.file_briefings is not None else config.briefings
    base = recipients_base(file[meeting.id].to if meeting.id in file else ())
    ctx.session.add(MeetingEdit(meeting_id=meeting.id, kind=EditKind.RECIPIENTS, recipients=list(addresses),
                                base=base, state=EditState.APPLIED, made_by=ctx.mail.sender, created_at=ctx.now,
                                decided_at=ctx.now))
    ctx.session.flush()
    ctx.session.info[MEETINGS_CHANGED] = True
    return {"key": "recipients_set", "meeting": meeting.title, "addresses": list(addresses),
            "days_before": config.briefing(meeting.id).days_before}


def _title(edit: MeetingEdit, was: Meeting | None) -> str:
    if edit.meeting:
        return str(edit.meeting.get("title", edit.meeting_id))
    return was.title if was is not None else edit.meeting_id
