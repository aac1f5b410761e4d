"""The whole chain on every fixture: which kind each message gets, given what storage knows."""

from __future__ import annotations

import pytest

from mailbot.classify import classify
from mailbot.domain import MACHINE_KINDS
from mailbot.mail.parse import MalformedMail, parse_mail
from mailbot.rules import Facts

from ._mail import AT_QUESTIONNAIRE, AT_REMINDER, MAIL, OWN, facts, mail

CONFIRMING = facts(participant_status="questionnaire_sent", replies_to="forget_confirm",
                   reply_tokens=frozenset({"K7Q2-MX9P"}))
WAITING = facts(participant_status="questionnaire_sent")

# fixture -> (facts, kind); every fixture in tests/fixtures/mail is listed here at least once
EXPECTED: dict[str, list[tuple[Facts, str]]] = {
    # people
    "interest_plain_nl": [(OWN, "interest")],
    "interest_outlook_html_only": [(OWN, "interest")],
    "interest_gmail_multipart": [(OWN, "interest")],
    "interest_question_inside": [(OWN, "interest")],
    "interest_en": [(OWN, "interest")],
    "interest_de": [(OWN, "interest")],
    "interest_fr": [(OWN, "interest")],
    "withdrawal_meld_af": [(OWN, "withdrawal"), (AT_REMINDER, "withdrawal")],
    "withdrawal_uitschrijven": [(OWN, "withdrawal")],
    "withdrawal_en": [(OWN, "withdrawal"), (AT_QUESTIONNAIRE, "withdrawal")],
    "decline_meeting_nl": [(AT_REMINDER, "decline")],
    "decline_meeting_en": [(AT_REMINDER, "decline")],
    "question_bijdrage": [(OWN, "question")],
    "question_en": [(OWN, "question")],
    "forget_nl": [(OWN, "forget_request"), (AT_QUESTIONNAIRE, "forget_request")],
    "forget_en": [(OWN, "forget_request")],
    "confirmation_reply": [(CONFIRMING, "confirmation")],
    "answer_questionnaire": [(AT_QUESTIONNAIRE, "answer")],
    "answer_outlook_quoted_nl": [(AT_QUESTIONNAIRE, "answer"), (WAITING, "answer")],
    "unknown_from_without_address": [(OWN, "unknown")],
    # machines
    "autoreply_exchange_nl": [(OWN, "auto_reply"), (AT_QUESTIONNAIRE, "auto_reply")],
    "autoreply_gmail_vacation": [(AT_QUESTIONNAIRE, "auto_reply")],
    "autoreply_afwezig_subject": [(OWN, "auto_reply")],
    "autoreply_abwesenheitsnotiz_de": [(OWN, "auto_reply")],
    "autoreply_fr": [(OWN, "auto_reply")],
    "autoreply_body_only": [(OWN, "auto_reply"), (AT_QUESTIONNAIRE, "auto_reply")],
    "bounce_postfix_dsn": [(OWN, "bounce")],
    "bounce_exchange_ndr_nl": [(OWN, "bounce"), (AT_QUESTIONNAIRE, "bounce")],
    "bounce_delay_warning": [(OWN, "bounce")],
    "bounce_qmail": [(OWN, "bounce")],
    "receipt_mdn": [(AT_QUESTIONNAIRE, "receipt")],
    "receipt_outlook_gelezen": [(OWN, "receipt")],
    "receipt_arf_feedback": [(OWN, "receipt")],
    "calendar_reply_declined": [(AT_REMINDER, "calendar_reply")],
    "bulk_list_newsletter": [(OWN, "bulk")],
    "bulk_precedence_only": [(OWN, "bulk")],
    "bulk_noreply_sender": [(OWN, "bulk")],
    "bulk_null_return_path": [(OWN, "bulk")],
    "bulk_verp_return_path": [(OWN, "bulk")],
    "spam_flag": [(OWN, "spam")],
    "spam_subject_tag": [(OWN, "spam")],
    "loop_own_address": [(OWN, "loop")],
    "loop_x_loop": [(OWN, "loop")],
    "injection_subject_and_name": [(OWN, "interest")],
    # odd encodings: still read as the sign-ups they are
    "enc_latin1_8bit_headers": [(OWN, "interest")],
    "enc_base64_body": [(OWN, "interest")],
    "enc_cp1252_as_latin1": [(OWN, "interest")],
    "enc_unknown_charset": [(OWN, "interest")],
    "multipart_broken_boundary": [(OWN, "interest")],
}
UNREADABLE = {"malformed_garbage"}

CASES = [pytest.param(name, known, kind, id=f"{name}-{kind}-{i}")
         for name, rows in EXPECTED.items() for i, (known, kind) in enumerate(rows)]


@pytest.mark.parametrize(("name", "known", "kind"), CASES)
def test_kind_of_each_fixture(name: str, known: Facts, kind: str) -> None:
    assert classify(mail(name), known).kind == kind


def test_every_fixture_is_in_the_table() -> None:
    on_disk = {path.stem for path in MAIL.glob("*.eml")}
    assert len(on_disk) >= 35
    assert on_disk == set(EXPECTED) | UNREADABLE


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_fixtures_raise_malformed_mail(name: str) -> None:
    with pytest.raises(MalformedMail):
        parse_mail((MAIL / f"{name}.eml").read_bytes())


@pytest.mark.parametrize("name", sorted(n for n, rows in EXPECTED.items() if rows[0][1] in MACHINE_KINDS))
def test_machine_mail_stays_machine_mail_whatever_storage_knows(name: str) -> None:
    for known in (OWN, AT_QUESTIONNAIRE, AT_REMINDER, CONFIRMING, facts(participant_status="answered")):
        assert classify(mail(name), known).kind in MACHINE_KINDS


def test_the_rule_that_decided_is_named() -> None:
    decided = classify(mail("bulk_null_return_path"), OWN)
    assert (decided.kind, decided.rule) == ("bulk", "bulk")
