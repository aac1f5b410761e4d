"""Nothing irreversible on a reading that is not the person's own, unconditional, unretracted act: the
principles behind five irreversible misreadings found in mail written by others (each tested here in
wordings of our own, never the mail's)."""

from __future__ import annotations

import pytest

from mailbot.core.domain import Finding, Status
from mailbot.understand import understand
from mailbot.understand.confirmation import intent
from tests.understand.test_findings import kinds, message, reading
from tests.understand.test_paraphrases import found_in


def found(text: str, lang: str = "nl") -> set[str]:
    return found_in(text, lang, Status.ANSWERED)


@pytest.mark.parametrize("text", [
    "Ja, dat was ik. Maar bij nader inzien wil ik toch blijven.",
    "Ja, ik had het gevraagd. Maar laat u alles toch maar staan.",
    "Yes, that was me. But I have changed my mind and would like to stay.",
    "Ja, das war ich. Aber ich möchte doch dabei bleiben.",
])
def test_a_yes_followed_by_a_change_of_mind_is_no_yes(text: str) -> None:
    assert intent(text) != "yes"


@pytest.mark.parametrize("text", ["Ja", "Ja, graag verwijderen.", "Ja, dat klopt. Verwijder alles maar.",
                                  "Yes, please go ahead.", "Ja bitte, löschen Sie alles."])
def test_a_plain_yes_stays_a_yes(text: str) -> None:
    assert intent(text) == "yes"


@pytest.mark.parametrize(("text", "lang"), [
    ("Gaat mijn project niet door, dan meld ik me af voor de leerkring.", "nl"),
    ("Krijg ik geen vrij van mijn werkgever, dan moet ik me helaas afmelden.", "nl"),
    ("Klappt das mit der Finanzierung nicht, dann melde ich mich vom Lernkreis ab.", "de"),
])
def test_a_verb_first_clause_answered_by_then_is_a_condition(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in found(text, lang)


def test_a_fact_followed_by_then_is_no_condition() -> None:
    assert Finding.WITHDRAWAL in found("Ik heb er geen tijd meer voor, dan meld ik me maar af voor de leerkring.")


@pytest.mark.parametrize("text", [
    "Mijn directeur heeft mij gevraagd hem af te melden voor de leerkring.",
    "Onze wethouder vroeg mij haar uit te schrijven.",
])
def test_the_object_nearest_the_act_is_whose_act_it_is(text: str) -> None:
    kinds_found = found(text)
    assert Finding.WITHDRAWAL not in kinds_found
    assert kinds_found & {Finding.COLLEAGUE, Finding.MESSAGE}, "it reaches the organiser"


@pytest.mark.parametrize("text", [
    "Lisa Smit van ons bureau zal niet langer meedoen.",
    "Pieter de Graaf van onze afdeling doet niet meer mee aan de leerkring.",
])
def test_a_pronoun_after_a_preposition_is_nobody_the_act_is_done_to(text: str) -> None:
    assert Finding.WITHDRAWAL not in found(text)


@pytest.mark.parametrize("text", [
    "Kunt u al mijn gegevens uit het systeem verwijderen?",
    "Wilt u mijn persoonsgegevens uit uw bestanden halen?",
    "Graag al mijn gegevens uit de administratie weghalen.",
])
def test_data_with_a_verb_that_removes_it_at_the_end_is_an_erasure_request(text: str) -> None:
    assert Finding.DELETION in found(text)


@pytest.mark.parametrize(("text", "lang"), [
    ("In de bijlage vindt u mijn ingevulde vragenlijst, dat ging makkelijker in Word.", "nl"),
    ("I have attached the questionnaire as a PDF.", "en"),
    ("Im Anhang finden Sie den ausgefüllten Fragebogen.", "de"),
])
def test_a_file_spoken_of_that_did_not_come_reaches_a_person(text: str, lang: str) -> None:
    assert Finding.MESSAGE in found(text, lang), "someone must ask for the file"


@pytest.mark.parametrize("text", [
    "Financiering wil ik graag nog toevoegen aan mijn thema's.",
    "Dat wil ik er graag nog aan toevoegen.",
])
def test_adding_a_thing_is_no_sign_up(text: str) -> None:
    assert Finding.REGISTRATION not in found(text)


def test_adding_oneself_is_a_sign_up() -> None:
    new_sender = reading(message("Kunt u mij toevoegen aan de deelnemers?"), None, lang="nl")
    assert Finding.REGISTRATION in kinds(understand(new_sender))


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik stop ermee! Haha, nee hoor, ik kijk er juist erg naar uit."),
    ("nl", "Zal ik me maar afmelden? 😉 Nee hoor, ik ben er gewoon bij."),
    ("nl", "Van afmelden is geen sprake: ik blijf gewoon deelnemen."),
    ("nl", "Ik ben niet van plan me af te melden, ik wilde alleen iets vragen over de locatie."),
    ("nl", "Geen zorgen, ik haak niet af. Ik kan alleen de tweede bijeenkomst niet."),
    ("nl", "Uitschrijven? Welnee, ik doe gewoon mee."),
    ("nl", "Dit is geen afmelding: ik kan alleen 8 april niet."),
    ("nl", "ik ben eruit... grapje natuurlijk, ik kom gewoon"),
    ("nl", "Had me bijna uitgeschreven maar toch maar niet gedaan."),
    ("nl", "Afmelden is uitgesloten, ik kom zeker."),
    ("en", "I'm out! Just kidding, see you in Groningen."),
    ("en", "Withdrawing is the last thing on my mind; I'll be there."),
    ("en", "I have no intention of pulling out."),
    ("en", "We have no plans to cancel our registration."),
    ("en", "Cancelling is out of the question, I only miss the April session."),
    ("en", "This is not a cancellation: I simply cannot attend the second meeting."),
    ("en", "I nearly cancelled my registration but decided to stay after all."),
    ("de", "Ich melde mich ab! Nur ein Scherz, ich freue mich darauf."),
    ("de", "Ich denke nicht daran, mich abzumelden."),
    ("de", "Eine Abmeldung ist ausgeschlossen, ich komme auf jeden Fall."),
])
def test_a_withdrawal_denied_by_intent_idiom_or_joke_withdraws_nobody(lang: str, text: str) -> None:
    assert Finding.WITHDRAWAL not in found(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I have no time left for this, so please cancel my registration."),
    ("en", "No, I'm sorry, but I have to withdraw from the learning circle."),
    ("nl", "Ik heb er helaas geen tijd meer voor, dus ik meld me af voor de leerkring."),
])
def test_a_real_withdrawal_beside_a_no_still_withdraws(lang: str, text: str) -> None:
    assert Finding.WITHDRAWAL in found(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Zoveel vragen, daar haak ik meteen voor af 😉\n\nWel een vraag: is er parkeergelegenheid?"),
    ("nl", "Ik schrijf me maar uit ;-) Nee, ik vul hem morgen in."),
    ("nl", "Weet je wat, ik stop ermee.\n\nSerieus: de antwoorden komen na het weekend."),
    ("en", "Nine questions? I'm withdrawing right now 😜\n\nSeriously though, answers will follow on Monday."),
    ("de", "Neun Fragen, da melde ich mich gleich ab 😂\n\nIm Ernst: ich fülle ihn diese Woche aus."),
    ("de", "Ich melde mich keineswegs ab, ich komme nur etwas später."),
    ("en", "I am by no means withdrawing; I will just arrive a bit late."),
])
def test_leaving_said_with_a_wink_or_followed_by_now_seriously_or_denied_outright_is_no_withdrawal(
        lang: str, text: str) -> None:
    assert Finding.WITHDRAWAL not in found(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik meld me graag aan voor de leerkring 😉"),
    ("nl", "Ik neem het serieus, daarom meld ik me af voor de leerkring."),
])
def test_a_wink_on_a_sign_up_and_a_serious_word_inside_a_sentence_take_nothing_back(lang: str, text: str) -> None:
    kinds_found = found_in(text, lang, None) if "aan" in text else found(text, lang)
    assert kinds_found & {Finding.REGISTRATION, Finding.WITHDRAWAL}


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik wil me in geen geval afmelden voor de leerkring."),
    ("nl", "Ik wil me absoluut niet afmelden."),
    ("en", "I am not at all withdrawing."),
    ("de", "Ich will mich auf keinen Fall abmelden."),
])
def test_a_negation_of_several_words_counts_once(lang: str, text: str) -> None:
    assert Finding.WITHDRAWAL not in found(text, lang)  # "in geen geval" with its "geen" is one negation, not two


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Goedemiddag, mijn antwoord bij organisatie klopt niet meer, ik ben per 1 januari bij Oost NL."),
    ("nl", "Bij thema had ik governance ingevuld, dat moet financiering zijn."),
    ("en", "In the questionnaire I put down the wrong region; it should be Limburg."),
])
def test_a_line_about_the_answers_that_says_one_is_wrong_never_vanishes(lang: str, text: str) -> None:
    assert found(text, lang), "a correction that is not read still reaches a person"


