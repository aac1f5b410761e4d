"""Corrections in so many words, Dutch and English: placed on the right question, or handed to a person."""

from __future__ import annotations

import dataclasses

import pytest

from mailbot.answers.questionnaire import Questionnaire
from mailbot.core.domain import Finding, MailKind, Status
from mailbot.understand import understand
from tests.understand.test_findings import QUESTIONNAIRE, kinds, message, of, reading

# (text, what the correction sets); numbers are those of the shipped questionnaire
PLACED = [
    ("Correctie: bij vraag 8 bedoelde ik Nee.", {"all_meetings": False}),
    ("Bij 8 bedoelde ik nee", {"all_meetings": False}),
    ("Vraag 5 moet Groeiend zijn.", {"phase": "growing"}),
    ("Sorry, bij vraag 5 bedoelde ik niet Opkomend maar Volwassen.", {"phase": "mature"}),
    ("Verander vraag 2 in Rijksoverheid.", {"org_type": "central"}),
    ("Het antwoord op vraag 9 moet ja zijn.", {"host": True}),
    ("For question 8 I meant no.", {"all_meetings": False}),
    ("Question 5 should be Growing.", {"phase": "growing"}),
    ("Please change question 2 to Company.", {"org_type": "company"}),
    ("Bij fase bedoelde ik Groeiend.", {"phase": "growing"}),
    ("Correctie: vraag 8: nee", {"all_meetings": False}),
    ("Ik bedoelde bij vraag 5 eigenlijk Volwassen.", {"phase": "mature"}),
    ("Sorry, I meant Company for question 2.", {"org_type": "company"}),
    ("Correction: question 8 = yes", {"all_meetings": True}),
    ("Bij vraag 4 bedoelde ik Financieren en investeren en Cluster governance.",
     {"themes": ["governance", "financing"]}),
    # no question named: the new choice belongs to one single-choice question only
    ("Ik bedoelde Groeiend, niet Opkomend.", {"phase": "growing"}),
    ("Sorry, ik bedoelde Volwassen in plaats van In vernieuwing.", {"phase": "mature"}),
    ("Correctie: het moet Rijksoverheid zijn.", {"org_type": "central"}),
    ("I meant Company, not Central government.", {"org_type": "company"}),
]


@pytest.mark.parametrize(("text", "expected"), PLACED)
def test_a_correction_is_placed_on_its_question(text: str, expected: dict[str, object]) -> None:
    found = understand(reading(message(text, subject="Re: Uw antwoorden"), Status.ANSWERED,
                               lang="en" if "question" in text else "nl", replies_to=MailKind.CONFIRMATION))
    assert of(found, Finding.CORRECTION).data["answers"] == expected
    assert not kinds(found) & {"unplaced", "message", "question"}


@pytest.mark.parametrize("text", [
    "Correctie: bij vraag 42 bedoelde ik Nee.",  # no such question
    "Bij vraag 5 bedoelde ik iets heel anders dan wat er staat.",  # no option
    "For question 2 I meant something in between.",
])
def test_a_correction_that_cannot_be_placed_goes_to_a_person(text: str) -> None:
    found = understand(reading(message(text, subject="Re: Uw antwoorden"), Status.ANSWERED,
                               replies_to=MailKind.CONFIRMATION))
    assert "unplaced" in kinds(found)
    assert "correction" not in kinds(found)


@pytest.mark.parametrize("text", [
    "Ik bedoelde nee.",  # yes and no answer several questions: which one?
    "Ik bedoelde Cluster governance.",  # a choice of several: instead of the others, or as well?
])
def test_a_correction_naming_no_question_that_fits_several_is_not_placed(text: str) -> None:
    found = understand(reading(message(text, subject="Re: Uw antwoorden"), Status.ANSWERED,
                               replies_to=MailKind.CONFIRMATION))
    assert "correction" not in kinds(found)
    assert kinds(found) & {"message", "unplaced"}, "it goes to a person"


@pytest.mark.parametrize("text", [
    "Wat bedoelde u met Anders?",  # a question about an option corrects nothing
    "Bij 3 bijeenkomsten kan ik niet.",
    "Ik heb vraag 4 met plezier ingevuld.",
    "Ik bedoelde niets kwaads met mijn vorige mail.",
])
def test_words_that_are_no_correction_are_not_one(text: str) -> None:
    found = understand(reading(message(text), Status.ANSWERED))
    assert not kinds(found) & {"correction", "unplaced"}


def test_a_correction_by_number_follows_the_version_the_person_saw() -> None:
    role = dataclasses.replace(QUESTIONNAIRE.questions[0], id="role", required=False,
                               question={"nl": "Wat is uw functie?", "en": "What is your role?"})
    current = Questionnaire((QUESTIONNAIRE.questions[0], role, *QUESTIONNAIRE.questions[1:]))
    seen = reading(message("Bij vraag 2 bedoelde ik Bedrijf."), Status.ANSWERED, replies_to=MailKind.CONFIRMATION)
    found = understand(dataclasses.replace(seen, current=current))
    assert of(found, Finding.CORRECTION).data["answers"] == {"org_type": "company"}


def test_a_correction_from_a_stranger_is_no_correction() -> None:
    assert "correction" not in kinds(understand(reading(message("Bij vraag 7 bedoelde ik nee."), None)))
