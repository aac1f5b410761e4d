import pytest

from mailbot.rules import auto_reply

from ._mail import OWN, mail

AUTO_REPLIES = [
    "autoreply_exchange_nl",  # Auto-Submitted and Exchange headers, "Automatisch antwoord:"
    "autoreply_gmail_vacation",  # only Auto-Submitted: auto-replied, an ordinary Re: subject
    "autoreply_afwezig_subject",  # no header at all, subject "Afwezig"
    "autoreply_abwesenheitsnotiz_de",
    "autoreply_fr",  # RFC 2047 "Réponse automatique" with a no-break space
    "autoreply_body_only",  # "Re: Uw aanmelding", only the first line gives it away
]


@pytest.mark.parametrize("name", AUTO_REPLIES)
def test_auto_replies(name: str) -> None:
    assert auto_reply.check(mail(name), OWN)


@pytest.mark.parametrize(
    "name",
    ["interest_plain_nl", "interest_question_inside", "interest_outlook_html_only", "decline_meeting_nl",
     "decline_meeting_en", "withdrawal_meld_af", "question_bijdrage", "answer_questionnaire", "forget_nl"],
)
def test_people_are_no_auto_reply(name: str) -> None:
    assert not auto_reply.check(mail(name), OWN)
