"""parse_reply on small, focused replies; the measured sets are in test_reply_fixtures/generated."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.answers.parse_reply import describe_answer, looks_like_answers, parse_reply
from mailbot.answers.questionnaire import load_default_questionnaire
from tests.answers.reply_drafting import GMAIL_NL, Draft, outlook_block

QUESTIONNAIRE = load_default_questionnaire(["nl", "en"])


def draft(lang: str = "nl") -> Draft:
    return Draft(QUESTIONNAIRE, lang, "Jan")


def question(question_id: str):  # type: ignore[no-untyped-def]
    found = QUESTIONNAIRE.get(question_id)
    assert found is not None
    return found


def test_an_untouched_quote_gives_nothing() -> None:
    d = draft()
    for sent in (d.sent, None):
        parsed = parse_reply(f"{GMAIL_NL}\n\n{d.quoted()}\n", QUESTIONNAIRE, "nl", sent)
        assert parsed.answers == {} and parsed.remarks == () and parsed.questions_for_organiser == ()


def test_an_untouched_outlook_original_gives_nothing() -> None:
    d = draft()
    for sent in (d.sent, None):
        text = f"{outlook_block('nl', 'Jan <j@x.nl>')}\n\n{d.unquoted()}\n"
        assert parse_reply(text, QUESTIONNAIRE, "nl", sent) == parse_reply("", QUESTIONNAIRE, "nl")


def test_two_marks_on_a_one_answer_question_give_no_answer_but_a_remark() -> None:
    d = draft().mark("org_type", "central").mark("org_type", "company")
    parsed = parse_reply(f"{GMAIL_NL}\n{d.quoted()}", QUESTIONNAIRE, "nl", d.sent)
    assert "org_type" not in parsed.answers
    assert any("Rijksoverheid / Bedrijf" in r for r in parsed.remarks)


def test_our_closing_after_the_last_question_is_not_an_answer_without_sent_text() -> None:
    text = "9. Kan uw cluster een bijeenkomst ontvangen?\n[ ] Ja\n[ ] Nee\n\n"
    text += "Tot ziens op 12 oktober in Zwolle!\n"
    assert parse_reply(text, QUESTIONNAIRE, "nl").answers == {}


def test_last_text_answer_then_a_new_paragraph_is_a_remark() -> None:
    text = (
        f"{GMAIL_NL}\n> 7. Welke praktijkervaring kunt u met de groep delen?\n> Antwoord:\n"
        "Ons innovatiefonds.\n\nIk neem trouwens een collega mee.\n"
    )
    parsed = parse_reply(text, QUESTIONNAIRE, "nl")
    assert parsed.answers == {"experience": "Ons innovatiefonds."}
    assert parsed.remarks == ("Ik neem trouwens een collega mee.",)


def test_organiser_questions_come_from_remarks_and_explicit_requests() -> None:
    d = draft().type("questions", "Hoe betrek je het mkb?").type("experience", "Kunt u mij de slides sturen?")
    text = f"Waar is de eerste bijeenkomst?\n\n{GMAIL_NL}\n{d.quoted()}"
    parsed = parse_reply(text, QUESTIONNAIRE, "nl", d.sent)
    assert parsed.questions_for_organiser == (
        "Waar is de eerste bijeenkomst?",
        "Kunt u mij de slides sturen?",
    )


def test_looks_like_answers() -> None:
    d = draft()
    assert looks_like_answers(f"{GMAIL_NL}\n{d.quoted()}", QUESTIONNAIRE)
    assert looks_like_answers("1. Provincie Utrecht\n2. Rijksoverheid\n", QUESTIONNAIRE)
    assert looks_like_answers("[x] Rijksoverheid\n", QUESTIONNAIRE)
    assert not looks_like_answers("Ik kom graag! Tot 12 oktober.\n", QUESTIONNAIRE)
    assert not looks_like_answers("1. Provincie Utrecht\n", QUESTIONNAIRE)
    assert not looks_like_answers("[x] Iets anders\n", QUESTIONNAIRE)


def test_describe_answer() -> None:
    assert describe_answer(question("org_type"), "central", "nl") == "Rijksoverheid"
    assert describe_answer(question("org_type"), "central", "en") == "Central government"
    assert describe_answer(question("themes"), ["governance", "financing"], "nl") == (
        "Cluster governance, Financieren en investeren"
    )
    assert describe_answer(question("all_meetings"), True, "nl") == "ja"
    assert describe_answer(question("host"), False, "en") == "no"
    assert describe_answer(question("organisation"), "Provincie Utrecht", "nl") == "Provincie Utrecht"
    assert describe_answer(question("organisation"), 4, "nl") == "4"


LINES = st.sampled_from(
    [
        "> 2. Wat voor organisatie is dat?", "[x] Rijksoverheid", "> [X]", "Antwoord:", "> Antwoord: ja",
        GMAIL_NL, "Van: a", "Verzonden: b", "Onderwerp: c", "________________________________", "-- ",
        "1.", "2: ", "Thema's:", ">>>", "", "Met vriendelijke groet", "8. ja", "[ ]", "[", "]", "\u00a0",
        "4. Welke thema's zijn voor u het belangrijkst?", "governance en", "9. Kan uw cluster",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=40), st.one_of(st.none(), st.text(max_size=50))
)
def test_never_raises(lines: list[str], sent: str | None) -> None:
    parsed = parse_reply("\n".join(lines), QUESTIONNAIRE, "nl", sent)
    for question_id, value in parsed.answers.items():
        assert QUESTIONNAIRE.get(question_id) is not None
        assert value not in ("", [], None)
    looks_like_answers("\n".join(lines), QUESTIONNAIRE)


def test_brackets_typed_over_with_an_x_still_mark_the_option() -> None:
    d = draft()
    text = f"{GMAIL_NL}\n{d.quoted()}".replace("> [ ] Rijksoverheid", "> X Rijksoverheid")
    assert parse_reply(text, QUESTIONNAIRE, "nl", d.sent).answers == {"org_type": "central"}


REMINDER = ("Beste Nadia,\n\nDe volgende bijeenkomst is volgende week.\n\nBijeenkomst 2: Triple helix\n"
            "  Wanneer: donderdag 8 april 2027, 13:00-17:00\n  Waar:    Brainport Development\n"
            "           Emmasingel 11, Eindhoven\n\nMet vriendelijke groet,\n\nMarloes Bakker\n")


def test_our_own_mail_quoted_below_the_reply_is_never_their_answers() -> None:
    """"Waar:" in our reminder, quoted under an Outlook header, is our line, not an answer about their region."""
    text = ("Ik kom!\n\nNadia\n\n________________________________\nVan: Leerkring <leerkring@example.org>\n"
            "Verzonden: donderdag 1 april 2027 07:00\nAan: Nadia <n@example.org>\nOnderwerp: Herinnering\n\n"
            + REMINDER)
    assert "region" not in parse_reply(text, QUESTIONNAIRE, "nl", replied_to=REMINDER).answers
    assert parse_reply(text, QUESTIONNAIRE, "nl").answers.get("region"), "without our text, the label would be read"
