"""What a person writes to answer the questionnaire, read by principle (our own wordings, none from the eval):

- the words written to answer a question are that answer: not also a decline of a meeting they happen to name
  (a meeting's place or theme), nor a remark or a question for the organiser;
- a yes or no written with doubt ("weet ik nog niet", "possibly") is no answer; the words stay on the record and
  reach the organiser only where they ask her something ("laten we even bellen");
- "no" to all four with doubt about one meeting ("nee, mei wordt lastig") is no, and no firm decline of that one;
- a request to change the answers ("could you take X off my themes?", "kunt u dat aanpassen?") is a correction,
  while a question beside the answers ("nog een vraag: ...?") is for the organiser;
- the name of the organisation says its kind ("gemeente Zwolle") when nothing else does.
"""

from __future__ import annotations

from typing import Any

import pytest

from mailbot.answers.layout import option_line
from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.prose import read_prose
from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.core.domain import Finding, MailKind, Status
from mailbot.language.lexicon import lexicon
from mailbot.understand import Found, understand
from tests.understand.test_findings import message, reading

ANSWERED = {"organisation": "Gemeente Zwolle", "org_type": "decentral", "themes": ["governance", "financing"],
            "questions": "Hoe houden we het mkb erbij?", "all_meetings": True}


def _read(text: str, lang: str = "nl", replies_to: MailKind = MailKind.QUESTIONNAIRE, **known: Any) -> list[Found]:
    return understand(reading(message(text, subject="Re: Aanmelding"), Status.QUESTIONNAIRE_SENT, lang=lang,
                              replies_to=replies_to, **known))


def _answers(found: list[Found]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in found:
        if f.kind in (Finding.ANSWERS, Finding.CORRECTION):
            out.update(f.data["answers"])
    return out


def _kinds(found: list[Found]) -> set[Finding]:
    return {f.kind for f in found}


LIST = {
    "nl": "1. Gemeente Zwolle\n2. Gemeente\n3. Regio Zwolle\n4. Governance\n5. Groeiend\n"
          "6. Hoe houden we het mkb erbij?\n7. Ons werk met de kunststofketen\n8. Ja\n9. {host}\n",
    "en": "1. City of Zwolle\n2. Municipality\n3. Zwolle region\n4. Governance\n5. Growing\n"
          "6. How do we keep small firms on board?\n7. Our work with the plastics chain\n8. Yes\n9. {host}\n",
    "de": "1. Stadt Münster\n2. Kommune\n3. Münsterland\n4. Governance\n5. Wachsend\n"
          "6. Wie halten wir den Mittelstand an Bord?\n7. Unsere Arbeit mit der Kunststoffkette\n8. Ja\n9. {host}\n",
}


@pytest.mark.parametrize(("lang", "host"), [
    ("nl", "Weet ik nog niet, dat moet ik aan onze directeur voorleggen."),
    ("nl", "Misschien, moet ik navragen bij facilitaire zaken."),
    ("en", "Not sure yet, I need to check with our facilities team."),
    ("de", "Weiß ich noch nicht, das muss ich mit der Geschäftsführung klären."),
])
def test_a_doubtful_yes_or_no_stays_open_and_is_kept_not_forwarded(lang: str, host: str) -> None:
    found = _read(LIST[lang].format(host=host), lang)
    assert "host" not in _answers(found) and _answers(found)["all_meetings"] is True
    assert Finding.MESSAGE not in _kinds(found) and Finding.QUESTION not in _kinds(found)
    assert any(f.kind == Finding.REMARK and host in f.text for f in found)  # the words stay on the record


@pytest.mark.parametrize(("lang", "host"), [
    ("nl", "Misschien wel, we hebben een mooie zaal. Neem gerust contact op."),
    ("en", "Possibly, we have a room for thirty. Let's talk."),
])
def test_a_doubtful_offer_that_asks_her_something_reaches_the_organiser(lang: str, host: str) -> None:
    found = _read(LIST[lang].format(host=host), lang)
    assert "host" not in _answers(found) and Finding.MESSAGE in _kinds(found)


@pytest.mark.parametrize(("lang", "text"), [
    # a meeting's place or theme inside a free answer: "Financieren" is meeting 3's theme, "Food Valley" m2's place
    ("nl", "1 Gemeente Zwolle\n2 gemeente\n6 hoe voorkom je dat bedrijven afhaken bij Food Valley\n7 het missen van "
           "financieren in ons netwerk\n8 ja\n"),
    ("nl", "Bij de thema's mis ik financieren; kunt u dat erbij zetten?"),
    ("en", "1. City of Zwolle\n2. Municipality\n6. how to stop firms dropping out at Food Valley\n"
           "7. what we miss about financing in the region\n8. yes\n"),
])
def test_words_that_answer_a_question_decline_no_meeting(lang: str, text: str) -> None:
    replies_to = MailKind.CONFIRMATION if "thema" in text else MailKind.QUESTIONNAIRE
    found = _read(text, lang, replies_to, answers=ANSWERED)
    assert Finding.ATTENDANCE not in _kinds(found), found


@pytest.mark.parametrize(("lang", "typed"), [
    ("nl", "Nee, mei wordt lastig"),
    ("nl", "nee, in Wageningen ben ik er waarschijnlijk niet"),
    ("en", "No - Wageningen might be tricky"),
    ("de", "Nein, der Termin in Wageningen wird schwierig"),
])
def test_no_with_doubt_about_one_meeting_is_no_and_declines_none(lang: str, typed: str) -> None:
    text = LIST[lang].format(host="-").replace("8. Ja\n" if lang != "en" else "8. Yes\n", f"8. {typed}\n")
    found = _read(text, lang)
    assert _answers(found)["all_meetings"] is False
    assert Finding.ATTENDANCE not in _kinds(found)


@pytest.mark.parametrize(("lang", "text", "themes"), [
    ("en", "Quick one: could you take governance off my themes? The rest is fine.", ["financing"]),
    ("en", "Would you mind adding facilitation to my themes?", ["governance", "facilitation", "financing"]),
    ("nl", "Kunt u financiering bij mijn thema's schrappen? Governance blijft staan.", ["governance"]),
    ("nl", "Het gaat ons eigenlijk vooral om financiering; governance mag er wat mij betreft af.", ["financing"]),
    ("de", "Können Sie bei meinen Themen Governance streichen?", ["financing"]),
])
def test_a_change_asked_for_is_a_correction_not_a_question(lang: str, text: str, themes: list[str]) -> None:
    found = _read(text, lang, MailKind.CONFIRMATION, answers=ANSWERED)
    assert sorted(_answers(found)["themes"]) == sorted(themes)
    assert Finding.QUESTION not in _kinds(found)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Mijn agenda is vrijgekomen, dus ik kan toch bij alle vier de bijeenkomsten zijn. Kunt u dat aanpassen?"),
    ("en", "My diary has cleared, so I can make all four meetings after all. Could you update that?"),
])
def test_all_four_after_all_asked_to_update_is_a_correction(lang: str, text: str) -> None:
    found = _read(text, lang, MailKind.CONFIRMATION, answers={**ANSWERED, "all_meetings": False})
    assert _answers(found)["all_meetings"] is True
    assert Finding.QUESTION not in _kinds(found)


