"""A reply to the questionnaire: read the answers, store them (latest wins, history kept),
update the status, and confirm what we understood, asking only for what is still missing."""

from __future__ import annotations

from sqlalchemy import select

from mailbot.answers.parse_reply import ParsedReply, describe_answer, parse_reply
from mailbot.answers.render import questionnaire_view
from mailbot.domain import GONE, Status
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human, rate_limited
from mailbot.store.models import Answer, Note, OutboxMail, Participant

ANSWER_MAILS = ("questionnaire", "confirmation", "follow_up")


def current_answers(participant: Participant) -> dict[str, object]:
    return {a.question_id: a.value for a in participant.answers if a.current}


def _sent_text(ctx: HandlerContext, participant: Participant) -> str | None:
    """The text of our mail this replies to, or else the last questionnaire we sent them."""
    ids = ctx.mail.thread_ids
    query = select(OutboxMail.body_text).where(OutboxMail.kind.in_(ANSWER_MAILS))
    queued = ctx.outbox.queued_text(participant.email, ANSWER_MAILS, ids)  # sent in this same batch
    if queued is not None:
        return queued
    if ids:
        found = ctx.session.scalar(query.where(OutboxMail.message_id.in_(ids)).order_by(OutboxMail.id.desc()))
        if found:
            return found
    if participant.id is None:
        return None
    return ctx.session.scalar(query.where(OutboxMail.participant_id == participant.id,
                                          OutboxMail.kind == "questionnaire").order_by(OutboxMail.id.desc()))


def _store(ctx: HandlerContext, participant: Participant, parsed: ParsedReply) -> None:
    for answer in participant.answers:
        if answer.current and answer.question_id in parsed.answers:
            answer.current = False
    for question_id, value in parsed.answers.items():
        participant.answers.append(Answer(question_id=question_id, value=value, message=ctx.row,
                                          created_at=ctx.now, current=True))
    asked = set(parsed.questions_for_organiser)
    for remark in parsed.remarks:
        participant.notes.append(Note(message=ctx.row, source="remark", text=remark[:4000],
                                      flagged=remark in asked, created_at=ctx.now))
    for question in asked - set(parsed.remarks):
        participant.notes.append(Note(message=ctx.row, source="question", text=question[:4000],
                                      flagged=True, created_at=ctx.now))


def _update_status(ctx: HandlerContext, participant: Participant) -> list[str]:
    """Set the status from the current answers; return the ids of required questions still open."""
    answered = current_answers(participant)
    missing = [q.id for q in ctx.config.questionnaire.questions if q.required and q.id not in answered]
    if participant.status not in GONE:
        participant.status = Status.ANSWERED if not missing else (Status.PARTIALLY_ANSWERED if answered
                                                             else Status.QUESTIONNAIRE_SENT)
    participant.updated_at = ctx.now
    return missing


def handle(ctx: HandlerContext) -> Outcome:
    participant = ctx.participant
    if participant is None:
        return needs_human("answer: from an address that is not a participant")
    ctx.row.participant = participant
    lang = participant.language
    parsed = parse_reply(ctx.mail.text, ctx.config.questionnaire, lang, _sent_text(ctx, participant))
    _store(ctx, participant, parsed)
    missing = _update_status(ctx, participant)
    reason = f"answer: {len(parsed.answers)} answer(s) read"
    if ctx.outbox.suppressed(participant.email):
        return handled(reason + "; address forgotten on request, no confirmation")
    if ctx.outbox.over_limit(participant.email):
        return rate_limited(reason)
    questionnaire = ctx.config.questionnaire
    understood = [
        {"question": q.question.get(lang) or next(iter(q.question.values())),
         "answer": describe_answer(q, parsed.answers[q.id], lang)}
        for q in questionnaire.questions if q.id in parsed.answers
    ]
    missing_view = [v for v in questionnaire_view(questionnaire, lang) if v.id in missing]
    ctx.outbox.queue(
        kind="confirmation" if not missing else "follow_up", template="answers_received",
        to_address=participant.email, to_name=participant.name, lang=lang,
        context={"understood": understood, "missing": missing_view, "complete": not missing,
                 "remarks": list(parsed.remarks)},
        reply_to=ctx.mail, cause=ctx.row, participant=participant,
    )
    if parsed.questions_for_organiser:
        return needs_human(reason + "; includes a question for the organiser")
    return handled(reason + ("; all required answers in" if not missing else f"; {len(missing)} still open"))
