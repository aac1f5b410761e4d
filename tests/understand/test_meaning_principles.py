"""Whether an act is meant and whose it is, by principle: the principles behind misreadings found in held-out
mail written by others (b12, 7 December 2026), each tested here in wordings of our own, never the mail's."""

from __future__ import annotations

import pytest

from mailbot.answers.prose import read_prose
from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.core.domain import Finding, MailKind
from mailbot.language.lexicon import lexicon
from mailbot.understand import understand
from tests.understand.test_findings import PARTICIPANT, kinds, message, reading
from tests.understand.test_paraphrases import found_in

Q = load_default_questionnaire(("nl", "en"))


def participant(text: str, lang: str = "nl") -> set[str]:
    return found_in(text, lang, PARTICIPANT)


def newcomer(text: str, lang: str = "nl") -> set[str]:
    return found_in(text, lang, None)


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik stop met de leerkring. Alle andere deelnemers wens ik veel plezier.", "nl"),
    ("I am withdrawing from the learning circle. My best wishes to the participants.", "en"),
    ("Ich melde mich vom Lernkreis ab. Den Teilnehmenden wünsche ich viel Erfolg.", "de"),
])
def test_participants_named_are_nobody_s_act(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL in participant(text, lang), "a wish for the others is no sign-up beside it"


@pytest.mark.parametrize(("text", "lang"), [
    ("Graag word ik deelnemer van de leerkring.", "nl"),
    ("Kunt u mij als deelnemer noteren voor de leerkring?", "nl"),
    ("I would like to become a participant of the learning circle.", "en"),
])
def test_becoming_a_participant_is_a_sign_up(text: str, lang: str) -> None:
    assert Finding.REGISTRATION in newcomer(text, lang)


@pytest.mark.parametrize("text", [
    "Ik meld me af voor de leerkring als mijn detachering niet wordt verlengd.",
    "Ik trek mijn aanmelding in als het budget wordt geschrapt.",
])
def test_if_inside_a_sentence_is_a_condition(text: str) -> None:
    found = participant(text)
    assert Finding.WITHDRAWAL not in found and Finding.MESSAGE in found


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik schrijf me graag in voor de leerkring, als dat nog kan.", "nl"),
    ("Ik meld me aan voor de leerkring als er nog plek is.", "nl"),
    ("Ik zou het op prijs stellen als u mij inschrijft voor de leerkring.", "nl"),
    ("I would like to join the learning circle, if there is still room.", "en"),
])
def test_whether_we_can_asked_politely_is_no_condition(text: str, lang: str) -> None:
    assert Finding.REGISTRATION in newcomer(text, lang)


def test_comparing_with_als_is_no_condition() -> None:
    assert Finding.WITHDRAWAL in participant("Net als mijn collega meld ik me af voor de leerkring.")


def test_who_knows_is_a_doubt() -> None:
    found = participant("Ik stop ermee. Wie weet schrijf ik me volgend jaar weer in voor de leerkring.")
    assert Finding.WITHDRAWAL in found and Finding.CONTRADICTION not in found


@pytest.mark.parametrize(("text", "lang"), [
    ("U schreef dat ik me kan afmelden als ik niet wil meedoen. Ik doe juist heel graag mee.", "nl"),
    ("You wrote that I can withdraw if I no longer wish to take part. I would very much like to take part.", "en"),
])
def test_what_we_wrote_told_back_is_not_the_writer_s(text: str, lang: str) -> None:
    found = found_in(text, lang, PARTICIPANT, replies_to=MailKind.QUESTIONNAIRE)
    assert not found & {Finding.WITHDRAWAL, Finding.CONTRADICTION, Finding.MESSAGE}


@pytest.mark.parametrize(("text", "lang"), [
    ("Na de tweede bijeenkomst stop ik met de leerkring.", "nl"),
    ("After the meeting in Wageningen I will end my participation in the circle.", "en"),
])
def test_leaving_from_a_meeting_on_is_hers_to_settle(text: str, lang: str) -> None:
    found = participant(text, lang)
    assert Finding.WITHDRAWAL not in found and Finding.MESSAGE in found


