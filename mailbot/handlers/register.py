"""Someone shows interest: they become a participant and get the questionnaire, exactly once."""

from __future__ import annotations

import re

from mailbot.domain import GONE, Status
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human, rate_limited
from mailbot.language import detect_language
from mailbot.mails import queue_questionnaire
from mailbot.people import display_name, guess_organisation
from mailbot.store.models import Note, Participant

_RESEND = re.compile(
    r"\b(?:nogmaals|opnieuw|nog een keer|nog eens)\b.{0,60}\b(?:sturen|versturen|toesturen|zenden|mailen)\b|"
    r"\bvragenlijst\b.{0,60}\b(?:niet (?:ontvangen|gekregen)|kwijt|nogmaals|opnieuw)\b|"
    r"\b(?:resend|send (?:it |me )?(?:the )?(?:questionnaire|questions|form) again|send again)\b|"
    r"\bquestionnaire\b.{0,60}\b(?:again|not (?:received|arrived)|lost)\b",
    re.IGNORECASE,
)


def asks_for_resend(text: str) -> bool:
    return bool(_RESEND.search(text))


def send_questionnaire(ctx: HandlerContext, participant: Participant) -> bool:
    """Queue the questionnaire for ``participant``; False when the rate limit forbids it."""
    if ctx.outbox.over_limit(participant.email) or ctx.outbox.suppressed(participant.email):
        return False
    queue_questionnaire(ctx.outbox, participant, reply_to=ctx.mail, cause=ctx.row)
    return True


def _flag_questions(ctx: HandlerContext, participant: Participant) -> None:
    """A sign-up that also asks something ('can I join in English?') is shown to the organiser."""
    asked = [s.strip() for s in re.split(r"(?<=[.?!])\s+|\n", ctx.mail.new_text) if s.strip().endswith("?")]
    if asked:
        ctx.session.add(Note(participant=participant, message=ctx.row, source="question",
                             text=" ".join(asked)[:2000], flagged=True, created_at=ctx.now))


def handle(ctx: HandlerContext) -> Outcome:
    mail = ctx.mail
    participant = ctx.participant
    if participant is None and ctx.outbox.suppressed(mail.sender):
        return needs_human("interest from an address that was forgotten on request: not registered, not answered")
    if participant is None:
        lang = detect_language(f"{mail.subject}\n{mail.new_text}", ctx.config.programme.language)
        participant = Participant(
            email=mail.sender, name=display_name(mail.sender_name, mail.sender),
            organisation=guess_organisation(mail.new_text, mail.sender), language=lang,
            status=Status.QUESTIONNAIRE_SENT, registered_at=ctx.now, updated_at=ctx.now,
        )
        ctx.session.add(participant)
        ctx.row.participant = participant
        _flag_questions(ctx, participant)
        if not send_questionnaire(ctx, participant):
            return rate_limited("interest: new participant")
        return handled("interest: new participant, questionnaire sent")
    ctx.row.participant = participant
    if participant.status in GONE:
        participant.status = Status.QUESTIONNAIRE_SENT if not participant.answers else Status.PARTIALLY_ANSWERED
        participant.updated_at = ctx.now
        if participant.answers:
            return handled("interest: participant re-registered")
        sent = send_questionnaire(ctx, participant)
        return handled("interest: participant re-registered" + (", questionnaire sent" if sent else ""))
    if asks_for_resend(f"{mail.subject}\n{mail.new_text}"):
        if send_questionnaire(ctx, participant):
            return handled("interest: questionnaire sent again on request")
        return rate_limited("interest: resend requested")
    _flag_questions(ctx, participant)
    return handled("interest: already registered, no second questionnaire")
