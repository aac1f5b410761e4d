"""The whole machine chain on every fixture: machines get their kind, people's mail gets None (it is read
by ``mailbot.understand``, see tests/understand)."""

from __future__ import annotations

import pytest

from mailbot.core.domain import MACHINE_KINDS
from mailbot.engine.classify import classify
from mailbot.mail.parse import MalformedMail, parse_mail
from mailbot.rules import Facts

from ._mail import MAIL, OWN, facts, mail

PEOPLE = None  # what classify says of mail a person wrote
DUPLICATE = facts(duplicate=True)
REPEATING = facts(repeats=2)

# fixture -> (facts, kind); every fixture in tests/fixtures/mail is listed here at least once
EXPECTED: dict[str, list[tuple[Facts, str | None]]] = {
    # people: the chain leaves them alone
    "interest_plain_nl": [(OWN, PEOPLE)],
    "interest_outlook_html_only": [(OWN, PEOPLE)],
    "interest_gmail_multipart": [(OWN, PEOPLE)],
    "interest_question_inside": [(OWN, PEOPLE)],
    "interest_en": [(OWN, PEOPLE)],
    "interest_de": [(OWN, PEOPLE)],
    "interest_fr": [(OWN, PEOPLE)],
    "withdrawal_meld_af": [(OWN, PEOPLE), (OWN, PEOPLE)],
    "withdrawal_uitschrijven": [(OWN, PEOPLE)],
    "withdrawal_en": [(OWN, PEOPLE), (OWN, PEOPLE)],
    "decline_meeting_nl": [(OWN, PEOPLE)],
    "decline_meeting_en": [(OWN, PEOPLE)],
    "question_bijdrage": [(OWN, PEOPLE)],
    "question_en": [(OWN, PEOPLE)],
    "forget_nl": [(OWN, PEOPLE), (OWN, PEOPLE)],
    "forget_en": [(OWN, PEOPLE)],
    "confirmation_reply": [(OWN, PEOPLE)],
    "answer_questionnaire": [(OWN, PEOPLE)],
    "answer_outlook_quoted_nl": [(OWN, PEOPLE), (OWN, PEOPLE)],
    "unknown_from_without_address": [(OWN, PEOPLE)],
    # machines
    "autoreply_exchange_nl": [(OWN, "auto_reply"), (OWN, "auto_reply")],
    "autoreply_gmail_vacation": [(OWN, "auto_reply")],
    "autoreply_afwezig_subject": [(OWN, "auto_reply")],
    "autoreply_abwesenheitsnotiz_de": [(OWN, "auto_reply")],
    "autoreply_fr": [(OWN, "auto_reply")],
    "autoreply_body_only": [(OWN, "auto_reply"), (OWN, "auto_reply")],
    "bounce_postfix_dsn": [(OWN, "bounce")],
    "bounce_exchange_ndr_nl": [(OWN, "bounce"), (OWN, "bounce")],
    "bounce_delay_warning": [(OWN, "bounce")],
    "bounce_qmail": [(OWN, "bounce")],
    "receipt_mdn": [(OWN, "receipt")],
    "receipt_outlook_gelezen": [(OWN, "receipt")],
    "receipt_arf_feedback": [(OWN, "receipt")],
    "calendar_reply_declined": [(OWN, "calendar_reply")],
    "bulk_list_newsletter": [(OWN, "bulk")],
    "bulk_precedence_only": [(OWN, "bulk")],
    "bulk_noreply_sender": [(OWN, "bulk")],
    "bulk_null_return_path": [(OWN, "bulk")],
    "bulk_verp_return_path": [(OWN, "bulk")],
    "spam_flag": [(OWN, "spam")],
    "spam_subject_tag": [(OWN, "spam")],
    "loop_own_address": [(OWN, "loop")],
    "loop_x_loop": [(OWN, "loop")],
    "injection_subject_and_name": [(OWN, PEOPLE)],
    # odd encodings: still read as the sign-ups they are
    "enc_latin1_8bit_headers": [(OWN, PEOPLE)],
    "enc_base64_body": [(OWN, PEOPLE)],
    "enc_cp1252_as_latin1": [(OWN, PEOPLE)],
    "enc_unknown_charset": [(OWN, PEOPLE)],
    "multipart_broken_boundary": [(OWN, PEOPLE)],
}
UNREADABLE = {"malformed_garbage"}

CASES = [pytest.param(name, known, kind, id=f"{name}-{kind or 'people'}-{i}")
         for name, rows in EXPECTED.items() for i, (known, kind) in enumerate(rows)]


@pytest.mark.parametrize(("name", "known", "kind"), CASES)
def test_kind_of_each_fixture(name: str, known: Facts, kind: str | None) -> None:
    decided = classify(mail(name), known)
    assert (decided.kind if decided is not None else None) == kind


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
    for known in (OWN, DUPLICATE, REPEATING):
        decided = classify(mail(name), known)
        assert decided is not None and decided.kind in MACHINE_KINDS


@pytest.mark.parametrize("name", sorted(n for n, rows in EXPECTED.items() if rows[0][1] is PEOPLE))
def test_a_person_repeating_the_same_words_a_third_time_is_a_loop(name: str) -> None:
    assert classify(mail(name), facts(repeats=1)) is None, "a second identical mail is a person resending"
    decided = classify(mail(name), REPEATING)
    assert decided is not None and (decided.kind, decided.rule) == ("loop", "repeated")


def test_the_rule_that_decided_is_named() -> None:
    decided = classify(mail("bulk_null_return_path"), OWN)
    assert decided is not None and (decided.kind, decided.rule) == ("bulk", "bulk")


def test_an_answer_to_our_request_or_her_mail_is_never_a_loop() -> None:
    assert classify(mail("interest_plain_nl"), facts(repeats=5, answers_us=True)) is None


def test_a_long_text_again_with_other_numbers_is_a_loop_at_once() -> None:
    """A ticket system's auto-responder without machine headers: "uw melding 4711 ...", then 4712."""
    long = mail("interest_plain_nl")
    assert len(long.new_text.split()) >= 8
    decided = classify(long, facts(similar=1))
    assert decided is not None and (decided.kind, decided.rule) == ("loop", "repeated")
