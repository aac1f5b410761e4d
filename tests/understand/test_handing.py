"""Whether the organiser must see a mail: only when something in it needs a person. Wordings of our own.

A doubt typed at a yes/no question leaves it open (noted), unless an offer or a meeting stands beside it; an
out-of-office reaches her only when its owner's words touch taking part; our own questionnaire's questions and
"kun je dat aanpassen?" beside a change read ask nothing; a denied withdrawal, an excuse for being late, an
apology and "tot donderdag" are no remarks. A question of the person's own always reaches her.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from mailbot.core.domain import Finding, MailKind
from mailbot.mail.parse import parse_mail
from mailbot.rules import auto_reply
from mailbot.understand import understand
from mailbot.understand.away import for_organiser
from tests.rules._mail import OWN
from tests.understand.test_findings import AMSTERDAM, MEETINGS, NOW, PARTICIPANT, kinds, message, reading

# m1 Groningen 20 January 2027, m2 Wageningen 30 January, m3 Nijmegen 9 February; now is 10 January 2027
HANDED = {str(k) for k in (Finding.MESSAGE, Finding.QUESTION, Finding.COLLEAGUE, Finding.CONTRADICTION)}

ANSWERS_NL = ("1. Provincie Utrecht\n2. Provincie\n3. Utrecht Science Park\n4. Cluster governance\n5. Groeiend\n"
              "6. Hoe betrek je het mkb?\n7. Onze regiodeal\n8. Ja\n9. {host}\n")
ANSWERS_EN = ("1. Province of Utrecht\n2. Province\n3. Utrecht Science Park\n4. Cluster governance\n5. Growing\n"
              "6. How do you involve SMEs?\n7. Our region deal\n8. Yes\n9. {host}\n")


def _answered(host: str, lang: str) -> set[str]:
    text = (ANSWERS_NL if lang == "nl" else ANSWERS_EN).format(host=host)
    return kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang,
                                    replies_to=MailKind.QUESTIONNAIRE)))


@pytest.mark.parametrize(("lang", "host"), [
    ("nl", "Geen idee, dat moet ik bij de directie navragen."),
    ("nl", "Misschien, maar dat leg ik eerst aan het bestuur voor."),
    ("nl", "Weet ik nog niet, ik laat het u in februari weten."),
    ("nl", "Hangt ervan af, ik weet het na de begroting."),
    ("en", "Not sure, I'd have to ask our facilities team."),
    ("en", "Maybe, I need to check with my director and will let you know."),
    ("en", "Hard to say, it depends on the board."),
])
def test_a_doubt_alone_at_a_yes_no_question_stays_open_and_is_noted(lang: str, host: str) -> None:
    found = _answered(host, lang)
    assert not found & HANDED, found
    assert str(Finding.REMARK) in found  # the organiser still finds it on the record


@pytest.mark.parametrize(("lang", "host"), [
    ("nl", "Misschien: ons nieuwe pand heeft een zaal voor zestig mensen. Bel me gerust."),
    ("nl", "Wellicht, we hebben een mooie ruimte op de campus die we graag laten zien."),
    ("en", "Possibly, our new building has a hall for fifty people. Let's talk."),
    ("en", "Maybe, we could offer the Nijmegen lab as a venue."),
])
def test_an_offer_beside_the_doubt_reaches_the_organiser(lang: str, host: str) -> None:
    assert str(Finding.MESSAGE) in _answered(host, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik heb de vragenlijst nog niet ingevuld, sorry! Afhaken is echt niet mijn bedoeling. Het is hier "
           "een drukte van jewelste. Na de vakantie stuur ik de antwoorden."),
    ("nl", "Ik ben niet van plan me af te melden hoor. Het is gewoon hectisch op het werk."),
    ("nl", "Ik trek me zeker niet terug! Tot donderdag."),
    ("en", "Don't worry, I'm not withdrawing. It's just been hectic at work. Answers to follow next week."),
    ("en", "I'm not pulling out, sorry for the silence. Things are crazy here. See you soon."),
    ("de", "Ich ziehe meine Anmeldung nicht zurück. Es ist gerade sehr hektisch. Bis bald."),
])
def test_a_denied_withdrawal_and_an_excuse_are_noted_not_handed(lang: str, text: str) -> None:
    found = kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang)))
    assert not found & HANDED, found
    # said back: that they stay on (a denied withdrawal), or that their words were noted
    assert str(Finding.WITHDRAWAL) not in found and found & {str(Finding.STAYS), str(Finding.REMARK)}


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik meld me niet af. Wel een vraag: is er parkeergelegenheid bij de locatie?"),
    ("nl", "Het is hier druk, maar kunt u me de presentaties van vorige keer sturen?"),
    ("en", "I'm not withdrawing. Could you tell me whether lunch is provided?"),
])
def test_a_question_beside_them_still_reaches_the_organiser(lang: str, text: str) -> None:
    assert str(Finding.QUESTION) in kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT,
                                                             lang=lang)))


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Bij welke organisatie werkt u? Gemeente Zeist\nWat voor organisatie is dat? gemeente\n"
           "In welke fase zit uw cluster? groeiend\nKan uw cluster een bijeenkomst ontvangen? nee"),
    ("nl", "1. Bij welke organisatie werkt u?\nGemeente Zeist\n5. In welke fase zit uw cluster?\nOpkomend"),
    ("en", "Which organisation do you work for? City of Leeds\nWhich phase is your cluster in? Growing\n"
           "Could your cluster host one of the meetings? No"),
])
def test_our_own_questions_above_the_answers_ask_nothing(lang: str, text: str) -> None:
    found = kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang,
                                     replies_to=MailKind.QUESTIONNAIRE)))
    assert str(Finding.QUESTION) not in found, found


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "In Wageningen kan ik er toch niet bij zijn. Kunt u dat aanpassen?"),
    ("nl", "De bijeenkomst in Nijmegen ga ik missen. Wil je dat wijzigen?"),
    ("en", "I will miss the Wageningen meeting after all. Could you update that?"),
])
def test_asking_for_the_change_just_made_asks_nothing(lang: str, text: str) -> None:
    found = kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang)))
    assert str(Finding.ATTENDANCE) in found and str(Finding.QUESTION) not in found, found


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "In Wageningen kan ik er niet bij zijn. Kan ik bij de volgende bijeenkomst een collega meenemen?"),
    ("en", "I will miss the Wageningen meeting. Can I park at the venue in Nijmegen or should I take the train?"),
])
def test_a_question_of_its_own_beside_a_decline_reaches_the_organiser(lang: str, text: str) -> None:
    assert str(Finding.QUESTION) in kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT,
                                                             lang=lang)))


@pytest.mark.parametrize("text", [
    "Ik ben tot en met 14 januari afwezig en lees mijn mail niet. Voor dringende zaken: bel het secretariaat.",
    "I am out of the office until 12 January with limited access to email. For urgent matters contact my "
    "colleague Sam.",
    "Ich bin bis einschließlich 15. Januar nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.",
    "Thank you for your message. If it is about the learning circle: I will send my answers when I am back.",
])
def test_an_out_of_office_that_says_only_it_is_away_needs_nobody(text: str) -> None:
    assert not for_organiser(text, MEETINGS, AMSTERDAM, NOW)


@pytest.mark.parametrize("text", [
    "Ik ben met verlof tot en met 1 februari en lees mijn mail niet.",  # takes in m1 and m2
    "I am away until 5 February with no access to email.",
    "Ik ben afwezig. Voor de leerkring: de bijeenkomst in Wageningen mis ik helaas.",
    "Ich bin nicht mehr bei der Stadt tätig; meine Nachfolgerin ist Frau Krause.",
    "I no longer work for the province. Please contact my successor.",
])
def test_an_out_of_office_that_touches_taking_part_reaches_the_organiser(text: str) -> None:
    assert for_organiser(text, MEETINGS, AMSTERDAM, NOW)


def _subject(subject: str) -> bool:
    m = EmailMessage()
    m["From"] = "Jan <jan@gemeente.example>"
    m["To"] = "leerkring@example.org"
    m["Subject"] = subject
    m.set_content("Beste Marloes,\n\nDe bijeenkomst in juni kan ik helaas niet bijwonen.\n\nGroet, Jan")
    return auto_reply.check(parse_mail(m.as_bytes()), OWN)


@pytest.mark.parametrize("subject", ["Afwezigheid 10 juni", "afwezig op de tweede bijeenkomst", "Absence le 10 juin",
                                     "Abwesenheit am 10. Juni", "Absent on 8 April", "On leave in June: meeting 3"])
def test_a_person_naming_their_absence_in_the_subject_is_no_machine(subject: str) -> None:
    assert not _subject(subject)


@pytest.mark.parametrize("subject", ["Afwezig", "Afwezig: Re: Aanmelding", "Afwezig tot 4 januari",
                                     "Out of Office: Re: Sign-up", "Abwesenheitsnotiz: AW: Anmeldung",
                                     "Away until May 5", "Absence: Re: Inscription"])
def test_a_machine_labels_its_reply_in_the_subject(subject: str) -> None:
    assert _subject(subject)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Dank voor de herinnering.\n\nGroet,\nJan\n\nPS: is er parkeergelegenheid bij het gebouw?"),
    ("nl", "Tot dan!\n\nMet vriendelijke groet,\n\nJan de Vries\nBeleidsadviseur\n06 12345678\n\n"
           "P.S. Wordt de lunch verzorgd?"),
    ("en", "Thanks for the reminder.\n\nBest regards,\nJane\n\nPS: could you send me the slides of last time?"),
    ("de", "Danke für die Erinnerung.\n\nMit freundlichen Grüßen\nAnna Krause\n\nPS: Gibt es vor Ort Parkplätze?"),
])
def test_a_postscript_below_the_name_is_the_persons_words(lang: str, text: str) -> None:
    assert str(Finding.QUESTION) in kinds(understand(reading(message(text, subject="Re: Herinnering"), PARTICIPANT,
                                                             lang=lang)))


def _beside_answers(line: str, lang: str) -> set[str]:
    text = f"{line}\n\n" + (ANSWERS_NL if lang == "nl" else ANSWERS_EN).format(host="nee")
    return kinds(understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang,
                                    replies_to=MailKind.QUESTIONNAIRE)))


@pytest.mark.parametrize(("lang", "line"), [
    ("nl", "Kunt u mij de presentaties van de vorige keer sturen"),
    ("nl", "Mag ik een collega meenemen naar de eerste bijeenkomst"),
    ("nl", "Weet u al of er een lunch is"),
    ("en", "Could you send me the list of participants"),
    ("en", "Do you know whether there is parking at the venue"),
])
def test_a_question_beside_the_answers_reaches_the_organiser_without_its_question_mark(lang: str, line: str) -> None:
    assert str(Finding.QUESTION) in _beside_answers(line, lang)


@pytest.mark.parametrize(("lang", "line"), [
    ("nl", "Pfoe, wat een lijst, daar zou je een hele middag mee bezig zijn."),
    ("nl", "Zoveel vragen, daar kun je een middag mee vullen!"),
    ("en", "So many questions, you could spend an afternoon on them!"),
])
def test_a_sigh_beside_the_answers_asks_nothing(lang: str, line: str) -> None:
    assert not _beside_answers(line, lang) & HANDED


@pytest.mark.parametrize(("lang", "host", "value"), [
    ("en", "Yes, in principle - we would need to check the dates with our director", True),
    ("nl", "Ja, in principe wel, maar de datum moet ik nog navragen", True),
    ("en", "No idea, that is not for me to decide", None),
    ("nl", "Geen idee, dat is niet aan mij", None),
    ("nl", "Misschien: we hebben een zaal voor veertig mensen", None),
])
def test_a_yes_or_no_that_the_rest_qualifies_is_an_answer_a_doubt_is_none(lang: str, host: str,
                                                                          value: bool | None) -> None:
    text = (ANSWERS_NL if lang == "nl" else ANSWERS_EN).format(host=host)
    found = understand(reading(message(text, subject="Re: Aanmelding"), PARTICIPANT, lang=lang,
                               replies_to=MailKind.QUESTIONNAIRE))
    answers = next(f for f in found if f.kind == Finding.ANSWERS).data["answers"]
    assert answers.get("host") is value