@pytest.mark.parametrize("text", ["Hierbij mijn antwoorden.\n\n1. Provincie Utrecht\n2. Provincie, gemeente of regio",
                                  "Zie hieronder mijn antwoorden, excuses voor de vertraging.\n\n1. Gemeente Delft",
                                  "Ik heb de vragenlijst nog niet ingevuld.",
                                  "De vragenlijst vul ik volgende week in."])
def test_a_cover_line_stays_no_remark(text: str) -> None:
    assert not found(text) & {"message", "remark"}


@pytest.mark.parametrize(("text", "lang"), [("Hierbij mijn antwoorden.", "nl"),
                                            ("Bedankt, ik heb de vragenlijst ingevuld.", "nl"),
                                            ("My answers are below.", "en")])
def test_answers_announced_yet_none_read_reach_a_person(text: str, lang: str) -> None:
    """They believe they answered; the answers are where we could not read them. Silence would lose them."""
    assert "message" in found(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    # a condition with its verb first, answered by a clause with its verb first (no "dan"/"dann")
    ("Mijn aanstelling loopt af in maart. Wordt het niet verlengd, moet ik helaas stoppen met de leerkring.", "nl"),
    ("Meine Stelle ist befristet. Wird sie nicht verlängert, muss ich mich leider vom Lernkreis abmelden.", "de"),
    # English inverts only "should", "were", "had" so
    ("Should my post be cut in the spring, I will have to leave the learning circle.", "en"),
    # "as" before a thing named opens no clause: the negation reaches the withdrawal
    ("Please do not take my late answers as a withdrawal, I am staying in.", "en"),
])
def test_a_withdrawal_under_a_verb_first_condition_or_a_negation_before_as_withdraws_nobody(
        text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in found(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Vanuit de gemeente Deventer, team Economie, meld ik mij aan voor de leerkring.", "nl"),
    ("Under the new rules I would like to sign up for the learning circle.", "en"),
])
def test_a_clause_after_a_preposition_is_no_verb_first_condition(text: str, lang: str) -> None:
    assert Finding.REGISTRATION in found_in(text, lang, None)
