"""Someone new takes part, someone who withdrew comes back, someone asks for the questionnaire again."""

from __future__ import annotations

from mailbot.conversation.respond import MainMail
from mailbot.core.domain import MailKind, Status
from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.handlers.record_answers import store_answers
from mailbot.handlers.status import RANK_QUESTIONNAIRE, answering_status, questionnaire_main
from mailbot.people.identity import display_name, guess_organisation
from mailbot.store.models import Participant
from mailbot.understand import Found


def handle_registration(ctx: HandlerContext, found: Found) -> Outcome:
    mail = ctx.mail
    if ctx.participant is not None:
        return handled("signed up again: already a participant, nothing sent")
    if ctx.outbox.suppressed(mail.sender):
        ctx.response.keep_silent("nothing: the address asked to be forgotten")
        return handled("sign-up from an address that was forgotten on request: not registered")
    participant = Participant(
        email=mail.sender, name=display_name(mail.sender_name, mail.sender),
        organisation=guess_organisation(mail.new_text, mail.sender), language=ctx.response.language,
        status=Status.QUESTIONNAIRE_SENT, registered_at=ctx.now, updated_at=ctx.now,
    )
    ctx.session.add(participant)
    ctx.claim(participant)
    if found.data.get("answers"):  # "namens de provincie Zuid-Holland meld ik mij aan": their organisation
        store_answers(ctx, participant, dict(found.data["answers"]))
    ctx.response.reply(questionnaire_main(ctx, participant, welcome="new"))
    if found.data.get("implicit"):
        ctx.response.say("signed_up_guess")  # read as a sign-up without the words for it: said back
    return handled("new participant, questionnaire sent")


def handle_comeback(ctx: HandlerContext, found: Found) -> Outcome:
    participant = ctx.participant
    assert participant is not None  # the detector only finds a comeback for a participant who left
    participant.status = answering_status(ctx.config, participant)
    participant.updated_at = ctx.now
    if found.data.get("denied"):  # "ik heb me helemaal niet afgemeld": someone may have withdrawn them
        ctx.response.say("denied_withdrawal")
        ctx.response.hand_over("unclear", f"says they never withdrew: {found.text}")
    if participant.status == Status.ANSWERED:
        ctx.response.reply(_welcome_back(ctx))
        return handled("participant came back; all answers kept")
    ctx.response.reply(questionnaire_main(ctx, participant, welcome="back"))
    return handled("participant came back; questionnaire sent for what is missing")


def _welcome_back(ctx: HandlerContext) -> MainMail:
    return MainMail(RANK_QUESTIONNAIRE, MailKind.ACKNOWLEDGEMENT, "acknowledgement", {"welcome_back": True},
                    {"key": "welcome_back"})


def handle_resend(ctx: HandlerContext, found: Found) -> Outcome:
    participant = ctx.participant
    assert participant is not None
    ctx.response.reply(questionnaire_main(ctx, participant, welcome="again"))
    return handled("questionnaire sent again on request")
