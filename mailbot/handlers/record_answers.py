"""Answers to the questionnaire: stored with their history (the latest counts), the status follows,
and the reply says what we understood and asks only for what is still missing."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import select

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import ALL_MEETINGS, AnswerValue
from mailbot.answers.render import questionnaire_view
from mailbot.conversation.respond import MainMail
from mailbot.core.domain import GONE, Finding, MailKind
from mailbot.core.domain import Attendance as Presence
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.handlers.status import answering_status, missing_required
from mailbot.meetings.schedule import upcoming
from mailbot.store.db import aware
from mailbot.store.models import Answer, Attendance, IncomingMessage, Note, Participant
from mailbot.understand import Found

RANK_ANSWERS = 50


def store_answers(ctx: HandlerContext, participant: Participant, answers: Mapping[str, AnswerValue],
                  message: IncomingMessage | None = None) -> None:
    """The answers become current, the ones they replace history; ``message``: where the words came from."""
    for answer in participant.answers:
        if answer.current and answer.question_id in answers:
            answer.current = False
    for question_id, value in answers.items():
        participant.answers.append(Answer(question_id=question_id, value=value, message=message or ctx.row,
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
    if answers.get(ALL_MEETINGS) is True:
        _coming_to_all(ctx, participant)
    if earlier is not None:
        ctx.response.mains.remove(earlier)
    ctx.response.reply(answers_main(ctx, participant, {**before, **answers}, corrected))
    missing = missing_required(ctx.config, participant)
    what = "correction(s)" if found.kind == Finding.CORRECTION else "answer(s)"
    return handled(f"{len(answers)} {what} read" + ("; all required answers in" if not missing
                                                    else f"; {len(missing)} still open"))


def _coming_to_all(ctx: HandlerContext, participant: Participant) -> None:
    """"Q8: I can make all four after all": a meeting ahead they declined in an earlier mail is one they now
    come to, so that the record does not say both (and its reminders start again). Not one this mail declines."""
    ctx.session.flush()  # this mail's row and the participant get their ids
    if participant.id is None:
        return
    ahead = {m.id for m in upcoming(ctx.config.meetings, aware(ctx.now))}
    for row in ctx.session.scalars(select(Attendance).where(Attendance.participant_id == participant.id,
                                                            Attendance.status == Presence.DECLINED)):
        if row.meeting_id in ahead and row.message_id != ctx.row.id:
            row.status, row.updated_at, row.message_id = Presence.ACCEPTED, ctx.now, ctx.row.id


def handle_remark(ctx: HandlerContext, found: Found) -> Outcome:
    """A remark beside answers: kept on the participant's record (the digest and export show it)."""
    if ctx.participant is None:
        return handled("remark from someone who is not a participant: kept with the message")
    ctx.participant.notes.append(Note(message=ctx.row, source="remark", text=found.text[:4000], flagged=False,
                                      created_at=ctx.now))
    ctx.response.say("remark_noted", text=found.text)
    return handled("remark noted")