@pytest.mark.parametrize(("lang", "aside"), [
    ("nl", "Nog een vraag: komt er een lijst met deelnemers?"),
    ("nl", "Vraagje tussendoor: is er parkeergelegenheid bij de eerste bijeenkomst?"),
    ("en", "One more question: will the slides be shared afterwards?"),
    ("de", "Noch eine Frage: gibt es vorab eine Teilnehmerliste?"),
])
def test_a_question_beside_the_answers_is_for_the_organiser_not_the_answer(lang: str, aside: str) -> None:
    found = _read(LIST[lang].format(host="-") + "\n" + aside + "\n", lang)
    question = _answers(found)["questions"]
    assert aside.split(": ")[1] not in question
    assert any(f.kind == Finding.QUESTION and aside.split(": ")[1] in f.text for f in found)


Q = load_default_questionnaire(("nl", "en"))


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("nl", "Ik ben werkzaam bij de gemeente Almelo en houd me bezig met de maakindustrie.", "decentral"),
    ("nl", "Ik werk bij Hogeschool Inholland, lectoraat logistiek.", "knowledge"),
    ("en", "I work at the University of Twente on regional innovation.", "knowledge"),
    ("en", "I am a programme lead at the Ministry of Economic Affairs.", "central"),
])
def test_the_name_of_the_organisation_says_its_kind(lang: str, text: str, kind: str) -> None:
    read = read_prose(text, Q, lexicon(lang, "en" if lang != "en" else "nl"))
    assert read.answers.get("org_type") == kind, read.answers


def test_a_kind_said_apart_wins_over_the_name() -> None:
    read = read_prose("Ik werk bij Gemeente Zwolle, maar eigenlijk zijn we een bedrijf.", Q, lexicon("nl", "en"))
    assert read.answers.get("org_type") != "decentral"


