"""Mail about someone else, and answers sent for them: those wait for that person's own yes.

Answers sent "namens" a participant (named by address) change nothing at once. They become a
proposal (a ``colleague_answers`` action, valid 30 days) and the participant is asked at their own
address, with who proposed what, to confirm ("ja") or refuse ("nee"). Their yes records the answers;
a no, or silence, drops them. Meanwhile the organiser sees them as proposed (``people.records``).

The sender hears the same whatever address they named: registered or not, active or not, answers
placed or not. We never tell a stranger whether someone takes part, nor under what name. What cannot
be put to the named person goes to the organiser, without a word of that in the reply. Anything else
about another person (a colleague's withdrawal, a mail without answers) goes to the organiser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from mailbot.answers.describe import describe_answer
from mailbot.answers.parse_reply import looks_like_answers, parse_reply
from mailbot.answers.questionnaire import AnswerValue
from mailbot.answers.versions import carry_over
from mailbot.conversation.actions import close, open_action
from mailbot.conversation.questionnaire_mail import questionnaire_version
from mailbot.conversation.threads import last_questionnaire_mail, questionnaire_seen
from mailbot.conversation.tokens import marked
from mailbot.core.domain import GONE, ActionKind, ActionState, MailKind
from mailbot.handlers import HandlerContext, Outcome, hand_on, handled, needs_human
from mailbot.handlers.record_answers import answers_main, store_answers
from mailbot.mail.address import is_address
from mailbot.store.models import Action, Answer, IncomingMessage, Participant
from mailbot.understand import Found


def handle(ctx: HandlerContext, found: Found) -> Outcome:
    """Mail about someone else (``understand.colleague``): answers for them are proposed to them."""
    if not found.data.get("on_behalf") or not looks_like_answers(_their_text(ctx, found), ctx.config.questionnaire):
        return hand_on.handle(ctx, found)
    ctx.response.say("answers_for_other")  # decided before anyone is looked up: the same for every address
    other = _the_one_named(ctx, found)
    answers = _answers_for(ctx, other, found) if other is not None else None
    if other is None or not answers:
        ctx.response.hand_over(found.kind, found.text)
        return needs_human("answers for someone else that cannot be put to them (no single participant named, "
                           "or not read cleanly): handed to the organiser")
    if ctx.outbox.suppressed(other.email) or ctx.outbox.over_limit(other.email):
        ctx.response.hand_over(found.kind, found.text)
        return needs_human(f"answers proposed for {other.email}, who gets no more automatic mail now: "
                           "handed to the organiser")
    _propose(ctx, other, answers)
    return handled(f"{len(answers)} answer(s) for {other.email} proposed; asked them to confirm")


def decide(ctx: HandlerContext, action: Action, intent: str) -> Outcome:
    """The participant's yes or no to answers someone proposed for them."""
    participant = ctx.session.get(Participant, action.participant_id) if action.participant_id else None
    by = str(action.payload.get("by_name") or action.payload.get("by") or "")
    if participant is None:
        close(action, ActionState.EXPIRED, ctx.now)
        return handled("a yes or no to proposed answers for someone no longer registered: nothing to do")
    if intent == "no":
        close(action, ActionState.DECLINED, ctx.now)
        ctx.response.say("colleague_answers_refused", who=by)
        return handled(f"answers proposed by {action.payload.get('by')} refused by the participant: dropped")
    if intent != "yes":
        ctx.response.say("colleague_answers_unclear", who=by, reference=marked(action.token))
        return handled("proposed answers: the reply is no clear yes or no; nothing changed, still open")
    close(action, ActionState.DONE, ctx.now)
    answers, kept = _still_to_record(ctx, action, participant)
    cause = ctx.session.get(IncomingMessage, action.cause_id) if action.cause_id else None
    store_answers(ctx, participant, answers, message=cause or ctx.row)  # the words are the proposer's mail's
    if kept:
        ctx.response.say("colleague_answers_kept", count=len(kept))
    main = answers_main(ctx, participant, answers)
    ctx.response.reply(replace(main, context={**main.context, "on_behalf": by}))
    return handled(f"{len(answers)} answer(s) proposed by {action.payload.get('by')} confirmed and recorded"
                   + (f"; {len(kept)} left as the participant answered them since" if kept else ""))


