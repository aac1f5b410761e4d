"""Who acts, what the act is, and whether it is meant: our own wordings of each principle (none from the eval
corpus), in Dutch, English and German.

The meetings of the fixture: m1 Groningen (20 January 2027), m2 Wageningen (30 January), m3 Nijmegen (9 February).
"""

from __future__ import annotations

import pytest

from mailbot.core.domain import Attendance, Finding, MailKind
from tests.understand.test_findings import MEETINGS, PARTICIPANT
from tests.understand.test_paraphrases import _found

assert [m.id for m in MEETINGS] == ["m1", "m2", "m3"]


def _attendance(found: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {k: v for f in found if f.kind == Finding.ATTENDANCE for k, v in f.data["meetings"].items()}


# a decline, and then where they will be instead: that is why, not a coming
ELSEWHERE = [
    ("nl", "Helaas lukt het me niet, ik moet die middag bij een overleg op het ministerie zijn."),
    ("nl", "Ik kan er niet bij zijn: de gemeenteraad vergadert dan en daar moet ik aanwezig zijn."),
    ("en", "Sorry, I won't make it; I'm due at a board meeting in Utrecht that afternoon."),
    ("en", "I can't come, I'll be at our annual conference in Lyon that day."),
    ("de", "Leider kann ich nicht kommen, ich muss an dem Tag bei einer Messe in Hannover dabei sein."),
]


@pytest.mark.parametrize(("lang", "text"), ELSEWHERE)
def test_being_elsewhere_keeps_the_decline(lang: str, text: str) -> None:
    found = _found(text, lang, PARTICIPANT, replies_to=MailKind.REMINDER, thread_meeting="m2")
    assert _attendance(found) == {"m2": Attendance.DECLINED}


# a hope, a chance, a difficulty: no promise either way
HEDGED = [
    ("nl", "Ik hoop er in Wageningen bij te zijn."),
    ("nl", "Er is een grote kans dat ik de bijeenkomst in Wageningen moet missen."),
    ("nl", "Ik kan moeilijk níet komen naar Wageningen, het is om de hoek."),
    ("en", "There's a good chance I'll miss the Wageningen session."),
    ("en", "I'm hoping to make it to Wageningen."),
    ("de", "Ich hoffe, in Wageningen dabei zu sein."),
]


@pytest.mark.parametrize(("lang", "text"), HEDGED)
def test_a_hedge_records_nothing(lang: str, text: str) -> None:
    found = _found(text, lang, PARTICIPANT)
    assert not _attendance(found)
    assert Finding.WITHDRAWAL not in {f.kind for f in found}


# coming only to some: the others are declined, and the ones named are coming
ONLY = [
    ("nl", "Graag meld ik me aan, al kan ik pas vanaf de bijeenkomst in Nijmegen aansluiten."),
    ("nl", "Ik schrijf me in; ik ben er alleen bij in Nijmegen."),
    ("en", "I'd like to sign up, though I can only make the Nijmegen meeting."),
    ("de", "Ich melde mich an, kann aber nur beim Treffen in Nijmegen dabei sein."),
]


@pytest.mark.parametrize(("lang", "text"), ONLY)
def test_only_some_meetings_declines_the_others(lang: str, text: str) -> None:
    attendance = _attendance(_found(text, lang, None))
    assert attendance == {"m1": Attendance.DECLINED, "m2": Attendance.DECLINED, "m3": Attendance.ACCEPTED}


# "it is not that ...": the frame denies what it introduces
DENIED = [
    ("nl", "Het is niet zo dat ik me wil afmelden, hoor."),
    ("nl", "Dat is niet omdat ik me wil afmelden, ik heb het gewoon druk."),
    ("en", "It's not that I want to withdraw, I'm just swamped."),
    ("en", "It is not because I want to drop out."),
    ("de", "Es ist nicht so, dass ich mich abmelden möchte."),
]


@pytest.mark.parametrize(("lang", "text"), DENIED)
def test_a_denied_withdrawal_withdraws_nobody(lang: str, text: str) -> None:
    assert Finding.WITHDRAWAL not in {f.kind for f in _found(text, lang, PARTICIPANT)}


# a question about erasure is no request for it
ERASURE_ASKED = [
    ("nl", "Hoe lang bewaart u mijn gegevens, en worden ze daarna verwijderd?"),
    ("nl", "Wanneer verwijdert u de gegevens van deelnemers?"),
    ("en", "How long do you keep my data, and when will it be deleted?"),
    ("de", "Und könnte ich meine Daten auch jetzt schon löschen lassen?"),
    ("de", "Wann werden meine Daten gelöscht?"),
]


@pytest.mark.parametrize(("lang", "text"), ERASURE_ASKED)
def test_a_question_about_erasure_erases_nothing(lang: str, text: str) -> None:
    found = {f.kind for f in _found(text, lang, PARTICIPANT)}
    assert Finding.DELETION not in found and Finding.WITHDRAWAL not in found


# to "are you sure we erase everything?": a no in one's own words keeps everything, and the organiser reads it
KEPT = [
    ("nl", "Dat is een misverstand, ik wil niet dat mijn gegevens gewist worden."),
    ("nl", "Ja, dat had ik gevraagd. Maar ik heb me bedacht: laat alles maar staan."),
    ("en", "That was a mix-up: I don't want my data deleted at all."),
    ("en", "Yes I asked, but on second thought please keep everything."),
    ("de", "Ich habe es mir anders überlegt, bitte behalten Sie meine Daten."),
]


@pytest.mark.parametrize(("lang", "text"), KEPT)
def test_a_no_in_own_words_keeps_the_data(lang: str, text: str) -> None:
    found = _found(text, lang, PARTICIPANT, replies_to=MailKind.FORGET_CONFIRM, pending_action="forget")
    confirmation = next(f for f in found if f.kind == Finding.CONFIRMATION)
    assert confirmation.data["intent"] == "no" and confirmation.data["explained"]


# someone else to sign up or to take one's place: never on a colleague's word alone (the organiser arranges it)
COLLEAGUE = [
    ("nl", "Mijn collega Karel Bos wil graag meedoen. Kun je hem aanmelden? Zijn adres: k.bos@gemeente.example"),
    ("nl", "Karel Bos (k.bos@gemeente.example) neemt mijn plek in de leerkring over."),
    ("en", "Could you also register my colleague Karel Bos? His address is k.bos@gemeente.example."),
    ("en", "My colleague Karel Bos (k.bos@gemeente.example) will take my place in the learning circle."),
    ("de", "Könnten Sie bitte meinen Kollegen Karel Bos (k.bos@gemeente.example) für den Lernkreis anmelden?"),
]


@pytest.mark.parametrize(("lang", "text"), COLLEAGUE)
def test_mail_about_a_colleague_goes_to_the_organiser(lang: str, text: str) -> None:
    found = {f.kind for f in _found(text, lang, PARTICIPANT)}
    assert Finding.COLLEAGUE in found and Finding.REGISTRATION not in found


@pytest.mark.parametrize("text", ["Ik verzoek u mij uit te schrijven voor de leerkring.",
                                  "Hierbij vraag ik u mij uit de leerkring terug te trekken.",
                                  "Hierbij verzoek ik u mij uit te schrijven."])
def test_a_separable_verb_as_infinitive_withdraws(text: str) -> None:
    assert Finding.WITHDRAWAL in {f.kind for f in _found(text, "nl", PARTICIPANT)}


# a participant who says, meaning it, that they stay: said back, nothing for the organiser to read
STAYS = [
    ("nl", "Afmelden is zeker niet mijn bedoeling, ik heb het alleen erg druk."),
    ("nl", "Ik ben niet van plan om te stoppen met de leerkring."),
    ("en", "I'm not planning to drop out, don't worry."),
    ("en", "Please don't erase my details, I'm still in."),
    ("de", "Ich melde mich nicht ab, keine Sorge."),
]


@pytest.mark.parametrize(("lang", "text"), STAYS)
def test_staying_is_said_back(lang: str, text: str) -> None:
    found = {f.kind for f in _found(text, lang, PARTICIPANT)}
    assert Finding.STAYS in found
    assert not found & {Finding.WITHDRAWAL, Finding.DELETION, Finding.MESSAGE}


# not getting there is not coming; getting to the questionnaire is about the questionnaire
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I won't be able to get to Nijmegen in February, sorry."),
    ("en", "Getting to Nijmegen on 9 February is not going to work for me."),
    ("fr", "Je ne pourrai pas me rendre à Nijmegen le 9 février."),
])
def test_not_getting_there_declines(lang: str, text: str) -> None:
    assert _attendance(_found(text, lang, PARTICIPANT)) == {"m3": Attendance.DECLINED}


