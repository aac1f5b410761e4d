"""What a mail says beside its main act, by principle: the principles behind misreadings found in held-out mail
written by others (b14, 8 December 2026), each tested here in wordings of our own, never the mail's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mailbot.answers.parse_reply import parse_reply
from mailbot.core.domain import Attendance, Finding, MailKind, Status
from mailbot.understand import understand
from mailbot.understand.reading import quoted_authors
from mailbot.understand.references import mentioned
from tests.understand.test_findings import AMSTERDAM, MEETINGS, PARTICIPANT, QUESTIONNAIRE, message, of, reading

EVAL_QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "eval" / "questionnaire.yaml"


def found(text: str, lang: str = "nl", status: Status | None = PARTICIPANT,
          **known: object) -> list:  # type: ignore[type-arg]
    return understand(reading(message(text, subject="Re: Leerkring"), status, lang=lang, **known))


def attendance(text: str, lang: str = "nl") -> dict[str, str]:
    said = [f for f in found(text, lang) if f.kind == Finding.ATTENDANCE]
    return {m: str(s) for f in said for m, s in dict(f.data["meetings"]).items()}


ACCEPTED, DECLINED = str(Attendance.ACCEPTED), str(Attendance.DECLINED)


@pytest.mark.parametrize(("text", "lang", "meeting"), [
    ("In Nijmegen ben ik er hoe dan ook bij, dat is voor mij dichtbij.", "nl", "m3"),
    ("In Wageningen ben ik er zeker bij.", "nl", "m2"),
    ("I will definitely be at the Nijmegen meeting.", "en", "m3"),
])
def test_naming_the_meeting_one_comes_to_records_it(text: str, lang: str, meeting: str) -> None:
    assert attendance(text, lang) == {meeting: ACCEPTED}


def test_coming_without_a_meeting_named_records_nothing() -> None:
    assert attendance("Ik kom graag, ik heb er zin in.") == {}


@pytest.mark.parametrize(("text", "lang"), [
    ("Groningen lukt mij helaas niet, de rest wel.", "nl"),
    ("I can't make it to Groningen, the others are fine.", "en"),
    ("Groningen klappt bei mir leider nicht, die anderen schon.", "de"),
])
def test_the_rest_beside_a_named_decline_is_coming(text: str, lang: str) -> None:
    assert attendance(text, lang) == {"m1": DECLINED, "m2": ACCEPTED, "m3": ACCEPTED}


def test_the_rest_in_doubt_is_not_coming() -> None:
    assert ACCEPTED not in attendance("Groningen lukt mij helaas niet, de rest misschien wel.").values()


@pytest.mark.parametrize(("text", "lang", "meeting"), [
    ("Ik heb die dag een rechtszaak. Tot in Wageningen!", "nl", "m2"),
    ("Die Woche bin ich verreist. Bis Nijmegen!", "de", "m3"),
])
def test_parting_words_that_name_a_meeting_are_coming(text: str, lang: str, meeting: str) -> None:
    assert attendance(text, lang).get(meeting) == ACCEPTED


def test_a_decline_in_german_with_es_schaffen_and_parting_words() -> None:
    said = attendance("Leider werde ich es nicht nach Groningen schaffen. Bis Wageningen!", "de")
    assert said == {"m1": DECLINED, "m2": ACCEPTED}


def test_parting_words_are_only_parting_when_they_say_nothing_else() -> None:
    assert ACCEPTED not in attendance("Tot in januari ben ik op reis.").values()


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik heb níet gevraagd om mijn gegevens te wissen en wil dat ook niet.", "nl"),
    ("Ik heb nooit gevraagd mijn gegevens te verwijderen en ben dat ook niet van plan.", "nl"),
])
def test_and_with_a_verb_opens_a_clause_so_two_negations_do_not_cancel(text: str, lang: str) -> None:
    kinds = {f.kind for f in found(text, lang)}
    assert Finding.DELETION not in kinds


def test_a_question_about_something_else_beside_a_decline_reaches_a_person() -> None:
    said = found("In Groningen ben ik er niet bij. Worden de sheets naderhand rondgestuurd?")
    assert {Finding.ATTENDANCE, Finding.QUESTION} <= {f.kind for f in said}
    assert "sheets" in of(said, Finding.QUESTION).text


def test_a_request_to_make_the_change_is_what_the_bot_does() -> None:
    said = found("In Groningen ben ik er niet bij. Kunt u dat noteren?")
    assert {f.kind for f in said} == {Finding.ATTENDANCE}


def test_a_place_pointed_at_that_is_no_meeting_is_not_coming() -> None:
    said = attendance("In Wageningen ben ik er niet bij: die dag heeft de raad een vergadering en daar moet ik "
                      "bij zijn.")
    assert said == {"m2": DECLINED}


def test_why_someone_cannot_come_stays_theirs() -> None:
    said = found("In Groningen ben ik er niet bij, ik moet die dag naar Brussel.")
    assert {f.kind for f in said} == {Finding.ATTENDANCE}


def test_a_contraction_with_a_capital_is_no_name() -> None:
    said = found("Can't do Groningen, sorry.", "en")
    assert Finding.COLLEAGUE not in {f.kind for f in said}
    assert attendance("Can't do Groningen, sorry.", "en") == {"m1": DECLINED}


def test_passing_on_answers_is_no_absence() -> None:
    said = found("Karel asked me to pass on his answers, as he is travelling until March.", "en")
    assert Finding.ATTENDANCE not in {f.kind for f in said}


@pytest.mark.parametrize("label", ["Vraag", "Vragen", "Mijn vraag"])
def test_a_question_under_the_label_of_the_question_about_questions_is_its_answer(label: str) -> None:
    text = f"Organisatie: Gemeente Ede\n{label}: hoe houd je bedrijven betrokken als de subsidie stopt?\n"
    parsed = parse_reply(text, QUESTIONNAIRE, "nl")
    assert parsed.answers.get("questions") == "hoe houd je bedrijven betrokken als de subsidie stopt?"
    assert parsed.questions_for_organiser == ()


@pytest.mark.parametrize("label", ["Nog een vraag", "Een vraag over de privacy"])
def test_a_question_under_a_label_of_its_own_is_for_a_person(label: str) -> None:
    text = f"Organisatie: Gemeente Ede\n{label}: hoe lang bewaren jullie de gegevens?\n"
    parsed = parse_reply(text, QUESTIONNAIRE, "nl")
    assert "questions" not in parsed.answers


def _answered(text: str) -> tuple[dict[str, object], set[Finding]]:
    said = understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT,
                              replies_to=MailKind.QUESTIONNAIRE))
    answers = next((dict(f.data["answers"]) for f in said if f.kind == Finding.ANSWERS), {})
    return answers, {f.kind for f in said}


def test_a_paragraph_whose_question_is_named_as_the_writer_s_question_is_read() -> None:
    answers, kinds = _answered("Governance is voor mij het belangrijkste thema. Een vraag die ik graag wil "
                               "inbrengen: hoe voorkom je dat kleine gemeenten buiten de boot vallen?")
    assert str(answers.get("questions")).startswith("hoe voorkom je dat kleine gemeenten buiten de boot vallen")
    assert answers.get("themes") == ["governance"] and Finding.QUESTION not in kinds


def test_a_paragraph_read_in_part_that_asks_goes_to_a_person_with_what_was_read() -> None:
    answers, kinds = _answered("Een vraag die ik graag wil inbrengen: hoe voorkom je dat gemeenten afhaken? Ons "
                               "team is net opnieuw ingedeeld en het blijft een puzzel wie wat trekt.")
    assert Finding.QUESTION in kinds


def test_a_paragraph_that_also_asks_us_something_goes_to_a_person_whole() -> None:
    answers, kinds = _answered("Ik werk bij de provincie Gelderland. Mijn vraag: hoe voorkom je dat kleine "
                               "gemeenten afhaken? Is er trouwens een lunch?")
    assert Finding.QUESTION in kinds
    assert "lunch" not in str(answers.get("questions", ""))


@pytest.mark.parametrize(("text", "lang"), [
    ("Mijn manager had de indruk dat ik uit de leerkring stap. Dat is niet zo.", "nl"),
    ("Dat klopt niet, afmelden wil ik me echt niet.", "nl"),
    ("My director was under the impression that I am leaving the learning circle. I am not.", "en"),
])
def test_what_someone_else_believes_or_a_denial_after_a_comma_withdraws_nobody(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in {f.kind for f in found(text, lang)}


def test_the_others_are_not_the_meeting_the_sentence_declines() -> None:
    said = attendance("Alleen de bijeenkomst in Wageningen moet ik missen, op de overige middagen ben ik er gewoon.")
    assert said == {"m1": ACCEPTED, "m2": DECLINED, "m3": ACCEPTED}


def test_a_question_opened_by_and_and_its_verb_asks_in_every_clause() -> None:
    said = found("En worden mijn gegevens na afloop gewist, of moet ik daar zelf om vragen?")
    assert Finding.DELETION not in {f.kind for f in said} and Finding.QUESTION in {f.kind for f in said}


def test_a_question_after_a_label_asks_in_every_clause_after_its_verb() -> None:
    said = found("Eine kurze Frage: Werden meine Daten danach gelöscht, oder muss ich das selbst beantragen?", "de")
    assert Finding.DELETION not in {f.kind for f in said} and Finding.QUESTION in {f.kind for f in said}


@pytest.mark.parametrize(("text", "lang"), [
    ("In Groningen kan ik er helaas niet bij zijn, dan heb ik raadsvergadering.", "nl"),
    ("In Groningen I can't be there, then I have a council meeting.", "en"),
])
def test_a_clause_opened_by_a_preposition_is_no_condition_before_then(text: str, lang: str) -> None:
    assert attendance(text, lang) == {"m1": DECLINED}


def test_a_dialect_negation_declines() -> None:
    assert attendance("In Wageningen ben ik er nie, dan staan we op de camping.") == {"m2": DECLINED}


@pytest.mark.parametrize("text", ["Als lector Regionale Transitie bij Hogeschool Windesheim wil ik me graag aanmelden.",
                                  "Als beleidsadviseur van de gemeente Zwolle meld ik me graag aan."])
def test_als_before_a_role_is_as_not_if(text: str) -> None:
    from_someone_new = understand(reading(message(text, subject="Leerkring"), None))
    assert Finding.REGISTRATION in {f.kind for f in from_someone_new}


@pytest.mark.parametrize("text", ["Als de subsidie stopt meld ik me af.", "Als ik geen tijd heb meld ik me af.",
                                  "Als blijkt dat het niet past meld ik me af."])
def test_als_before_a_clause_of_its_own_stays_a_condition(text: str) -> None:
    assert Finding.WITHDRAWAL not in {f.kind for f in found(text)}


def test_a_signature_answers_nothing() -> None:
    """The independent writers of the evaluation agree: the questionnaire asks the organisation, the signature
    does not answer it (a sign-up, or answers that leave it out)."""
    signature = "\n\nGroet,\nJan\n\n--\nJan de Vries\nClustermanager\nGreenport Noord-Holland Noord\n06 41 27 93 05"
    signed_up = understand(reading(message("Ik wil graag meedoen aan de leerkring." + signature,
                                           sender="jan@greenportnhn.example"), None))
    assert "answers" not in of(signed_up, Finding.REGISTRATION).data


def test_the_kind_of_organisation_its_name_says_is_noted_with_it() -> None:
    text = "Graag meld ik mij aan voor de leerkring, vanuit de provincie Overijssel."
    signed_up = understand(reading(message(text), None))
    assert of(signed_up, Finding.REGISTRATION).data["answers"] == {"organisation": "provincie Overijssel",
                                                                   "org_type": "decentral"}


@pytest.mark.parametrize("text", ["Graag meld ik mij aan namens de Provincie Groningen.",
                                  "Ik werk bij de Rijksuniversiteit Groningen en meld me graag aan.",
                                  "I would like to sign up on behalf of the University of Wageningen."])
def test_a_meeting_place_inside_an_organisations_name_is_no_meeting(text: str) -> None:
    signed_up = understand(reading(message(text), None, lang="en" if text.startswith("I ") else "nl"))
    assert Finding.REGISTRATION in {f.kind for f in signed_up}
    assert Finding.ATTENDANCE not in {f.kind for f in signed_up}


def test_a_meeting_place_after_of_the_meeting_stays_the_meeting() -> None:
    assert attendance("De bijeenkomst van Wageningen moet ik helaas missen.") == {"m2": DECLINED}


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik moet me helaas afmelden voor de leerkring: ik vertrek per 1 april bij de provincie.", "nl"),
    ("I am withdrawing from the circle, as I leave my job on 1 April.", "en"),
])
def test_the_first_of_april_as_a_date_takes_nothing_back(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL in {f.kind for f in found(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [("Ik meld me af. 1 april!", "nl"), ("I am withdrawing. April fool!", "en")])
def test_the_first_of_april_as_a_joke_takes_it_back(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in {f.kind for f in found(text, lang)}


@pytest.mark.parametrize(("remark", "passed_on"), [
    ("Een praktisch punt: op de dag in Groningen moet ik om 15.30 uur weg voor mijn trein.", True),
    ("Ik moet rond vier uur alweer weg, de kinderen ophalen.", True),
    ("Ik werk sinds vorig jaar in deze functie en vind het een mooi initiatief.", False),
])
def test_a_remark_beside_answers_on_how_they_take_part_in_a_meeting_reaches_her_now(remark: str,
                                                                                      passed_on: bool) -> None:
    said = found(f"1. Gemeente Delft\n4. Cluster governance\n\n{remark}", replies_to=MailKind.QUESTIONNAIRE)
    kinds = {f.kind for f in said}
    assert Finding.ANSWERS in kinds
    assert (Finding.MESSAGE in kinds) == passed_on and (Finding.REMARK in kinds) != passed_on, said


def test_the_organisation_the_mail_domain_spells_is_nobody_written_for() -> None:
    """"Namens Smart Delta Zeeland" from smartdeltazeeland.example: their own organisation, not a colleague."""
    text = "Namens Smart Delta Zeeland vul ik de vragenlijst graag in.\n\n1. Smart Delta Zeeland\n4. Cluster governance"
    said = understand(reading(message(text, subject="Re: Leerkring", sender="k.verhage@smartdeltazeeland.example"),
                              PARTICIPANT, replies_to=MailKind.QUESTIONNAIRE))
    assert Finding.COLLEAGUE not in {f.kind for f in said} and Finding.ANSWERS in {f.kind for f in said}


# --- principles found in b19 (7 December 2026), tested in wordings of our own


def kinds(text: str, lang: str = "nl", status: Status | None = PARTICIPANT, **known: object) -> set[object]:
    return {f.kind for f in found(text, lang, status, **known)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Het congres waarvoor ik me had afgemeld gaat niet door.", "nl"),
    ("The conference which I had withdrawn from has been called off.", "en"),
])
def test_an_act_in_a_relative_clause_is_that_things_not_a_withdrawal(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Vanmorgen ontving ik een bevestiging van mijn afmelding, en daar schrok ik van.", "nl"),
    ("This morning I got a confirmation of my withdrawal, which surprised me.", "en"),
])
def test_the_act_named_as_what_another_thing_is_of_is_not_done(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in kinds(text, lang)


@pytest.mark.parametrize("text", ["Ik had me eerder afgemeld voor een ander netwerk.",
                                  "Onze afdeling heeft vorige week een afmelding verstuurd."])
def test_a_withdrawal_told_in_the_past_perfect_or_as_sent_is_not_one_now(text: str) -> None:
    assert Finding.WITHDRAWAL not in kinds(text)


def test_a_clause_opened_by_a_thing_that_leaves_is_nobody_s_withdrawal() -> None:
    assert Finding.WITHDRAWAL not in kinds("De halve projectgroep haakte af na de reorganisatie.")


def test_a_plain_withdrawal_stays_one() -> None:
    assert Finding.WITHDRAWAL in kinds("Ik meld me af voor de leerkring, het past niet meer in mijn agenda.")


@pytest.mark.parametrize(("text", "lang"), [
    ("Komt er ooit een online variant? Dan doe ik graag weer mee.", "nl"),
    ("Would an online option be possible next year? Then I would happily join again.", "en"),
])
def test_then_after_a_question_is_what_follows_from_it_not_a_comeback(text: str, lang: str) -> None:
    assert kinds(text, lang, status=Status.WITHDRAWN) & {Finding.COMEBACK, Finding.REGISTRATION} == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("De bijeenkomst in maart kan ik helaas niet bijwonen.", "nl"),
    ("I can't make the autumn meeting, sorry.", "en"),
])
def test_a_decline_naming_a_time_no_meeting_falls_in_is_asked_not_guessed(text: str, lang: str) -> None:
    said = found(text, lang)
    assert Finding.ATTENDANCE not in {f.kind for f in said}
    assert Finding.UNCLEAR in {f.kind for f in said}


def test_a_decline_without_a_time_still_means_the_next_meeting() -> None:
    assert attendance("Helaas kan ik er niet bij zijn.") == {"m1": DECLINED}


def test_leaving_the_circle_beside_coming_to_a_meeting_is_for_a_person() -> None:
    said = kinds("Ik meld me af voor de leerkring. In Wageningen ben ik er wel bij.")
    assert Finding.WITHDRAWAL not in said and Finding.CONTRADICTION in said


@pytest.mark.parametrize(("text", "name"), [
    ("namens hanzehogeschool wil ik graag meedoen", "hanzehogeschool"),
    ("hoi, ik werk bij de gemeente oss en doe graag mee", "gemeente oss"),
])
def test_a_name_in_small_letters_from_a_writer_without_capitals_is_read(text: str, name: str) -> None:
    signed_up = understand(reading(message(text), None))
    assert of(signed_up, Finding.REGISTRATION).data["answers"]["organisation"] == name


@pytest.mark.parametrize("text", ["ik werk bij de gemeente en doe graag mee",
                                  "hoi, de leerkring is vooral bedoeld voor ambtenaren, ik doe graag mee"])
def test_small_letters_without_a_name_name_no_organisation(text: str) -> None:
    signed_up = understand(reading(message(text), None))
    assert "organisation" not in of(signed_up, Finding.REGISTRATION).data.get("answers", {})


def test_someone_taken_off_who_says_they_do_not_withdraw_comes_back() -> None:
    said = understand(reading(message("Afmelden wil ik me helemaal niet, dat was een vergissing van ons secretariaat.",
                                      subject="Re: Afmelding"), Status.WITHDRAWN))
    assert of(said, Finding.COMEBACK).data == {"denied": True}


def test_a_question_about_not_withdrawing_brings_nobody_back() -> None:
    assert Finding.COMEBACK not in kinds("Hoef ik me niet af te melden?", status=Status.WITHDRAWN)


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik meld me graag aan. Twee vragen: is er een eigen bijdrage, en kan ik ook online meedoen?", "nl"),
    ("I'd like to sign up. A couple of questions: is there a registration fee, and can I bring a colleague?", "en"),
])
def test_questions_joined_by_and_after_a_label_are_all_asked(text: str, lang: str) -> None:
    said = understand(reading(message(text), None, lang=lang))
    assert {Finding.REGISTRATION, Finding.QUESTION} <= {f.kind for f in said}


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik meld me graag aan voor de leerkring.\n\nNog iets praktisch: ik ben slechtziend, grote letters helpen.", "nl"),
    ("I would like to sign up for the circle.\n\nOne practical point: I use a wheelchair.", "en"),
])
def test_a_point_set_apart_beside_a_sign_up_reaches_a_person(text: str, lang: str) -> None:
    said = understand(reading(message(text), None, lang=lang))
    assert Finding.REGISTRATION in {f.kind for f in said}
    assert {Finding.QUESTION, Finding.MESSAGE} & {f.kind for f in said}


@pytest.mark.parametrize(("text", "lang"), [
    ("Toen ik me in januari afmeldde, had ik geen budget. Nu wel: kunt u mij weer op de lijst zetten?", "nl"),
    ("When I withdrew in January the budget was gone. It is back now, so I no longer need to pull out. "
     "Could you put me back on the list?", "en"),
])
def test_a_change_of_mind_told_as_a_story_brings_them_back(text: str, lang: str) -> None:
    said = kinds(text, lang, status=Status.WITHDRAWN)
    assert Finding.COMEBACK in said and Finding.WITHDRAWAL not in said


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik hoef me niet meer af te melden, de verhuizing gaat niet door.", "nl"),
    ("I no longer need to withdraw: the reorganisation was called off.", "en"),
])
def test_no_longer_needing_to_leave_is_no_withdrawal(text: str, lang: str) -> None:
    assert Finding.WITHDRAWAL not in kinds(text, lang)


def test_a_question_quoted_from_our_mail_is_not_asked() -> None:
    text = 'Toen ik "Kunt u bij alle vier de bijeenkomsten zijn? nee" las, moest ik lachen. Het klopt allemaal.'
    assert Finding.QUESTION not in kinds(text, replies_to=MailKind.FOLLOW_UP)


@pytest.mark.parametrize(("text", "lang", "declined"), [
    ("De Groningse en de Wageningse bijeenkomst kan ik allebei niet, dan vergadert de raad.", "nl", {"m1", "m2"}),
    ("Das Nijmegener Treffen kann ich leider nicht besuchen.", "de", {"m3"}),
])
def test_a_meeting_named_by_its_places_adjective_is_that_meeting(text: str, lang: str, declined: set[str]) -> None:
    assert attendance(text, lang) == dict.fromkeys(declined, DECLINED)


def test_a_places_adjective_inside_an_organisations_name_is_no_meeting() -> None:
    assert attendance("De Groningse Energie Coöperatie stuurt iemand anders.") == {}


@pytest.mark.parametrize(("text", "lang"), [
    ("Dat bespreek ik graag met de anderen. De bijeenkomst op 30 januari lukt me niet.", "nl"),
    ("I'd love to discuss that with the others. The meeting on 30 January does not work for me.", "en"),
])
def test_the_others_one_talks_with_are_people_not_the_other_meetings(text: str, lang: str) -> None:
    assert attendance(text, lang) == {"m2": DECLINED}


def test_going_along_to_a_meeting_place_is_coming() -> None:
    assert attendance("Mijn overleg is verplaatst, dus ik ga alsnog mee naar Wageningen.") == {"m2": ACCEPTED}


# the round read on b21 (7 December 2026): principles found in one writer's mail, tested in our own words


@pytest.mark.parametrize(("text", "lang"), [
    ("Bei allen Terminen kann ich nicht dabei sein, Wageningen klappt leider nicht.", "de"),
    ("Ik kan niet bij alles zijn, Wageningen lukt niet.", "nl"),
])
def test_two_negations_either_side_of_a_comma_deny_twice(text: str, lang: str) -> None:
    assert attendance(text, lang).get("m2") == DECLINED


def test_impossible_not_to_come_is_coming() -> None:
    assert attendance("Bij die in Wageningen kan ik onmogelijk niet zijn!") == {"m2": ACCEPTED}


def test_asking_to_be_told_whether_is_a_question() -> None:
    text = "Ontvangen kan bij ons, laat me maar weten of dat nog zin heeft."
    assert Finding.QUESTION in kinds(text)


@pytest.mark.parametrize(("text", "lang", "meeting"), [
    ("Die in Brabant lukt me helaas niet.", "nl", "m2"),
    ("De Gelderse bijeenkomst kan ik niet bijwonen.", "nl", "m3"),
    ("I can't make the one in Twente.", "en", "m4"),
])
def test_a_meeting_named_by_the_province_or_region_its_town_lies_in(text: str, lang: str, meeting: str) -> None:
    """Eindhoven lies in Brabant, Wageningen in Gelderland, Enschede in Twente: a careful assistant knows."""
    meetings = (MEETINGS[0], replace(MEETINGS[1], id="m2", address="Emmasingel 11, 5611 AZ Eindhoven"),
                replace(MEETINGS[1], id="m3", address="Nieuwe Kanaal 7, 6709 PA Wageningen"),
                replace(MEETINGS[2], id="m4", location="Kennispark", address="Hengelosestraat 500, Enschede"))
    assert mentioned(text, meetings, AMSTERDAM) == [meeting]


def test_a_province_inside_an_organisations_name_names_no_meeting() -> None:
    meetings = (MEETINGS[0], replace(MEETINGS[1], address="Emmasingel 11, 5611 AZ Eindhoven"))
    assert mentioned("Ik werk bij de provincie Brabant en kom graag.", meetings, AMSTERDAM) == []


def test_a_province_two_meetings_lie_in_names_neither_and_is_asked() -> None:
    """Wageningen and Nijmegen both lie in Gelderland: "die in Gelderland" is not guessed as the next meeting."""
    said = found("De bijeenkomst in Gelderland lukt me helaas niet.")
    assert not any(f.kind == Finding.ATTENDANCE for f in said)
    assert any(f.kind == Finding.UNCLEAR for f in said)


# the round read on b23 (7 December 2026): principles found in one writer's mail, tested in our own words


def test_an_adverb_inside_an_infinitive_opens_no_clause_of_its_own() -> None:
    """"geen reden om daarom ... te stoppen": the negation of the reason reaches the act; nobody leaves."""
    assert Finding.WITHDRAWAL not in kinds("Ik zie geen reden om daarom niet meer deel te nemen aan de leerkring.")


@pytest.mark.parametrize(("text", "lang"), [
    ("Namens Food Valley meld ik me graag aan voor de leerkring.", "nl"),
    ("On behalf of Food Valley I would like to sign up for the learning circle.", "en"),
])
def test_a_meeting_place_one_writes_for_is_the_organisation_not_the_meeting(text: str, lang: str) -> None:
    said = kinds(text, lang, status=None)
    assert Finding.REGISTRATION in said
    assert Finding.ATTENDANCE not in said


@pytest.mark.parametrize(("text", "lang"), [
    ("Wageningen lukt me niet, de andere data staan al in mijn agenda.", "nl"),
    ("Wageningen won't work for me; the other dates are in my diary already.", "en"),
])
def test_the_others_kept_in_a_calendar_beside_a_decline_are_coming(text: str, lang: str) -> None:
    assert attendance(text, lang) == {"m1": ACCEPTED, "m2": DECLINED, "m3": ACCEPTED}


def test_from_a_meeting_on_is_that_meeting_and_those_after_it() -> None:
    assert attendance("Groningen mis ik, maar vanaf Wageningen ben ik er weer bij.") \
        == {"m1": DECLINED, "m2": ACCEPTED, "m3": ACCEPTED}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("De bijeenkomsten in Groningen en Nijmegen heb ik al ingepland.", "nl", {"m1": ACCEPTED, "m3": ACCEPTED}),
    ("Die Treffen in Groningen und Nijmegen habe ich eingeplant.", "de", {"m1": ACCEPTED, "m3": ACCEPTED}),
    ("Op de dag van Groningen heb ik al iets anders ingepland.", "nl", {}),
])
def test_meetings_the_writer_keeps_time_for_are_coming(text: str, lang: str, expected: dict[str, str]) -> None:
    assert {m: s for m, s in attendance(text, lang).items() if s == ACCEPTED} == expected


def test_a_time_put_first_after_a_comma_opens_a_clause_of_its_own() -> None:
    """"..., in januari heb ik verlof": the negation before the comma does not turn the leave into coming."""
    assert attendance("Groningen haal ik niet, in januari heb ik verlof.") == {"m1": DECLINED}


def test_a_lone_first_name_of_whom_a_forwarded_mail_is_from_is_that_person() -> None:
    text = ("Ik meld me graag aan. Kees zelf komt niet, hij heeft het te druk.\n\n"
            "Van: Kees Smit <k.smit@gemeente.example>\nVerzonden: maandag 30 november 2026 10:00\n"
            "Aan: Jan de Vries <jan@gemeente.example>\nOnderwerp: leerkring\n\nJan, wil jij hierheen? Ik ga zelf niet.")
    said = found(text, status=None)
    assert Finding.REGISTRATION in {f.kind for f in said}
    assert not any(f.kind == Finding.ATTENDANCE for f in said)


def test_myself_and_a_colleague_signs_up_the_writer_and_hands_on_the_colleague() -> None:
    said = kinds("Graag meld ik mijzelf en mijn collega Ria Smits (r.smits@gemeente.example) aan.", status=None)
    assert {Finding.REGISTRATION, Finding.COLLEAGUE} <= said


def test_leaving_on_a_condition_beside_a_sign_up_reaches_a_person() -> None:
    said = kinds("Ik meld me aan. Is het toch alleen voor ambtenaren, dan trek ik me weer terug.", status=None)
    assert Finding.REGISTRATION in said
    assert Finding.WITHDRAWAL not in said
    assert Finding.MESSAGE in said or Finding.QUESTION in said


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik twijfel of dit wel iets is voor iemand uit het bedrijfsleven.", "nl"),
    ("I'm not sure whether this is meant for people from industry.", "en"),
])
def test_doubting_whether_asks(text: str, lang: str) -> None:
    assert Finding.QUESTION in kinds(text, lang)


def test_leaving_beside_an_erasure_is_no_decline_of_the_next_meeting() -> None:
    said = kinds("Bitte löschen Sie alle Daten aus meiner Anmeldung. Ich werde nicht teilnehmen.", "de")
    assert Finding.ATTENDANCE not in said
    assert Finding.REGISTRATION not in said


def test_a_decline_with_its_reason_after_a_comma_to_a_reminder() -> None:
    said = found("Ik kan volgende week zelf niet, het project loopt uit.", replies_to=MailKind.REMINDER,
                 thread_meeting="m1")
    assert of(said, Finding.ATTENDANCE).data["meetings"] == {"m1": Attendance.DECLINED}


def test_joining_a_later_years_circle_is_no_sign_up_now() -> None:
    said = kinds("Haal me maar van de lijst. In 2029 doe ik graag weer mee!")
    assert Finding.WITHDRAWAL in said
    assert Finding.CONTRADICTION not in said


@pytest.mark.parametrize(("text", "lang"), [("Ja hoor, dat klopt allemaal!", "nl"), ("Yes, that's all correct.", "en")])
def test_all_correct_to_the_answers_we_noted_needs_nothing(text: str, lang: str) -> None:
    assert found(text, lang, replies_to=MailKind.CONFIRMATION) == []


def test_a_question_whose_that_joins_a_clause_asks_no_change_of_the_answers() -> None:
    """"een verslag dat ik mag delen": that "dat" points back at nothing, so the question reaches the organiser."""
    text = "1. Gemeente Zwolle\n2. Provincie, gemeente of regio\n\nPS Wordt er een verslag gemaakt dat ik mag delen?"
    assert Finding.QUESTION in kinds(text, replies_to=MailKind.QUESTIONNAIRE)


def test_getting_round_to_the_questionnaire_later_needs_nobody() -> None:
    assert kinds("Ik kom pas na de kerstvakantie aan die vragenlijst toe. Sorry voor de vertraging!",
                 replies_to=MailKind.QUESTIONNAIRE) == set()


def test_an_apology_with_a_question_still_asks() -> None:
    assert Finding.QUESTION in kinds("Sorry voor de late reactie, maar is er parkeergelegenheid?",
                                     replies_to=MailKind.QUESTIONNAIRE)


@pytest.mark.parametrize(("quote", "first"), [
    ("Van: Gert Wolters <g.wolters@gemeente.example>\nVerzonden: maandag 30 november 2026 10:00\n"
     "Aan: Jan de Vries <jan@gemeente.example>\nOnderwerp: leerkring\n\nWil jij hierheen?", "gert"),
    ("From: Bosman, Rianne [mailto:r.bosman@provincie.example]\nSent: Monday, November 30, 2026 10:00 AM\n"
     "To: Jan de Vries\nSubject: leerkring\n\nWil jij hierheen?", "rianne"),
    ("Op ma 30 nov. 2026 om 09:14 schreef Kees Smit <k.smit@gemeente.example>:\n\n> Wil jij hierheen?", "kees"),
    ("On Mon, Nov 30, 2026 at 9:14 AM Anna Berg <a.berg@uni.example> wrote:\n\n> Wil jij hierheen?", "anna"),
    ('Am 30.11.2026 um 09:14 schrieb "Müller, Hans" <h.mueller@cluster.example>:\n\n> Wil jij hierheen?', "hans"),
])
def test_the_authors_of_quoted_mail_in_each_clients_header(quote: str, first: str) -> None:
    assert first in quoted_authors(message(f"Zie hieronder.\n\nGroet,\nJan\n\n{quote}"))


@pytest.mark.parametrize(("text", "lang", "handed"), [
    ("In Groningen ben ik erbij, maar wel wat later: reken op me rond half drie.", "nl", True),
    ("Nach Groningen komme ich gerne, muss aber gegen 16 Uhr wieder aufbrechen.", "de", True),
    ("Great, I'll be there in Groningen, I've already booked the 11:32 train.", "en", False),
])
def test_coming_late_or_leaving_early_goes_to_the_organiser_beside_the_attendance(
        text: str, lang: str, handed: bool) -> None:
    said = kinds(text, lang, Status.ANSWERED)
    assert Finding.ATTENDANCE in said and (Finding.MESSAGE in said) == handed