def _propose(ctx: HandlerContext, other: Participant, answers: Mapping[str, AnswerValue]) -> None:
    version = questionnaire_version(ctx.session, ctx.config.questionnaire, ctx.now)
    sender, name = ctx.mail.sender, ctx.mail.sender_name[:100]
    action = open_action(ctx.session, ActionKind.COLLEAGUE_ANSWERS, other.email, ctx.now,
                         {"answers": dict(answers), "by": sender, "by_name": name, "version": version.id},
                         participant=other, cause=ctx.row)
    reference = marked(action.token)
    row = ctx.outbox.queue(
        kind=MailKind.CONFIRM_REQUEST, template="colleague_answers_confirm", to_address=other.email,
        to_name=other.name, lang=other.language, participant=other, cause=ctx.row, auto_submitted="auto-generated",
        context={"proposer": name or sender, "proposer_address": sender, "reference": reference,
                 "proposed_on": ctx.now.strftime("%d-%m-%Y"), "valid_days": (action.expires_at - ctx.now).days,
                 "understood": _described(ctx, other, answers)})
    row.action = action


def _described(ctx: HandlerContext, other: Participant, answers: Mapping[str, AnswerValue]) -> list[dict[str, Any]]:
    """Each proposed answer in the participant's language, with their current one where it differs."""
    lang = other.language
    now = {a.question_id: a.value for a in other.answers if a.current}
    return [{"question": q.text(lang), "answer": describe_answer(q, answers[q.id], lang),
             "now": describe_answer(q, now[q.id], lang) if q.id in now and now[q.id] != answers[q.id] else ""}
            for q in ctx.config.questionnaire.questions if q.id in answers]


def _still_to_record(ctx: HandlerContext, action: Action,
                     participant: Participant) -> tuple[dict[str, AnswerValue], list[str]]:
    """The proposed answers on today's questionnaire, less those the participant gave themselves since."""
    seen = questionnaire_seen(ctx.session, action.payload.get("version")) or ctx.config.questionnaire
    carried = carry_over(dict(action.payload.get("answers", {})), seen, ctx.config.questionnaire)
    since = set(ctx.session.scalars(select(Answer.question_id).where(
        Answer.participant_id == participant.id, Answer.current.is_(True), Answer.created_at > action.created_at)))
    kept = sorted(since & set(carried.answers))
    return {k: v for k, v in carried.answers.items() if k not in since}, kept


def _their_text(ctx: HandlerContext, found: Found) -> str:
    """Where the answers are: below a forwarded mail's header, else the mail itself."""
    mail = ctx.mail
    if found.data.get("intent") == "forward" and mail.quote_header and mail.quoted.startswith(mail.quote_header):
        return mail.quoted[len(mail.quote_header):]
    return mail.text


def _the_one_named(ctx: HandlerContext, found: Found) -> Participant | None:
    """The one participant (not the sender, still taking part) the mail names by a real address, if exactly one."""
    named = {a for a in found.data.get("addresses", []) if a != ctx.mail.sender and is_address(a)}
    people = [p for a in sorted(named) if (p := ctx.lookups.participant(a)) is not None]
    return people[0] if len(named) == 1 and len(people) == 1 and people[0].status not in GONE else None


def _answers_for(ctx: HandlerContext, other: Participant, found: Found) -> dict[str, AnswerValue] | None:
    """The answers in the mail, read against the questionnaire last sent to ``other``; None unless clean."""
    last = last_questionnaire_mail(ctx.session, other)
    seen = (questionnaire_seen(ctx.session, last[1]) if last is not None else None) or ctx.config.questionnaire
    lang = ctx.reading.language if ctx.reading is not None else other.language
    parsed = parse_reply(_their_text(ctx, found), seen, lang, last[0] if last is not None else None)
    carried = carry_over(parsed.answers, seen, ctx.config.questionnaire)
    return carried.answers if carried.answers and not carried.unplaced else None
