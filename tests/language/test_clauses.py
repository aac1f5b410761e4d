"""Whether something is meant, by the structure of the clause: the scope of a negation (double negation
included), conditions, doubt, questions, tense. Properties hold for any wording built from the parts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.language.clauses import Clause, clauses
from mailbot.language.lexicon import lexicon
from mailbot.language.statements import SENDER, Statement, statements

NL, EN, DE = lexicon("nl"), lexicon("en"), lexicon("de")


def said(sentence: str, lang: str = "nl") -> list[Statement]:
    lex = lexicon(lang)
    return statements(clauses(sentence, lex), lex)


def the_act(sentence: str, act: str, lang: str = "nl") -> Statement:
    found = [s for s in said(sentence, lang) if s.act == act]
    assert found, f"no {act} in {sentence!r}: {said(sentence, lang)}"
    return found[0]


# the Dutch ways of withdrawing and signing up, with where a negation goes ("{neg}")
WITHDRAW_NL = ["ik meld me {neg} af voor de leerkring", "ik wil me {neg} afmelden", "ik trek me {neg} terug",
               "ik wil {neg} stoppen met de leerkring", "ik zeg mijn deelname {neg} op"]
SIGNUP_NL = ["ik meld me {neg} aan voor de leerkring", "ik wil {neg} deelnemen aan de leerkring",
             "wij doen {neg} mee aan de leerkring", "ik schrijf me {neg} in voor de leerkring"]
WITHDRAW_EN = ["I {neg} want to withdraw from the learning circle", "I am {neg} withdrawing",
               "please {neg} take me off the list"]
NEGATED = {"nl": "niet", "en": "not", "de": "nicht"}
# a denial of the whole: "het is niet zo dat ...", "it is not true that ..."
DENIAL = {"nl": "het is niet zo dat ", "en": "it is not true that "}
AFTERTHOUGHTS_NL = ["maar ik kom niet naar de borrel", "want ik heb geen tijd meer",
                    "omdat het niet lukt met mijn agenda", "maar mijn collega niet"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WITHDRAW_NL + SIGNUP_NL), st.booleans(), st.booleans())
def test_a_negation_turns_the_act_and_a_second_turns_it_back(form: str, negated: bool, denied: bool) -> None:
    act = "withdraw" if form in WITHDRAW_NL else "signup"
    sentence = (DENIAL["nl"] if denied else "") + form.format(neg=NEGATED["nl"] if negated else "")
    statement = the_act(" ".join(sentence.split()), act)
    assert statement.affirmed == (negated == denied)  # none or two: said; one: denied


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(WITHDRAW_EN), st.booleans())
def test_the_same_holds_in_english(form: str, negated: bool) -> None:
    statement = the_act(" ".join(form.format(neg=NEGATED["en"] if negated else "").split()), "withdraw", "en")
    assert statement.affirmed == (not negated)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WITHDRAW_NL + SIGNUP_NL), st.sampled_from(AFTERTHOUGHTS_NL))
def test_a_negation_in_another_clause_does_not_reach_the_act(form: str, afterthought: str) -> None:
    act = "withdraw" if form in WITHDRAW_NL else "signup"
    statement = the_act(f"{form.format(neg='').capitalize()}, {afterthought}.", act)
    assert statement.affirmed and statement.settled


CONDITIONS = {"nl": ["als mijn nieuwe functie doorgaat", "indien het budget niet rondkomt", "mocht het niet lukken",
                     "tenzij mijn directeur bezwaar maakt"],
              "en": ["if my new job comes through", "unless my director objects", "in case the budget falls through"],
              "de": ["wenn mein Vertrag nicht verlängert wird", "falls es nicht klappt"]}
ACTS = {"nl": ("ik meld me af voor de leerkring", "withdraw"),
        "en": ("I will withdraw from the learning circle", "withdraw"),
        "de": ("ich melde mich vom Lernkreis ab", "withdraw")}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(CONDITIONS)), st.data(), st.booleans())
def test_an_act_under_a_condition_is_not_settled_before_or_after_it(lang: str, data: st.DataObject,
                                                                  condition_first: bool) -> None:
    condition = data.draw(st.sampled_from(CONDITIONS[lang]))
    act_words, act = ACTS[lang]
    sentence = f"{condition}, {act_words}." if condition_first else f"{act_words}, {condition}."
    statement = the_act(sentence[0].upper() + sentence[1:], act, lang)
    assert not statement.settled


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["misschien", "wellicht", "waarschijnlijk", "eventueel"]),
       st.sampled_from(WITHDRAW_NL))
def test_doubt_leaves_an_act_unsettled(doubt: str, form: str) -> None:
    sentence = f"{doubt.capitalize()} {form.format(neg='')}"
    assert not the_act(sentence, "withdraw").settled


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(WITHDRAW_NL), st.sampled_from(["zou ik me dan moeten afmelden", "kan ik me afmelden",
                                                       "moet ik me afmelden"]))
def test_a_question_about_oneself_is_not_the_act(form: str, question: str) -> None:
    statement = the_act(question.capitalize() + "?", "withdraw")
    assert not statement.settled


def test_a_request_to_us_is_meant() -> None:
    for sentence, act in (("Kunt u mij afmelden voor de leerkring?", "withdraw"),
                          ("Could you please remove me from the list?", "withdraw")):
        lang = "en" if sentence.startswith("Could") else "nl"
        statement = the_act(sentence, act, lang)
        assert statement.settled and statement.affirmed and statement.by_sender


def first(sentence: str, lang: str = "nl") -> Clause:
    return clauses(sentence, lexicon(lang))[0]


def test_tense_no_longer_and_not_yet() -> None:
    assert first("Ik kom niet meer naar de leerkring").no_longer
    assert first("I will no longer attend", "en").no_longer
    assert first("Ich komme nicht mehr", "de").no_longer
    statement = the_act("Ik heb me nog niet aangemeld", "signup")
    assert statement.clause.not_yet and not statement.affirmed


def test_what_was_is_not_what_is() -> None:
    assert first("Vorige keer schreef ik dat ik niet kon").past
    assert not first("Ik kan niet op 8 april").past


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Gemeente Ede", "Provincie Utrecht", "Oost NL", "Brainport Development", "TNO",
                        "Stichting Kennispark Twente"]),
       st.sampled_from(["namens", "vanuit", "voor"]), st.booleans())
def test_i_sign_up_on_behalf_of_an_organisation_is_me(organisation: str, link: str, front: bool) -> None:
    sentence = (f"{link.capitalize()} {organisation} meld ik me aan voor de leerkring." if front
                else f"Ik meld me aan voor de leerkring {link} {organisation}.")
    statement = the_act(sentence, "signup")
    assert statement.who == {SENDER}


PEOPLE = ["Lisa de Wit", "Jan Bakker", "Fatima El Amrani", "Pieter van der Berg", "Anna Jansen"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PEOPLE), st.sampled_from([
    "Graag meld ik mijn collega {name} aan voor de leerkring.",
    "Mijn collega {name} wil zich aanmelden voor de leerkring.",
    "{name} meldt zich af voor de leerkring.",
    "Namens {name}: zij wil zich afmelden.",
]))
def test_a_named_person_or_a_colleague_in_the_third_person_is_someone_else(name: str, form: str) -> None:
    statement = next(s for s in said(form.format(name=name)) if s.act in ("signup", "withdraw"))
    assert statement.by_other and not statement.by_sender


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(PEOPLE))
def test_a_person_and_i_are_both(name: str) -> None:
    statement = the_act(f"{name} en ik melden ons graag aan.", "signup")
    assert statement.who == {SENDER, "other"}


def test_asked_by_someone_i_take_part_myself() -> None:
    assert the_act("Mijn directeur vroeg mij deel te nemen aan de leerkring.", "signup").who == {SENDER}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Graag meld ik mij aan voor de leerkring", "Ik kom graag", "Ik doe graag mee"]),
       st.sampled_from(["op 11 februari", "in juni", "bij de tweede bijeenkomst"]))
def test_a_denied_repetition_of_the_act_without_its_verb_denies_it_there(act: str, where: str) -> None:
    found = said(f"{act}, maar niet {where}.")
    assert found[0].affirmed and found[-1].act == found[0].act and not found[-1].affirmed
    assert found[-1].who == {SENDER} and where in found[-1].clause.text


@pytest.mark.parametrize(("sentence", "lang"), [
    ("Ik kan niet op maandag, dinsdag lukt ook niet.", "nl"),
    ("An allen Terminen kann ich nicht, im Juni klappt es nicht.", "de"),
])
def test_negations_on_either_side_of_a_comma_do_not_cancel(sentence: str, lang: str) -> None:
    found = clauses(sentence, lexicon(lang))
    assert len(found) == 2 and not any(c.affirmed for c in found)


def test_a_double_negation_in_one_clause_still_cancels() -> None:
    [clause] = clauses("Ik kan niet niet komen.", NL)
    assert clause.affirmed


def test_what_stands_in_brackets_is_said_aside() -> None:
    found = clauses("Volwassen (met een vernieuwingsopgave).", NL)
    assert [c.aside for c in found] == [False, True]
