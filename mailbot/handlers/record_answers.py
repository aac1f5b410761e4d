"""Answers to the questionnaire: stored with their history (the latest counts), the status follows,
and the reply says what we understood and asks only for what is still missing."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from mailbot.answers.describe import describe_answer
from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.questionnaire import AnswerValue
from mailbot.answers.render import questionnaire_view
from mailbot.answers.versions import carry_over
from mailbot.conversation.questionnaire_mail import link_questionnaire
from mailbot.conversation.respond import MainMail
from mailbot.conversation.threads import last_questionnaire_mail, questionnaire_seen
from mailbot.core.domain import GONE, Finding, MailKind
from mailbot.handlers import HandlerContext, Outcome, hand_on, handled, needs_human
from mailbot.handlers.status import answering_status, missing_required
from mailbot.store.models import Answer, Note, Participant
from mailbot.understand import Found

RANK_ANSWERS = 50


def store_answers(ctx: HandlerContext, participant: Participant, answers: Mapping[str, AnswerValue]) -> None:
    for answer in participant.answers:
        if answer.current and answer.question_id in answers:
            answer.current = False
    for question_id, value in answers.items():
        participant.answers.append(Answer(question_id=question_id, value=value, message=ctx.row,
                                          created_at=ctx.now, current=True))
    if participant.status not in GONE:
        participant.status = answering_status(ctx.config, participant)
    participant.updated_at = ctx.now


def answers_main(ctx: HandlerContext, participant: Participant, answers: Mapping[str, AnswerValue],
                 corrected: Collection[str] = (), lang: str | None = None) -> MainMail:
    """The confirmation of what this mail changed; ``corrected``: the questions it corrected in so many words."""
    lang = lang or ctx.response.language
    questionnaire = ctx.config.questionnaire
    missing = missing_required(ctx.config, participant)
    understood = [{"question": q.text(lang), "answer": describe_answer(q, answers[q.id], lang)}
                  for q in questionnaire.questions if q.id in answers]
    context = {"understood": understood, "complete": not missing, "corrected": bool(corrected),
               "missing": [v for v in questionnaire_view(questionnaire, lang) if v.id in missing],
               "answers": dict(answers), "corrected_ids": sorted(corrected)}
    kind = MailKind.CONFIRMATION if not missing else MailKind.FOLLOW_UP
    return MainMail(RANK_ANSWERS, kind, "answers_received", context,
                    {"key": "answers_noted", "understood": understood})


def handle_answers(ctx: HandlerContext, found: Found) -> Outcome:
    """Answers and corrections alike; a mail with both gets one confirmation, and a correction in so many
    words wins over an answer read elsewhere in the same mail (a quoted copy, say)."""
    participant = ctx.participant
    if participant is None:
        return needs_human("answers from an address that is not a participant")
    answers: dict[str, AnswerValue] = dict(found.data.get("answers", {}))
    earlier = next((m for m in ctx.response.mains if m.template == "answers_received"), None)
    before: dict[str, AnswerValue] = dict(earlier.context["answers"]) if earlier is not None else {}
    corrected = set(earlier.context["corrected_ids"]) if earlier is not None else set()
    answers = {k: v for k, v in answers.items() if k not in corrected}
    if found.kind == Finding.CORRECTION:
        corrected |= set(answers)
    store_answers(ctx, participant, answers)
    if earlier is not None:
        ctx.response.mains.remove(earlier)
    ctx.response.reply(answers_main(ctx, participant, {**before, **answers}, corrected))
    missing = missing_required(ctx.config, participant)
    what = "correction(s)" if found.kind == Finding.CORRECTION else "answer(s)"
    return handled(f"{len(answers)} {what} read" + ("; all required answers in" if not missing
                                                    else f"; {len(missing)} still open"))


def handle_colleague(ctx: HandlerContext, found: Found) -> Outcome:
    """Mail about someone else. Answers sent on behalf of one participant, named by address, are theirs;
    anything else about another person (or answers we cannot tie to exactly one) goes to the organiser."""
    other = _the_one_named(ctx, found) if found.data.get("on_behalf") else None
    answers = _answers_for(ctx, other, found) if other is not None else None
    if other is None or not answers:
        return hand_on.handle(ctx, found)
    store_answers(ctx, other, answers)
    other.notes.append(Note(message=ctx.row, source="remark", flagged=False, created_at=ctx.now,
                            text=f"answers sent on their behalf by {ctx.mail.sender}"))
    ctx.response.say("answers_for_other", who=other.name or other.email)
    ctx.response.reply(answers_main(ctx, other, answers))
    _tell_the_participant(ctx, other, answers)
    return handled(f"{len(answers)} answer(s) sent on behalf of {other.email} recorded for them")


def _tell_the_participant(ctx: HandlerContext, other: Participant, answers: Mapping[str, AnswerValue]) -> None:
    """Their record changed on someone else's mail: they hear it at their own address, and put it right by
    replying (the mail is one they answer the questionnaire with)."""
    if ctx.outbox.suppressed(other.email):
        return
    told = answers_main(ctx, other, answers, lang=other.language)
    row = ctx.outbox.queue(kind=told.kind, template=told.template, to_address=other.email, to_name=other.name,
                           lang=other.language, counts_for_limit=False, participant=other,
                           auto_submitted="auto-generated",
                           context={**told.context, "also": [], "forwarded": False,
                                    "on_behalf": ctx.mail.sender_name or ctx.mail.sender})
    link_questionnaire(ctx.outbox, row)


def _the_one_named(ctx: HandlerContext, found: Found) -> Participant | None:
    """The one participant (not the sender, still taking part) the mail names by address, if exactly one."""
    named = {a for a in found.data.get("addresses", []) if a != ctx.mail.sender}
    people = [p for a in sorted(named) if (p := ctx.lookups.participant(a)) is not None]
    return people[0] if len(named) == 1 and len(people) == 1 and people[0].status not in GONE else None


def _answers_for(ctx: HandlerContext, other: Participant, found: Found) -> dict[str, AnswerValue] | None:
    """The answers in the mail, read against the questionnaire last sent to ``other``; None unless clean."""
    last = last_questionnaire_mail(ctx.session, other)
    seen = (questionnaire_seen(ctx.session, last[1]) if last is not None else None) or ctx.config.questionnaire
    lang = ctx.reading.language if ctx.reading is not None else other.language
    text = ctx.mail.text
    if found.data.get("intent") == "forward" and ctx.mail.quote_header and ctx.mail.quoted.startswith(
            ctx.mail.quote_header):
        text = ctx.mail.quoted[len(ctx.mail.quote_header):]  # what the other person wrote, below the header
    parsed = parse_reply(text, seen, lang, last[0] if last is not None else None)
    carried = carry_over(parsed.answers, seen, ctx.config.questionnaire)
    return carried.answers if carried.answers and not carried.unplaced else None


def handle_remark(ctx: HandlerContext, found: Found) -> Outcome:
    """A remark beside answers: kept on the participant's record (the digest and export show it)."""
    if ctx.participant is None:
        return handled("remark from someone who is not a participant: kept with the message")
    ctx.participant.notes.append(Note(message=ctx.row, source="remark", text=found.text[:4000], flagged=False,
                                      created_at=ctx.now))
    ctx.response.say("remark_noted", text=found.text)
    return handled("remark noted")
