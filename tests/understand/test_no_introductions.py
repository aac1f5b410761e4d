"""'Do not introduce me': a refusal by the writer, in any wording, Dutch or English; not a question about
introductions, not someone else's wish, not leaving the whole circle, not a meeting called a kennismaking."""

from __future__ import annotations

import pytest

from mailbot.core.domain import Finding, Status
from mailbot.understand import understand
from tests.understand.test_findings import kinds, message, reading

ANSWERED = Status.ANSWERED

REFUSALS = [
    "Ik wil liever niet aan andere deelnemers voorgesteld worden.",
    "Ik wil niet gekoppeld worden aan andere deelnemers.",
    "Geen koppelingen voor mij, graag.",
    "Ik heb geen behoefte aan kennismakingen met andere deelnemers.",
    "Stel mij alstublieft niet voor aan anderen.",
    "Ik meld me af voor de koppelingen, de bijeenkomsten kom ik graag.",
    "Kunt u mij niet meer in contact brengen met andere deelnemers?",
    "Please don't introduce me to other participants.",
    "I would rather not be matched with other people.",
    "I'd like to opt out of the introductions.",
]
NOT_REFUSALS = [
    "Ik wil graag gekoppeld worden aan iemand met ervaring in waterstof.",
    "Hoe werkt het koppelen van deelnemers precies?",
    "Mijn collega wil niet voorgesteld worden, ik wel.",
    "Als u mij koppelt, dan graag aan iemand uit Twente.",
    "Ik kan niet bij de kennismaking op 11 februari zijn.",
    "Ik wil voorstellen om de bijeenkomst in Wageningen te houden.",
    "Please introduce me to someone working on hydrogen.",
]


@pytest.mark.parametrize("text", REFUSALS)
def test_a_refusal_in_any_wording_is_found(text: str) -> None:
    found = understand(reading(message(text), ANSWERED, lang="en" if text.isascii() and " ik " not in text else "nl"))
    assert Finding.NO_INTRODUCTIONS in kinds(found), found
    assert Finding.WITHDRAWAL not in kinds(found)


@pytest.mark.parametrize("text", NOT_REFUSALS)
def test_what_is_no_refusal_is_not_read_as_one(text: str) -> None:
    assert Finding.NO_INTRODUCTIONS not in kinds(understand(reading(message(text), ANSWERED)))


def test_leaving_the_whole_circle_stays_a_withdrawal() -> None:
    found = kinds(understand(reading(message("Ik meld mij af voor de leerkring, koppel mij maar niet meer."),
                                     ANSWERED)))
    assert Finding.WITHDRAWAL in found


def test_only_a_participant_can_decline_introductions() -> None:
    assert Finding.NO_INTRODUCTIONS not in kinds(understand(reading(message(REFUSALS[0]), None)))
