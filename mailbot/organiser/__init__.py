"""Mail from an organiser: she is never registered, never sent the questionnaire, never rate-limited.

What her mail is, in this order:
    forged          the receiving server says it is not her: nothing happens, the organisers hear of it
    an answer       to a forward of ours (her reply-all): recorded, the item closed (``items``)
    a yes or no     to something we asked her to confirm: an announcement, commands, answers for a colleague
    an announcement a subject "Aan alle deelnemers: ...": a preview first, sent after her "JA" (``announce``)
    commands        one per line (``commands``, ``run``); authenticated, or confirmed by a round-trip
    a note          anything else: kept and acknowledged, never lost

Every mail of hers gets one short reply saying what was done.
"""

from __future__ import annotations

import re

from mailbot.conversation.actions import answered_action, close, decided_action, open_action
from mailbot.conversation.respond import finish
from mailbot.conversation.threads import thread_of
from mailbot.conversation.tokens import find_tokens, marked
from mailbot.core.domain import ActionKind, ActionState, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.mail.authresults import Authenticity
from mailbot.mail.split import split_body
from mailbot.meetings.change_review import apply_change, has_change
from mailbot.organiser import announce, introductions, items, run
from mailbot.organiser.commands import Command, looks_like_a_command, parse_commands, parse_line
from mailbot.organiser.replies import confirm_request, help_reply, reply_lines
from mailbot.store.models import Action
from mailbot.understand.confirmation import intent
from mailbot.understand.phrases import is_greeting, is_thanks

_DONE = re.compile(r"^\s*(?:afgehandeld|done|klaar|handled)\s*#?\s*(\d+)?\s*$", re.IGNORECASE)
_ITEM_IN_SUBJECT = re.compile(r"#(\d+)\b")


def handle(ctx: HandlerContext) -> Outcome:
    organiser = next(o for o in ctx.config.organisers if o.email.lower() == ctx.mail.sender)
    ctx.response.language = organiser.language
    ctx.response.counted = False
    if ctx.authenticity == Authenticity.FORGED:
        ctx.response.hand_over("forged", f"a mail in the name of {organiser.email} that the receiving server "
                                         f"marks as forged: {ctx.mail.subject} / {ctx.mail.new_text[:300]}")
        ctx.response.keep_silent("nothing: forged")
        _finish(ctx)
        return needs_human("forged mail in an organiser's name: nothing done, the organisers are told")
    thread = thread_of(ctx.session, ctx.mail)
    words = split_body(ctx.mail.text, [thread.body_text] if thread and thread.body_text else []).new_text
    lines = [line for line in words.splitlines() if line.strip() and not is_greeting(line) and not is_thanks(line)]
    done = _DONE.match(lines[0]) if len(lines) == 1 else None
    asked = [thread.action_id] if thread and thread.action_id else []
    tokens = find_tokens(ctx.mail.subject, ctx.mail.text)
    if thread is not None and thread.item_id is not None and thread.kind == MailKind.FORWARD:
        outcome = items.answer(ctx, thread.item_id, words, closing_only=done is not None)
    elif (action := answered_action(ctx.session, ctx.mail.sender, asked, tokens, ctx.now)) is not None:
        outcome = _decide(ctx, action, intent(words))
    elif len(lines) <= 2 and (said := intent(words)) != "unclear" and (
            late := decided_action(ctx.session, ctx.mail.sender, asked, tokens)) is not None:
        outcome = _already_decided(ctx, late, said)
    elif (wanted := announce.wanted(ctx.mail.subject, ctx.config)) is not None:
        outcome = announce.preview(ctx, wanted)
    elif done is not None or _DONE.match(ctx.mail.subject.split(":", 1)[-1]):
        number = (done.group(1) if done else None) or _number(ctx.mail.subject)
        outcome = items.close_by_number(ctx, int(number)) if number else _note(ctx, words)
    else:
        outcome = _commands_or_note(ctx, lines, words)
    _finish(ctx)
    return outcome


def _number(text: str) -> str | None:
    found = _ITEM_IN_SUBJECT.search(text)
    return found.group(1) if found else None


def _commands_or_note(ctx: HandlerContext, lines: list[str], words: str) -> Outcome:
    commands = parse_commands(lines)
    if not commands.any:
        if len(lines) == 1 and looks_like_a_command(lines[0]):
            ctx.response.reply(help_reply(unknown=lines))
            return handled("organiser: an unknown command; help sent, nothing changed")
        return _note(ctx, words)
    if commands.unknown:
        ctx.response.reply(help_reply(unknown=commands.unknown))
        return handled(f"organiser: {len(commands.unknown)} line(s) not understood; help sent, nothing changed")
    if all(c.verb == "help" for c in commands.commands):
        ctx.response.reply(help_reply())
        return handled("organiser: help sent")
    if ctx.authenticity != Authenticity.AUTHENTICATED:
        action = open_action(ctx.session, ActionKind.ORGANISER_COMMANDS, ctx.mail.sender, ctx.now,
                             {"lines": [c.line for c in commands.commands]}, cause=ctx.row)
        ctx.response.reply(confirm_request(commands.commands, marked(action.token)))
        ctx.response.confirming = action
        return handled("organiser: commands from an address we could not authenticate; asked her to confirm")
    return _run(ctx, commands.commands)


def _run(ctx: HandlerContext, commands: list[Command]) -> Outcome:
    done = [run.execute(ctx, command) for command in commands]
    ctx.response.reply(reply_lines(done, asking=ctx.response.confirming))  # a preview in it waits for her yes
    return handled("organiser: " + "; ".join(f"{c.verb} {c.address or c.text}".strip() for c in commands))


def _decide(ctx: HandlerContext, action: Action, said: str) -> Outcome:
    if said == "no":
        close(action, ActionState.DECLINED, ctx.now)
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
    if action.kind == ActionKind.ORGANISER_COMMANDS:
        close(action, ActionState.DONE, ctx.now)
        commands = [c for line in action.payload.get("lines", []) if (c := parse_line(line)) is not None]
        return _run(ctx, commands)
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
           name=organiser.name if organiser else ctx.mail.sender_name)
