"""Tolerant matching of typed labels, yes/no and scale values."""

from __future__ import annotations

import pytest

from mailbot.answers.matching import match_option, match_options, match_scale, match_yes_no, similar_words
from mailbot.answers.questionnaire import load_default_questionnaire

QUESTIONNAIRE = load_default_questionnaire(["nl", "en"])


def options(question_id: str):  # type: ignore[no-untyped-def]
    question = QUESTIONNAIRE.get(question_id)
    assert question is not None
    return question.options


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Rijksoverheid", "central"),
        ("rijksoverheid.", "central"),
        ("RIJKSOVERHIED", "central"),  # typo
        ("Central government", "central"),
        ("2", "central"),  # option number
        ("optie 5", "company"),
        ("Kennisinstelling", "knowledge"),
        ("Kennis- of onderwijsinstelling", "knowledge"),
        ("Provincie", "decentral"),  # label prefix
        ("Provincie Overijssel", "decentral"),
        ("Anders, namelijk een stichting", "other"),
        ("cluster organisation", "cluster_org"),
        ("Een stichting", None),
        ("7", None),
        ("", None),
    ],
)
def test_single_option(typed: str, expected: str | None) -> None:
    assert match_option(typed, options("org_type")) == expected


@pytest.mark.parametrize(
    ("typed", "expected", "unmatched"),
    [
        ("governance en financiering", ["governance", "financing"], []),
        ("Cluster governance, Financieren en investeren", ["governance", "financing"], []),
        (
            "Cluster governance, Faciliteren en stimuleren van groei (beleidsinstrumenten) en "
            "Financieren en investeren",
            ["governance", "facilitation", "financing"],
            [],
        ),
        ("Financing and investing and Cluster governance", ["governance", "financing"], []),
        ("1 en 3", ["governance", "facilitation"], []),
        ("triple helix; faciliteren", ["roles", "facilitation"], []),
        ("governance en iets met data", ["governance"], ["iets met data"]),
    ],
)
def test_several_options(typed: str, expected: list[str], unmatched: list[str]) -> None:
    assert match_options(typed, options("themes")) == (expected, unmatched)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ja", True), ("Ja, graag", True), ("yes", True), ("Zeker!", True), ("nee", False), ("No.", False),
     ("Helaas niet", False), ("misschien", None), ("ja/nee", None), ("weet ik niet", None), ("", None)],
)  # fmt: skip
def test_yes_no(typed: str, expected: bool | None) -> None:
    assert match_yes_no(typed) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("4", 4), ("4/5", 4), ("3 van 5", 3), ("vier", 4), ("5 (heel urgent)", 5), ("8", None), ("1-5", None),
     ("0", None), ("ongeveer 3 of 4", None), ("hoog", None)],
)  # fmt: skip
def test_scale(typed: str, expected: int | None) -> None:
    assert match_scale(typed) == expected


def test_similar_words() -> None:
    assert similar_words("governence", "governance")
    assert similar_words("financiering", "financieren")
    assert not similar_words("eens", "oneens")
    assert not similar_words("ja", "jo")