def test_getting_to_the_questionnaire_is_no_attendance() -> None:
    assert not _attendance(_found("I haven't had time to get to the questionnaire yet.", "en", PARTICIPANT))


# a secretary writing from the participant's own address (Jan de Vries): what "de heer De Vries" does is the sender's
@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Namens de heer De Vries laat ik u weten dat hij op 30 januari verhinderd is."),
    ("nl", "De heer drs. J. de Vries is op 30 januari helaas verhinderd."),
    ("en", "Mr De Vries asked me to let you know that he cannot attend the Wageningen meeting."),
])
def test_the_owner_of_the_address_named_by_a_secretary_is_the_sender(lang: str, text: str) -> None:
    found = _found(text, lang, PARTICIPANT)
    assert _attendance(found) == {"m2": Attendance.DECLINED}
    assert Finding.COLLEAGUE not in {f.kind for f in found}


def test_someone_else_named_by_a_title_is_someone_else() -> None:
    found = _found("De heer Bos kan helaas niet bij de bijeenkomst in Wageningen zijn.", "nl", PARTICIPANT)
    assert not _attendance(found)


# a reassurance beside the clause negates nothing in it: the act stands as said
@pytest.mark.parametrize(("lang", "text", "withdraws"), [
    ("nl", "Ik meld me af, geen zorgen.", True),
    ("en", "No worries, I'm withdrawing from the learning circle.", True),
    ("de", "Ich melde mich nicht ab, keine Sorge.", False),
    ("en", "Don't worry, I'm not withdrawing from the learning circle.", False),
])
def test_a_reassurance_negates_nothing(lang: str, text: str, withdraws: bool) -> None:
    assert (Finding.WITHDRAWAL in {f.kind for f in _found(text, lang, PARTICIPANT)}) is withdraws


# whose answers: the possessive says it, not a pronoun in a clause of its own after it
@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Namens mevrouw Bos stuur ik u haar antwoorden, zoals zij ze mij heeft gegeven."),
    ("nl", "Hieronder zijn antwoorden, zoals hij ze mij doorgaf."),
    ("en", "Below are her answers, as she dictated them to me."),
])
def test_answers_for_someone_else_are_theirs(lang: str, text: str) -> None:
    found = [f for f in _found(text, lang, PARTICIPANT) if f.kind == Finding.COLLEAGUE]
    assert any(f.data.get("on_behalf") for f in found)
