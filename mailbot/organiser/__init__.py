"""Mail from an organiser: she is never registered, never sent the questionnaire, never rate-limited, and her
mail is never taken for a loop (``rules.repeated``).

What her mail is, in this order:
    forged          the receiving server says it is not her: nothing happens, the organisers hear of it
    an answer       to a forward of ours (her reply-all): recorded, the item closed (``items``); or commands
                    about the person it forwarded ("antwoord 3 Groeiend")
    a yes or no     to something we asked her to confirm: an announcement, her meeting changes, commands,
                    answers for a colleague
    an announcement a subject "Aan alle deelnemers: ...": a preview first, sent after her "JA" (``announce``)
    commands        one per line, among her greeting and signature (``reading``, ``commands``, ``run``);
                    authenticated, or confirmed by a round-trip
    a note          anything else: kept and acknowledged, never lost (a mere "Dank je!" is no note: no answer)

Every mail of hers gets one reply saying what was done (when she asked for the overview, the overview is
that reply); only her reply-all to a participant gets none, unless ``organiser_receipts`` asks for it.
"""

from __future__ import annotations

import re

from mailbot.config import Organiser
from mailbot.conversation.actions import answered_action, close, decided_action, open_action
from mailbot.conversation.respond import finish
from mailbot.conversation.threads import thread_of
from mailbot.conversation.tokens import find_tokens, marked
from mailbot.core.domain import ActionKind, ActionState, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.mail.authresults import Authenticity
from mailbot.mail.split import split_body
from mailbot.meetings.change_review import apply_change, has_change
from mailbot.organiser import announce, introductions, items, meeting_edits, run
from mailbot.organiser.commands import Commands, parse_commands, parse_line
from mailbot.organiser.reading import her_lines
from mailbot.organiser.replies import (
    confirm_request,
    help_reply,
    overview_reply,
    previews_reply,
    reply_lines,
)
from mailbot.store.models import Action, Item
from mailbot.understand.confirmation import intent

_DONE = re.compile(r"^\s*(?:afgehandeld|done|klaar|handled)\s*#?\s*(\d+)?\s*[.!]?\s*$", re.IGNORECASE)
_ITEM_IN_SUBJECT = re.compile(r"#(\d+)\b")


def handle(ctx: HandlerContext) -> Outcome:
    organiser = _organiser(ctx)
    ctx.response.language = organiser.language
    ctx.response.counted = False
    if ctx.authenticity == Authenticity.FORGED:
        ctx.response.hand_over("forged", f"a mail in the name of {organiser.email} that the receiving server "
                                         f"marks as forged: {ctx.mail.subject} / {ctx.mail.new_text[:300]}")
        ctx.response.keep_silent("nothing: forged")
        _finish(ctx)
        return needs_human("forged mail in an organiser's name: nothing done, the organisers are told")
    thread = thread_of(ctx.session, ctx.mail)
    ours = [thread.body_text] if thread and thread.body_text else []
    own = split_body(ctx.mail.text, ours).new_text  # all she wrote, greeting and signature included
    item_id = thread.item_id if thread is not None and thread.kind == MailKind.FORWARD else None
    item = ctx.session.get(Item, item_id) if item_id is not None else None
    default_address = item.address if item is not None else ""
    question_ids = {q.id for q in ctx.config.questionnaire.questions}
    lines = list(her_lines(ctx.mail.text, ours, [organiser.name, ctx.mail.sender_name],
                           lambda line: parse_line(line, default_address, question_ids) is not None).lines)
    words = "\n".join(lines)  # her own lines, without greeting and signature
    done = _DONE.match(lines[0]) if len(lines) == 1 else None
    asked = [thread.action_id] if thread and thread.action_id else []
    tokens = find_tokens(ctx.mail.subject, ctx.mail.text)
    if item_id is not None:
        commands = parse_commands(lines, default_address, question_ids)
        if item is not None and done is None and commands.commands and not commands.unknown and not commands.other:
            outcome = _run(ctx, commands, forwarded=item)
        else:
            outcome = items.answer(ctx, item_id, own, closing_only=done is not None)
    elif (action := answered_action(ctx.session, ctx.mail.sender, asked, tokens, ctx.now)) is not None:
        outcome = _decide(ctx, action, intent(words or own))
    elif len(lines) <= 2 and (said := intent(words or own)) != "unclear" and (
            late := decided_action(ctx.session, ctx.mail.sender, asked, tokens)) is not None:
        outcome = _already_decided(ctx, late, said)
    elif (wanted := announce.wanted(ctx.mail.subject, ctx.config)) is not None:
        outcome = announce.preview(ctx, wanted)
    elif done is not None or _DONE.match(ctx.mail.subject.split(":", 1)[-1]):
        number = (done.group(1) if done else None) or _number(ctx.mail.subject)
        outcome = items.close_by_number(ctx, int(number)) if number else _note(ctx, words or own)
    elif not lines and own.strip():  # only courtesy: "Dank je!", her name
        outcome = handled("organiser: thanks or a greeting only; nothing to do, nothing to answer")
    else:
        outcome = _commands_or_note(ctx, parse_commands(lines, question_ids=question_ids), words or own)
    _finish(ctx)
    return outcome


