"""A mail with no new text but words outside the quote goes to a person, with the reason (issue 25, point 3)."""

from __future__ import annotations

from mailbot.core.domain import Finding, MailKind, Status
from mailbot.mail.parse import IncomingMail
from mailbot.understand import Found, understand
from tests.understand.test_findings import message, reading


def read(mail: IncomingMail) -> list[Found]:  # a participant answering our questionnaire mail
    return understand(reading(mail, Status.QUESTIONNAIRE_SENT, replies_to=MailKind.QUESTIONNAIRE))


QUOTE = "\n\nOp wo 4 okt. 2017 om 09:15 schreef Leerkring <leerkring@example.org>:\n> Beantwoord deze mail.\n"


def test_no_new_text_but_words_below_a_signature_mark_reach_a_person_with_the_reason() -> None:
    mail = message("--\nIk kan helaas niet, mijn collega Piet komt in mijn plaats.\nJan" + QUOTE)
    assert mail.new_text == ""
    (found,) = read(mail)
    assert found.kind == Finding.MESSAGE and found.data == {"reason": "set_aside"}
    assert "mijn collega Piet komt in mijn plaats" in found.text


def test_an_empty_reply_with_only_a_device_line_says_nothing() -> None:
    assert read(message("Verzonden vanaf mijn iPhone" + QUOTE)) == []
