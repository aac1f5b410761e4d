"""parse_mail on odd input: charsets, encoded headers, injection, HTML, quotes, hostile structure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.mail.parse import MAX_PARTS, IncomingMail, MalformedMail, decode_bytes, parse_mail
from mailbot.mail.split import split_body
from tests import FIXTURES

MAIL = FIXTURES / "mail"


def fixture(name: str) -> IncomingMail:
    return parse_mail((MAIL / f"{name}.eml").read_bytes())


def message(headers: str, body: str = "Hallo.\n") -> bytes:
    return f"{headers.strip()}\n\n{body}".encode()


# --- charsets -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("één".encode(), "utf-8", "één"),
        ("één".encode("latin-1"), "utf-8", "één"),  # declared utf-8, really latin-1: windows-1252 guess
        ("€25 “ja”".encode("cp1252"), "iso-8859-1", "€25 “ja”"),  # latin-1 label, windows-1252 bytes
        ("café".encode("latin-1"), "ISO-8859-1", "café"),
        ("Yılmaz".encode(), "x-unknown", "Yılmaz"),  # a label that says nothing: guessed
        ("Yılmaz".encode(), "unknown-8bit", "Yılmaz"),
        ("Müller".encode(), "us-ascii", "Müller"),  # too narrow: 8-bit bytes are guessed
        ("Müller".encode("cp1252"), "no-such-charset", "Müller"),  # unknown to Python
        ("Grüße".encode("cp1252"), '"windows-1252"', "Grüße"),  # quoted label
        (b"\x81\x8d", "utf-8", "\x81\x8d"),  # neither utf-8 nor windows-1252: latin-1 never fails
        ("één".encode(), None, "één"),
    ],
)
def test_decode_bytes_falls_back_and_never_fails(data: bytes, charset: str | None, expected: str) -> None:
    assert decode_bytes(data, charset) == expected


def test_windows_1252_declared_as_latin_1() -> None:
    mail = fixture("enc_cp1252_as_latin1")
    assert "“leerkring” – de bijdrage van €25" in mail.text
    assert not any("\x80" <= ch <= "\x9f" for ch in mail.text)


def test_unknown_charset_body_and_header() -> None:
    mail = fixture("enc_unknown_charset")
    assert mail.subject == "Aanmelding leerkring"
    assert "Burak Yılmaz" in mail.text
    assert "Deventer – al tien jaar" in mail.text


def test_base64_body() -> None:
    mail = fixture("enc_base64_body")
    assert "Ik wil mij graag aanmelden voor de leerkring." in mail.text
    assert mail.sender_name == "Irene Ólafsdóttir"


def test_raw_latin_1_bytes_in_headers_are_guessed_not_replaced() -> None:
    mail = fixture("enc_latin1_8bit_headers")
    assert mail.subject == "Aanmelding leerkring - graag één plek"
    assert (mail.sender_name, mail.sender) == ("José Müller", "jose.muller@example.nl")
    assert "coördinator" in mail.text


# --- RFC 2047 and addresses -----------------------------------------------------------------------------------------

def test_encoded_words_in_subject_and_name() -> None:
    mail = fixture("interest_fr")
    assert mail.subject == "Inscription au cercle d'apprentissage"
    assert mail.sender_name == "Céline Dubois"


def test_encoded_words_split_over_folded_lines() -> None:
    raw = message(
        "From: =?utf-8?q?Ren=C3=A9e?=\n =?utf-8?q?_de_Wit?= <renee@example.nl>\n"
        "Subject: =?utf-8?b?QWFubWVsZGluZw==?=\n =?iso-8859-1?q?_co=F6rdinator?=",
    )
    mail = parse_mail(raw)
    assert mail.sender_name == "Renée de Wit"
    assert mail.subject == "Aanmelding coördinator"


def test_name_written_surname_first() -> None:
    mail = fixture("interest_question_inside")
    assert (mail.sender_name, mail.sender) == ("Vries, Jan de", "jan.devries@wijkteam-noord.example.nl")


def test_sender_is_lower_cased_and_recipients_collected() -> None:
    raw = message("From: Jan <Jan.Jansen@Example.NL>\nTo: a@example.org, B <b@example.org>\nCc: c@example.org")
    mail = parse_mail(raw)
    assert mail.sender == "jan.jansen@example.nl"
    assert mail.recipients == ("a@example.org", "b@example.org", "c@example.org")


# --- header injection -----------------------------------------------------------------------------------------------

def test_encoded_cr_lf_cannot_inject_headers_or_an_address() -> None:
    mail = fixture("injection_subject_and_name")
    assert mail.sender == "k.aydin@example.nl"  # not victim@evil.test from the encoded display name
    for value in (mail.subject, mail.sender_name, *mail.headers.values()):
        assert "\r" not in value and "\n" not in value
    assert mail.subject == "Hallo Bcc: victim@evil.test"
    assert mail.sender_name == "Kemal Aydin Bcc: victim@evil.test"


def test_encoded_address_in_a_recipient_name_is_no_recipient() -> None:
    raw = message("From: a@example.nl\nTo: =?utf-8?q?Ann=0D=0ACc:_x@evil.test,?= <ann@example.org>")
    assert parse_mail(raw).recipients == ("ann@example.org",)


def test_encoded_word_in_a_comment_stays_a_name() -> None:
    mail = parse_mail(message("From: piet@example.nl (=?utf-8?q?Pi=C3=ABt?=)"))
    assert (mail.sender_name, mail.sender) == ("Piët", "piet@example.nl")


def test_control_characters_are_removed_from_headers() -> None:
    mail = parse_mail(message("From: a@example.nl\nSubject: =?utf-8?q?Hal=00lo=07=1B?="))
    assert mail.subject == "Hallo"


# --- bodies ---------------------------------------------------------------------------------------------------------

def test_html_only_mail_becomes_text() -> None:
    mail = fixture("interest_outlook_html_only")
    assert mail.html is not None
    assert "wil ik graag deelnemen aan de leerkring" in mail.text
    assert "Beleidsadviseur Jeugd | Gemeente Zeist" in mail.text
    for markup in ("<p", "MsoNormal", "font-family", "&nbsp;", "=3D"):
        assert markup not in mail.text


def test_plain_part_is_preferred_over_html() -> None:
    mail = fixture("interest_gmail_multipart")
    assert "zzp'er in de zorg" in mail.text and "<div" not in mail.text


def test_multipart_with_a_broken_boundary_still_yields_its_text() -> None:
    mail = fixture("multipart_broken_boundary")
    assert "Ik wil graag deelnemen aan de leerkring." in mail.text


def test_delivery_status_of_a_dsn_is_kept_for_the_bounce_handler() -> None:
    status = fixture("bounce_postfix_dsn").delivery_status
    assert "Final-Recipient: rfc822; j.oud@vorigewerkgever.example.nl" in status
    assert "Action: failed" in status


def test_calendar_part_is_kept_as_bytes() -> None:
    assert b"METHOD:REPLY" in (fixture("calendar_reply_declined").calendar or b"")


def test_null_return_path_is_empty_not_absent() -> None:
    assert fixture("bounce_qmail").return_path == ""
    assert fixture("receipt_outlook_gelezen").return_path is None


# --- what the sender wrote: quote headers in Dutch and English ------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Ja, graag.\n\nOp di 8 okt 2024 om 09:00 schreef Leerkring <leerkring@example.org>:\n\nafmelden kan altijd",
        "Ja, graag.\n\nOp di 8 okt 2024 om 09:00 schreef Leerkring Utrecht <\nleerkring@example.org>:\n\nafmelden",
        "Ja, graag.\n\nOp 8 okt 2024, om 09:20 heeft Leerkring <leerkring@example.org> het volgende\ngeschreven:\n\nx",
        "Ja, graag.\n\nOn Tue, Oct 8, 2024 at 9:00 AM Leerkring <leerkring@example.org> wrote:\n> unsubscribe",
        "Ja, graag.\n\nOn Tue, Oct 8, 2024 at 9:00 AM Leerkring Utrecht <leerkring@example.org>\nwrote:\n\nunsubscribe",
        "Ja, graag.\n\n-----Oorspronkelijk bericht-----\nVan: Leerkring\nVerzonden: dinsdag\n\nafmelden",
        "Ja, graag.\n\n-----Original Message-----\nFrom: Leerkring\n\nunsubscribe",
        "Ja, graag.\n\nVan: Leerkring <leerkring@example.org>\nVerzonden: dinsdag 8 oktober 2024 09:00\n"
        "Aan: Jan <jan@example.nl>\nOnderwerp: Vragenlijst\n\nafmelden kan altijd",
        "Ja, graag.\n\nFrom: Leerkring <leerkring@example.org>\nSent: Tuesday, October 8, 2024 9:00 AM\n"
        "To: Jan\nSubject: Questionnaire\n\nunsubscribe",
        "Ja, graag.\n\n*Van:* Leerkring\n*Verzonden:* dinsdag\n*Aan:* Jan\n*Onderwerp:* Vragenlijst\n\nafmelden",
        "Ja, graag.\n________________________________\nVan: Leerkring\nafmelden",
        "Ja, graag.\n> afmelden kan altijd\n> door te antwoorden",
        "Ja, graag.\n-- \nJan de Vries\nStichting Welzijn",
    ],
)
def test_new_text_stops_at_the_quote(text: str) -> None:
    assert split_body(text).new_text == "Ja, graag."


@pytest.mark.parametrize(
    "text",
    [
        "Op zaterdag kan ik niet.\nGroet, Jan",
        "On Monday I will come.\nThanks",
        "Van harte welkom!\nAan: iedereen die mee wil doen",
    ],
)
def test_new_text_keeps_sentences_that_only_look_like_quote_headers(text: str) -> None:
    assert split_body(text).new_text == text


def test_a_line_before_a_one_line_header_is_not_taken_for_its_first_half() -> None:
    text = "On Monday I will come.\nOn Tue, Oct 8, 2024 at 9:00 AM Leerkring <l@example.org> wrote:\n> hi"
    assert split_body(text).new_text == "On Monday I will come."


def test_new_text_of_fixtures_leaves_their_quotes_out() -> None:
    assert "afmelden" not in fixture("decline_meeting_nl").new_text
    assert "schreef" not in fixture("decline_meeting_nl").new_text
    assert "unsubscribe" not in fixture("decline_meeting_en").new_text
    outlook = fixture("answer_outlook_quoted_nl").new_text
    assert outlook.startswith("1. Pieter Jansen") and "afmelden" not in outlook and "Van:" not in outlook


# --- unreadable and hostile input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n  ", b"\n"])
def test_empty_input_is_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedMail):
        parse_mail(raw)


def test_garbage_without_headers_is_malformed() -> None:
    with pytest.raises(MalformedMail, match="no headers"):
        parse_mail((MAIL / "malformed_garbage.eml").read_bytes())


def nested(levels: int) -> bytes:
    head = "From: a@example.nl\nSubject: nest\nMIME-Version: 1.0\n"
    parts = [head + 'Content-Type: multipart/mixed; boundary="b0"\n\n']
    for level in range(1, levels):
        parts.append(f'--b{level - 1}\nContent-Type: multipart/mixed; boundary="b{level}"\n\n')
    parts.append(f"--b{levels - 1}\nContent-Type: text/plain\n\nbottom\n")
    parts.extend(f"--b{level}--\n" for level in reversed(range(levels)))
    return "".join(parts).encode()


def test_a_few_levels_of_nesting_are_fine() -> None:
    assert parse_mail(nested(5)).text.strip() == "bottom"


@pytest.mark.parametrize("levels", [100, 1000])
def test_absurd_nesting_is_malformed_not_another_exception(levels: int) -> None:
    with pytest.raises(MalformedMail):
        parse_mail(nested(levels))


def test_too_many_parts_is_malformed() -> None:
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(MAX_PARTS + 5))
    raw = f'From: a@example.nl\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n'
    with pytest.raises(MalformedMail):
        parse_mail(raw.encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_no_bytes_make_anything_but_malformed_mail_escape(raw: bytes) -> None:
    try:
        parse_mail(raw)
    except MalformedMail:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_no_header_text_makes_parsing_fail(value: str) -> None:
    safe = value.replace("\r", " ").replace("\n", " ")
    try:
        mail = parse_mail(f"From: {safe}\nTo: {safe}\nSubject: {safe}\n\nbody\n".encode("utf-8", "surrogateescape"))
    except MalformedMail:
        return
    assert "\n" not in mail.subject and "\r" not in mail.sender_name