def _organiser(ctx: HandlerContext) -> Organiser:
    return next(o for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender)


def _number(text: str) -> str | None:
    found = _ITEM_IN_SUBJECT.search(text)
    return found.group(1) if found else None


def _commands_or_note(ctx: HandlerContext, commands: Commands, words: str) -> Outcome:
    if not commands.any:
        return _note(ctx, words)
    if not commands.commands:
        ctx.response.reply(help_reply(unknown=commands.unknown))
        return handled(f"organiser: {len(commands.unknown)} line(s) not understood; help sent, nothing changed")
    if all(c.verb == "help" for c in commands.commands) and not (commands.unknown or commands.other):
        ctx.response.reply(help_reply())
        return handled("organiser: help sent")
    if ctx.authenticity != Authenticity.AUTHENTICATED:
        action = open_action(ctx.session, ActionKind.ORGANISER_COMMANDS, ctx.mail.sender, ctx.now,
                             {"lines": [c.line for c in commands.commands]}, cause=ctx.row)
        ctx.response.reply(confirm_request(commands.commands, marked(action.token), commands.unknown, commands.other))
        ctx.response.confirming = action
        return handled("organiser: commands from an address we could not authenticate; asked her to confirm")
    return _run(ctx, commands)


def _run(ctx: HandlerContext, commands: Commands, forwarded: Item | None = None) -> Outcome:
    """Her commands, in her order, each seeing what the ones before it did; one reply tells all."""
    organiser = _organiser(ctx)
    desk = run.Desk(ctx, organiser)
    lines = [run.execute(desk, command) for command in commands.commands]
    run.finish(desk)
    if forwarded is not None and forwarded.state != "closed" and any(
            c.address == forwarded.address.lower() for c in commands.commands):
        items.close(ctx, forwarded, "\n".join(c.line for c in commands.commands))
        lines.append({"key": "item_closed", "number": forwarded.id, "who": forwarded.name or forwarded.address})
    if desk.proposals:
        _preview_meeting_changes(ctx, desk, lines, commands)
    elif desk.overview:
        _overview_as_reply(ctx, organiser, lines, commands)
    else:
        # a preview in it (introductions) waits for her yes: the reply carries its reference
        ctx.response.reply(reply_lines(lines, unknown=commands.unknown, other=commands.other,
                                       asking=ctx.response.confirming))
    summary = "; ".join(f"{c.verb} {c.address or c.meeting or c.text}".strip() for c in commands.commands)
    left = len(commands.unknown) + len(commands.other)
    return handled(f"organiser: {summary}" + (f"; {left} other line(s) reported back to her" if left else ""))


def _preview_meeting_changes(ctx: HandlerContext, desk: run.Desk, lines: list[run.Line], commands: Commands) -> None:
    """Her meeting changes wait for her "JA": one action for all of them, shown in her reply."""
    from mailbot.digest.send import queue_overview  # the digest is heavy to import; only this needs it

    ctx.session.flush()  # the edits' ids: the action names them
    action = open_action(ctx.session, ActionKind.MEETING_EDIT, ctx.mail.sender, ctx.now,
                         meeting_edits.payload(desk.proposals), cause=ctx.row)
    previews = [meeting_edits.preview(ctx, p, desk.organiser.language) for p in desk.proposals]
    if desk.overview:  # the preview carries the "JA" reference: the overview is the one mail that goes apart
        queue_overview(ctx.outbox, ctx.config, desk.organiser)
    ctx.response.reply(previews_reply([line for line in lines if line.get("key") != "overview_sent"] +
                                      ([{"key": "overview_sent"}] if desk.overview else []),
                                      previews, marked(action.token), commands.unknown, commands.other))
    ctx.response.confirming = action


