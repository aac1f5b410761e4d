"""On a sample circle written as people write: which matches come out, which do not, and why."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.answers.questionnaire import Questionnaire, load_default_questionnaire
from mailbot.matching.model import Matches, Profile
from mailbot.matching.profiles import profiles_of
from mailbot.matching.score import THRESHOLD, match_circle, same_organisation
from mailbot.matching.terms import TermReader
from mailbot.matching.words import matches_context, reasons, topic
from tests.matching.circle import PEOPLE, first, records

QUESTIONNAIRE = load_default_questionnaire(["nl", "en"])


@pytest.fixture(scope="module")
def matches() -> Matches:
    return match_circle(profiles_of(records(), QUESTIONNAIRE))


def helpers(matches: Matches, name: str) -> list[str]:
    return [m.helper.name.split()[0] for m in matches.helpers_of(first(name))]


def test_the_matches_of_the_sample_circle(matches: Matches) -> None:
    assert {p.name.split()[0]: helpers(matches, p.name.split()[0]) for p in matches.askers} == {
        "Anna": ["Ingrid", "Bram"],  # the best first; Eva shares one word and a theme: under the threshold
        "Bram": ["Gemma"],
        "Carla": [],  # "financieringsvormen" is a word no one else writes
        "Frank": ["Gemma"],
        "Gemma": ["Eva"],
        "Hans": ["Lotte"],  # English with English
        "Jan": [],
        "Lotte": [],
    }
    assert [p.name.split()[0] for p in matches.unmatched] == ["Carla", "Jan", "Lotte"]


def test_nobody_is_matched_within_their_own_organisation_nor_after_withdrawing(matches: Matches) -> None:
    anna = matches.helpers_of(first("Anna"))
    assert "Dirk" not in [m.helper.name.split()[0] for m in anna]  # the same experience, at Provincie Groningen
    assert all(m.helper.id != first("Karin") and m.asker.id != first("Karin") for m in matches.found)
    assert all(m.score >= THRESHOLD and m.terms for m in matches.found)


def test_the_reasons_say_why_in_words(matches: Matches) -> None:
    bram = next(m for m in matches.helpers_of(first("Anna")) if m.helper.name.startswith("Bram"))
    assert [t.word for t in bram.terms] == ["MKB", "financiering", "subsidie"]
    assert reasons(bram, QUESTIONNAIRE, "nl") == [
        "gedeelde termen: MKB (1,4), financiering (1,2), subsidie (1,2)",
        "zelfde thema: Financieren en investeren",
        "vergelijkbare organisatie: Provincie, gemeente of regio",
        "andere regio: Brainport Eindhoven en Noord-Nederland",
    ]
    gemma = matches.helpers_of(first("Bram"))[0]
    assert reasons(gemma, QUESTIONNAIRE, "en")[1:3] == ["same theme: Cluster governance", "same phase: Mature"]


def test_the_topic_names_only_shared_words_and_the_theme(matches: Matches) -> None:
    """What an introduction may say: words of the helper's experience that the question shares, the theme."""
    for match in matches.found:
        said = topic(match, QUESTIONNAIRE, "nl")
        assert match.asker.region not in said or not match.asker.region
        shown = said.split("; ")[0].split(", ")
        assert all(word in match.helper.experience for word in shown)
        assert match.asker.question not in said


def test_who_declined_introductions_is_marked_not_hidden(matches: Matches) -> None:
    context = matches_context(matches, QUESTIONNAIRE, "nl", limit=3)
    anna = next(a for a in context["askers"] if a["name"] == "Anna de Vries")
    assert [(h["helper"]["name"], h["helper"]["declined"]) for h in anna["helpers"]] == [
        ("Ingrid Kok", True), ("Bram Jansen", False)]
    assert context["count"] == 6


def test_a_meeting_sees_only_the_people_it_expects(matches: Matches) -> None:
    expected = {first("Anna"), first("Bram"), first("Gemma"), first("Jan")}
    there = matches.among(expected)
    assert {(m.asker.name.split()[0], m.helper.name.split()[0]) for m in there.found} == {
        ("Anna", "Bram"), ("Bram", "Gemma")}
    assert [p.name.split()[0] for p in there.unmatched] == ["Gemma", "Jan"]  # Eva, who fits Gemma, is not there


def test_same_organisation_by_answer_or_by_domain() -> None:
    def profile(email: str, organisation: str) -> Profile:
        return Profile(1, "", email, organisation, "nl", "", "")

    assert same_organisation(profile("a@x.example", "Provincie Groningen"),
                             profile("b@y.example", "provincie  groningen."))
    assert same_organisation(profile("a@oostnl.example", "Oost NL"), profile("b@oostnl.example", "Oost Nederland"))
    assert not same_organisation(profile("a@gmail.com", "Adviseur"), profile("b@gmail.com", "Zelfstandig"))
    assert not same_organisation(profile("a@x.example", ""), profile("b@y.example", ""))


def test_stems_join_the_forms_of_a_word_and_the_stop_list_drops_the_rest() -> None:
    reader = TermReader()
    dutch = reader.terms("Wij financieren de subsidies; de financiering van subsidie is onze vraag.", "en")
    assert dutch.language == "nl"
    assert dutch.counts == {"financier": 2, "subsidie": 2}
    assert dutch.words == {"financier": "financieren", "subsidie": "subsidies"}
    english = reader.terms("We have experience with financing and how we financed the companies.", "nl")
    assert english.language == "en" and set(english.words.values()) == {"financing", "companies"}


WORDS = ["waterstof", "fonds", "subsidie", "governance", "campus", "bestuur", "monitor", "haven", "MKB", "onderwijs"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), max_size=6), st.lists(st.sampled_from(WORDS), max_size=6),
                          st.sampled_from(["Org A", "Org B", "Org C"])), min_size=2, max_size=8))
def test_a_match_never_joins_one_organisation_and_always_clears_the_threshold(
        circle: list[tuple[list[str], list[str], str]]) -> None:
    people = [Profile(i, f"P{i}", f"p{i}@{org.replace(' ', '').lower()}{i}.example", org, "nl",
                      " ".join(question), " ".join(experience))
              for i, (question, experience, org) in enumerate(circle)]
    found = match_circle(people)
    for m in found.found:
        assert m.asker.organisation != m.helper.organisation and m.asker.id != m.helper.id
        assert m.score >= THRESHOLD and m.helper.experience
    assert {p.id for p in found.unmatched} == {p.id for p in people if p.question} - {m.asker.id for m in found.found}


def test_a_questionnaire_without_experience_matches_no_one() -> None:
    without = Questionnaire(tuple(q for q in QUESTIONNAIRE.questions if q.id != "experience"))
    assert match_circle(profiles_of(records(), without)).found == ()
    assert len(PEOPLE) == 12
