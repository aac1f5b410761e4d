"""Answers under labels of the writer's own: placed by what they choose or by where they stand in a list that
follows our order, as a careful reader places them; what cannot be placed so stays the writer's words."""

from __future__ import annotations

import pytest

from mailbot.answers.matching import match_yes_no
from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.answers.toplist import parse_list

Q = load_default_questionnaire(("nl", "en"))


def read(text: str, lang: str = "nl") -> dict[str, object]:
    return dict(parse_list(text.strip().split("\n"), Q, lang).answers)


def test_an_unknown_label_between_known_ones_is_the_question_between_them() -> None:
    got = read("""
Organisatie: Gemeente Hoorn
Soort: gemeente
Regio: West-Friesland
Mijn prioriteiten: governance
Fase: groeiend
Wat mij bezighoudt: hoe betrek je kleine bedrijven bij de agenda?
Wat ik meebreng: een evaluatie van ons innovatiefonds
""")
    assert got["themes"] == ["governance"]
    assert "innovatiefonds" in str(got["experience"])


def test_an_unknown_label_is_placed_by_the_options_it_names() -> None:
    got = read("""
Employer: Brightfield Ltd
Type: company
Region: Twente
What matters most to us: financing and investing, and governance
Stage: mature
""", "en")
    assert set(str(v) for v in got["themes"]) == {"financing", "governance"}  # type: ignore[attr-defined]


def test_a_second_label_for_one_question_takes_the_next_place() -> None:
    got = read("""
Organisatie: Provincie Utrecht
Type: provincie
Alle vier aanwezig: ja
Een bijeenkomst bij ons: heel graag
""")
    assert got["all_meetings"] is True and got["host"] is True


def test_labels_out_of_our_order_place_nothing() -> None:
    got = read("""
Fase: groeiend
Organisatie: Gemeente Hoorn
Regio: West-Friesland
Waar ik op hoop: veel uitwisseling
""")
    assert "themes" not in got and "questions" not in got and "experience" not in got


def test_a_link_or_a_question_under_a_label_is_no_answer() -> None:
    got = read("""
Organisatie: Gemeente Hoorn
Soort: gemeente
Regio: West-Friesland
Website: https://www.hoorn.test
""")
    assert "themes" not in got


def test_a_plain_yes_first_is_not_undone_by_a_doubt_after_it() -> None:
    got = read("""
Organisatie: Gemeente Hoorn
Soort: gemeente
Ontvangen: heel graag. Misschien kan het in het najaar?
""")
    assert got.get("host") is True


def test_an_intensifier_before_the_yes() -> None:
    assert match_yes_no("heel graag") is True and match_yes_no("zeer zeker") is True
    assert match_yes_no("heel misschien") is None


def test_a_label_like_opening_above_the_list_is_no_answer() -> None:
    got = read("""
Goed nieuws: mijn agenda is vrijgekomen, dus ik kom in juni toch.

Fase: groeiend
Ervaring: ons regionale innovatiefonds
Ontvangen: nee
""")
    assert "organisation" not in got and got.get("host") is False


def test_an_answer_that_says_first_it_is_still_to_come_is_none() -> None:
    got = read("""
1. Gemeente Hoorn
6. daar kom ik nog op terug, eerst even overleggen met mijn team
7. heb ik opengelaten
8. dat kan ik nu nog niet overzien
9. het ontvangen laat ik aan de provincie
""")
    assert got.get("organisation") and not {"questions", "experience", "all_meetings", "host"} & set(got)


def test_an_answer_that_only_mentions_later_is_still_an_answer() -> None:
    got = read("""
1. Gemeente Hoorn
7. onze ervaring met een fonds dat later is opgezet
""")
    assert "fonds" in str(got.get("experience"))


@pytest.mark.parametrize(("typed", "lang", "chosen"), [
    ("other, I'd say - we're a non-profit, not really a cluster organisation", "en", "other"),
    ("Anders: geen bedrijf, wel een stichting", "nl", "other"),
])
def test_an_option_named_only_to_deny_it_is_not_chosen(typed: str, lang: str, chosen: str) -> None:
    from mailbot.answers.parse_reply import parse_reply

    questionnaire = load_default_questionnaire(["nl", "en"])
    parsed = parse_reply(f"Organisation: StartHub Delft\nType: {typed}\n", questionnaire, lang, None)
    assert parsed.answers.get("org_type") == chosen


@pytest.mark.parametrize(("text", "lang"), [
    ("Wie: Stichting Kiemkracht\nWat: clusterorganisatie\nWaar: Zuidoost-Drenthe\nWaarover: vooral financiering\n"
     "Stadium: opkomend", "nl"),
    ("Who: Stichting Kiemkracht\nWhat: cluster organisation\nWhere: Zuidoost-Drenthe\nTopics: financing\n"
     "Stage: emerging", "en"),
])
def test_question_words_as_labels_ask_what_they_ask(text: str, lang: str) -> None:
    """"Wie:" asks who (the organisation), "Waar:" where (the cluster or region): placed by what they ask,
    wherever they stand."""
    got = read(text, lang)
    assert got["organisation"] == "Stichting Kiemkracht" and got["region"] == "Zuidoost-Drenthe"
    assert got["themes"] == ["financing"] and got["phase"] == "emerging"


def test_a_choice_with_an_aside_in_brackets_is_the_choice() -> None:
    got = read("Organisatie: Gemeente Hoorn\nFase: groeiend (al vinden sommigen ons volwassen)\n")
    assert got["phase"] == "growing"