# how people lay out their answers: their own ways of numbering, labelling and marking
@pytest.mark.parametrize(("lang", "text", "expect"), [
    ("nl", "ad 2) een provincie\nad 5) groeiend\n", {"org_type": "decentral", "phase": "growing"}),
    ("nl", "2 -> provincie\n5 -> groeiend\n", {"org_type": "decentral", "phase": "growing"}),
    ("en", "Q2 => municipality\nQ5 => growing\n", {"org_type": "decentral", "phase": "growing"}),
    ("nl", "Organisatie -> Gemeente Kampen\nType -> gemeente\nFase -> opkomend\n",
     {"organisation": "Gemeente Kampen", "org_type": "decentral", "phase": "emerging"}),
    ("en", "Organisation => Port of Moerdijk\nType => company\nStage => mature\n",
     {"organisation": "Port of Moerdijk", "org_type": "company", "phase": "mature"}),
    ("de", "Organisation → Stadt Emden\nTyp → Kommune\nPhase → wachsend\n",
     {"organisation": "Stadt Emden", "org_type": "decentral", "phase": "growing"}),
    # a table pasted as text: each question's name on its numbered line, the answer on the next
    ("nl", "1. Organisatie\nGemeente Kampen\n2. Type\nGemeente\n5. Fase\nOpkomend\n",
     {"organisation": "Gemeente Kampen", "org_type": "decentral", "phase": "emerging"}),
    ("en", "1. Organisation\nPort of Moerdijk\n2. Kind\nCompany\n5. Stage\nMature\n",
     {"organisation": "Port of Moerdijk", "org_type": "company", "phase": "mature"}),
])
def test_own_numbering_and_labels(lang: str, text: str, expect: dict[str, Any]) -> None:
    parsed = parse_reply(text, Q, lang)
    for qid, value in expect.items():
        assert parsed.answers.get(qid) == value, (qid, parsed.answers)


@pytest.mark.parametrize(("line", "marked"), [
    ("[ ] Groeiend   <-- deze", True),
    ("[ ] Growing <-- this one", True),
    ("[ ] Wachsend <- genau", True),
    ("[ ] Groeiend <-- niet deze", False),
    ("[ ] Growing <-- not this one", False),
])
def test_an_arrow_back_at_an_option_marks_it(line: str, marked: bool) -> None:
    found = option_line(line)
    assert found is not None and (found.loose_label is not None) == marked


def test_the_apostrophe_of_a_place_name_stays_in_the_organisation() -> None:
    read = read_prose("Ik werk niet bij de provincie maar bij de gemeente 's-Hertogenbosch.", Q, lexicon("nl", "en"),
                      {"organisation": "Provincie Noord-Brabant"}, correcting=True)
    assert read.answers.get("organisation") == "gemeente 's-Hertogenbosch"


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Org: Gemeente Kampen\nType: gemeente\nThema's: governance\nVragen: hoe houd je het mkb erbij? "
           "En wie betaalt "
           "de clustermanager?\nAlle 4: ja\n"),
    ("en", "Org: Port of Moerdijk\nType: company\nThemes: financing\nQuestions: who pays for the cluster office? And "
           "for how long?\nAll 4: yes\n"),
    ("de", "Org: Stadt Emden\nTyp: Kommune\nThemen: Governance\nFragen: wer bezahlt das Clustermanagement? Und wie "
           "lange?\nAlle 4: ja\n"),
])
def test_questions_typed_as_the_answer_are_that_answer_not_questions_to_us(lang: str, text: str) -> None:
    found = _read(text, lang)
    assert "?" in _answers(found)["questions"]
    assert Finding.QUESTION not in _kinds(found)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_our_own_questions_copied_along_ask_nothing(lang: str) -> None:
    questions = {q.id: q.text(lang) for q in Q.questions}
    text = (f"{questions['organisation']}\nGemeente Kampen\n{questions['org_type']}\n"
            + ("Provincie, gemeente of regio" if lang == "nl" else "Province, municipality or region")
            + f"\n{questions['phase']}\n" + ("Groeiend" if lang == "nl" else "Growing") + "\n")
    found = _read(text, lang)
    assert Finding.QUESTION not in _kinds(found), found


@pytest.mark.parametrize(("lang", "typed", "expect"), [
    ("nl", "geen idee eigenlijk, maar ik zou zeggen groeiend", "growing"),
    ("en", "Hard to tell. Mature, I would say.", "mature"),
    ("de", "Schwer zu sagen, eher reif", "mature"),
    ("nl", "misschien groeiend", None),
    ("nl", "groeiend of volwassen, ik twijfel", None),
])
def test_a_choice_made_after_a_doubt_is_that_choice(lang: str, typed: str, expect: str | None) -> None:
    parsed = parse_reply(f"5. {typed}\n", Q, lang)
    assert parsed.answers.get("phase") == expect, parsed.answers