@pytest.mark.parametrize(("text", "lang"), [
    ("Het is goed mogelijk dat ik in het voorjaar plaatsmaak voor een collega.", "nl"),
    ("I will make sure my successor hears about the learning circle.", "en"),
])
def test_a_place_made_for_someone_reaches_the_organiser(text: str, lang: str) -> None:
    found = participant(text, lang)
    assert Finding.MESSAGE in found and Finding.WITHDRAWAL not in found


def test_replacing_an_answer_is_no_place_made() -> None:
    found = participant("Please replace Financing with Governance in my themes.", "en")
    assert Finding.MESSAGE not in found


def test_a_colleague_named_once_is_the_one_spoken_of_later() -> None:
    found = participant("Mijn collega Anna de Groot is ziek. Anna zal de bijeenkomsten niet kunnen bijwonen.")
    assert Finding.COLLEAGUE in found and Finding.ATTENDANCE not in found, "Anna's absence is not the sender's"


def test_you_after_a_preposition_is_no_subject() -> None:
    mail = message("Op de door u genoemde datum ben ik helaas verhinderd.", subject="Re: Herinnering")
    found = understand(reading(mail, PARTICIPANT, replies_to=MailKind.REMINDER, thread_meeting="m2"))
    assert Finding.ATTENDANCE in kinds(found)


@pytest.mark.parametrize(("text", "lang"), [
    ("Vraag 9 is voor ons niet van toepassing.", "nl"),
    ("Of ons cluster een bijeenkomst kan ontvangen, is niet aan mij.", "nl"),
    ("Whether we can host a meeting is not up to me.", "en"),
])
def test_applicability_and_whether_are_no_yes_or_no(text: str, lang: str) -> None:
    assert "host" not in read_prose(text, Q, lexicon(lang, "en" if lang != "en" else "nl")).answers


@pytest.mark.parametrize(("text", "lang"), [
    ("Het is vier uur met de trein, maar ik heb het ervoor over.", "nl"),
    ("Four hours on the train, but it is worth it.", "en"),
])
def test_a_number_with_a_measure_is_not_all_four_meetings(text: str, lang: str) -> None:
    assert "all_meetings" not in read_prose(text, Q, lexicon(lang, "en" if lang != "en" else "nl")).answers


def test_all_four_is_still_all_four() -> None:
    read = read_prose("Ik kan bij alle vier de bijeenkomsten zijn.", Q, lexicon("nl", "en"))
    assert read.answers.get("all_meetings") is True


@pytest.mark.parametrize(("text", "lang"), [
    ("Graag meld ik me aan voor de leerkring. Mocht u aanvullende gegevens nodig hebben, dan hoor ik het.", "nl"),
    ("Ik schrijf me in voor de leerkring en hoor graag hoe het verdere verloop is.", "nl"),
    ("I would like to join the learning circle. Do let me know should you need anything else from me.", "en"),
])
def test_an_offer_of_more_information_asks_nothing(text: str, lang: str) -> None:
    found = newcomer(text, lang)
    assert Finding.REGISTRATION in found and not found & {Finding.QUESTION, Finding.REMARK, Finding.MESSAGE}


def test_a_real_question_beside_an_offer_still_asks() -> None:
    found = newcomer("Ik meld me aan voor de leerkring. Is er parkeergelegenheid bij Energy Valley? Mocht u nog iets "
                     "nodig hebben, laat het weten.")
    assert Finding.QUESTION in found


@pytest.mark.parametrize(("text", "lang"), [
    ("Het ticket is al gekocht, tot donderdag!", "nl"),
    ("Die Bahnfahrt ist gebucht, bis Donnerstag!", "de"),
])
def test_parting_words_to_a_reminder_say_one_comes(text: str, lang: str) -> None:
    mail = message(text, subject="Re: Herinnering")
    found = understand(reading(mail, PARTICIPANT, lang=lang, replies_to=MailKind.REMINDER, thread_meeting="m2"))
    assert Finding.ATTENDANCE in kinds(found) and Finding.MESSAGE not in kinds(found)


def test_a_joke_taken_back_reaches_nobody_in_any_part() -> None:
    found = participant("Nijmegen is voor ons bijna buitenland, daar schrijf ik me maar voor uit! Nee hoor, grapje.")
    assert not found & {Finding.WITHDRAWAL, Finding.MESSAGE, Finding.QUESTION}  # at most noted on the record