def _overview_as_reply(ctx: HandlerContext, organiser: Organiser, lines: list[run.Line], commands: Commands) -> None:
    """The overview she asked for is her reply; what else her mail did stands above it."""
    from mailbot.digest.send import overview  # the digest is heavy to import; only this command needs it

    shown = [line for line in lines if line.get("key") not in ("overview_sent", "help")]
    shown += [{"key": "not_a_command", "line": line} for line in [*commands.unknown, *commands.other]]
    context, attachments = overview(ctx.outbox, ctx.config, organiser)
    text = ctx.templates.render_one("_organiser_lines.txt", organiser.language, {"lines": shown}) or ""
    ctx.response.reply(overview_reply(context, _entries(text), attachments))


def _entries(text: str) -> list[str]:
    """The rendered lines as entries: each starts with "- ", continuation lines join the entry above."""
    entries: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            entries.append(line)
        elif line.strip() and entries:
            entries[-1] += " " + line.strip()
    return entries


def _decide(ctx: HandlerContext, action: Action, said: str) -> Outcome:
    if said == "no":
        close(action, ActionState.DECLINED, ctx.now)
        if action.kind == ActionKind.MEETING_EDIT:
            meeting_edits.decline(ctx, action)
        ctx.response.reply(reply_lines([_cancelled(action.kind)]))
        return handled(f"organiser: {action.kind} cancelled")
    if said != "yes":
        ctx.response.reply(reply_lines([{"key": "unclear", "reference": marked(action.token)}]))
        ctx.response.confirming = action
        return handled(f"organiser: no clear yes or no for the {action.kind}; still open")
    if action.kind == ActionKind.ANNOUNCEMENT:
        return announce.send(ctx, action)
    if action.kind == ActionKind.MEETING_CHANGE:
        return _meeting_change(ctx, action)
    if action.kind == ActionKind.INTRODUCTIONS:
        return introductions.send(ctx, action)
    if action.kind == ActionKind.MEETING_EDIT:
        ctx.response.reply(reply_lines(meeting_edits.apply(ctx, action)))
        return handled("organiser: her meeting change(s) confirmed")
    if action.kind == ActionKind.ORGANISER_COMMANDS:
        close(action, ActionState.DONE, ctx.now)
        question_ids = {q.id for q in ctx.config.questionnaire.questions}
        found = [c for line in action.payload.get("lines", []) if (c := parse_line(line, "", question_ids))]
        return _run(ctx, Commands(found))
    close(action, ActionState.DONE, ctx.now)
    return handled(f"organiser: {action.kind} confirmed")


def _meeting_change(ctx: HandlerContext, action: Action) -> Outcome:
    """Her yes to a meeting change: participants are told now, if the configuration still says what she saw."""
    meeting = str(action.payload.get("meeting"))
    title = next((m.title for m in ctx.config.meetings if m.id == meeting), meeting)
    count = apply_change(ctx.session, ctx.config, ctx.outbox, ctx.now, meeting, action.payload.get("target"))
    if count is None:
        close(action, ActionState.EXPIRED, ctx.now)
        again = has_change(ctx.session, ctx.config, ctx.now, meeting)
        ctx.response.reply(reply_lines([{"key": "meeting_change_outdated", "meeting": title, "again": again}]))
        return handled(f"organiser: the change of meeting {meeting} is outdated; nothing sent")
    close(action, ActionState.DONE, ctx.now)
    ctx.response.reply(reply_lines([{"key": "meeting_change_sent", "meeting": title, "count": count}]))
    return handled(f"organiser: meeting change of {meeting} confirmed, {count} participant(s) told")


def _already_decided(ctx: HandlerContext, action: Action, said: str) -> Outcome:
    """Her JA or NEE to something decided already (by her earlier answer, the operator, or time): nothing again."""
    ctx.response.reply(reply_lines([{"key": "already_decided", "what": action.kind, "state": action.state,
                                     "when": action.decided_at.strftime("%d-%m-%Y %H:%M") if action.decided_at
                                     else ""}]))
    return handled(f"organiser: a late {said} to the {action.kind}, {action.state} already; nothing done")


def _cancelled(kind: str) -> dict[str, str]:
    return {"key": "cancelled", "what": kind}


def _note(ctx: HandlerContext, words: str) -> Outcome:
    about = run.keep_note(ctx, words)
    ctx.response.reply(reply_lines([{"key": "note_kept", "about": about}]))
    return handled("organiser: note kept" + (f" with {about}" if about else ""))


def _finish(ctx: HandlerContext) -> None:
    organiser = next((o for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender), None)
    finish(ctx.response, outbox=ctx.outbox, config=ctx.config, mail=ctx.mail, row=ctx.row, participant=None,
           name=organiser.name if organiser is not None else ctx.mail.sender_name)

