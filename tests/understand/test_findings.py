"""What a person's mail says, finding by finding, in Dutch and English: and two things in one mail.

Each case is the person's own words (and what we know of them); the test names the findings that
must come out, and those that must not. Fixtures from tests/fixtures/mail are read the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.core.domain import Finding, MailKind, Status
from mailbot.mail.parse import IncomingMail, parse_mail
from mailbot.meetings.model import Meeting
from mailbot.understand import Found, Reading, understand
from tests import FIXTURES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
QUESTIONNAIRE = load_default_questionnaire(("nl", "en"))
MEETINGS = (
    Meeting("m1", "Bijeenkomst 1: Cluster governance", NOW + timedelta(days=10), NOW + timedelta(days=10, hours=4),
            "Energy Valley", "Stationsplein 1, 9726 AE Groningen"),
    Meeting("m2", "Bijeenkomst 2: Rolverdeling", NOW + timedelta(days=20), NOW + timedelta(days=20, hours=4),
            "Food Valley", "Nieuwe Kanaal 7, 6709 PA Wageningen"),
    Meeting("m3", "Bijeenkomst 3: Financieren", NOW + timedelta(days=30), NOW + timedelta(days=30, hours=4),
            "Health Valley", "Kapittelweg 29, Nijmegen"),
)


def message(text: str, subject: str = "Leerkring", sender: str = "jan@gemeente.example") -> IncomingMail:
    m = EmailMessage()
    m["From"] = f"Jan de Vries <{sender}>"
    m["To"] = "leerkring@example.org"
    m["Subject"] = subject
    m["Message-ID"] = "<t@gemeente.example>"
    m.set_content(text)
    return parse_mail(m.as_bytes())


def reading(mail: IncomingMail, status: Status | None = None, lang: str = "nl", **known: Any) -> Reading:
    return Reading(mail=mail, text=mail.new_text, subject=mail.subject if not known.get("replies_to") else "",
                   language=lang, status=status, meetings=MEETINGS, timezone=AMSTERDAM, now=NOW,
                   questionnaire=QUESTIONNAIRE, current=QUESTIONNAIRE, **known)


def kinds(found: list[Found]) -> set[str]:
    return {str(f.kind) for f in found}


def of(found: list[Found], kind: Finding) -> Found:
    return next(f for f in found if f.kind == kind)


PARTICIPANT = Status.QUESTIONNAIRE_SENT

# (text, status, what must be found, what must not)
CASES: list[tuple[str, Status | None, set[str], set[str]]] = [
    # a sign-up, and a sign-up with a question: both
    ("Graag meld ik mij aan voor de leerkring.", None, {"registration"}, {"question"}),
    ("Ik overweeg deel te nemen aan de leerkring. Wat kost deelname?", None, {"registration", "question"}, set()),
    ("I would like to take part in the learning circle. Is it free of charge?", None, {"registration", "question"},
     set()),
    ("Kan ik me nog aanmelden?", None, {"registration"}, {"question"}),
    # a question from someone new, without a word about taking part: a person answers, nobody registered
    ("Is er een deelnemersbijdrage voor de bijeenkomsten?", None, {"question"}, {"registration"}),
    # withdrawing oneself, in many words; never a decline, a colleague, a question or a negation
    ("Ik meld mij af voor de leerkring.", PARTICIPANT, {"withdrawal"}, {"attendance"}),
    ("Helaas kan ik niet meer meedoen.", PARTICIPANT, {"withdrawal"}, set()),
    ("Please remove me from the learning circle.", PARTICIPANT, {"withdrawal"}, set()),
    ("I can no longer take part, sorry.", PARTICIPANT, {"withdrawal"}, set()),
    ("Hoe meld ik me af als het niet uitkomt?", PARTICIPANT, {"question"}, {"withdrawal"}),
    ("Ik wil me zeker niet afmelden, ik vind het heel nuttig.", PARTICIPANT, set(), {"withdrawal"}),
    ("Mijn collega Karel Bos wil zich afmelden voor de leerkring. Ik blijf zelf gewoon deelnemen.", PARTICIPANT,
     {"colleague"}, {"withdrawal"}),
    ("My colleague Anna Smith would like to withdraw; I will stay.", PARTICIPANT, {"colleague"}, {"withdrawal"}),
    ("Namens Piet Jansen stuur ik u zijn antwoorden.", None, {"colleague"}, {"registration"}),
    # one meeting is attendance, not a withdrawal
    ("Bij de eerste bijeenkomst kan ik helaas niet zijn, de andere wel.", PARTICIPANT, {"attendance"},
     {"withdrawal"}),
    ("Ik meld me af voor de tweede bijeenkomst in Wageningen.", PARTICIPANT, {"attendance"}, {"withdrawal"}),
    ("I can't make the Food Valley session.", PARTICIPANT, {"attendance"}, {"withdrawal"}),
    # deletion: only a request, never a "do not delete" or a question about keeping
    ("Kunt u mijn gegevens verwijderen?", PARTICIPANT, {"deletion"}, {"question"}),
    ("Please delete my personal data.", None, {"deletion"}, {"registration"}),
    ("Wilt u mijn gegevens na afloop niet verwijderen?", PARTICIPANT, {"question"}, {"deletion"}),
    ("Hoe lang bewaren jullie mijn gegevens?", PARTICIPANT, {"question"}, {"deletion"}),
    # coming back
    ("Het komt toch uit: ik wil graag weer meedoen aan de leerkring.", Status.WITHDRAWN, {"comeback"}, set()),
    ("I want to take part after all.", Status.WITHDRAWN, {"comeback"}, set()),
    # two things that exclude each other go to a person
    ("Ik meld mij af. Graag doe ik weer mee aan de leerkring.", Status.WITHDRAWN, {"contradiction"},
     {"withdrawal", "comeback"}),
    # nothing to act on
    ("Dank u wel!", PARTICIPANT, set(), {"message", "question"}),
    ("Ik zit deze week op vakantie in Frankrijk maar lees mijn mail wel.", PARTICIPANT, {"message"}, set()),
]


@pytest.mark.parametrize(("text", "status", "present", "absent"), CASES, ids=[c[0][:40] for c in CASES])
def test_what_a_mail_says(text: str, status: Status | None, present: set[str], absent: set[str]) -> None:
    found = kinds(understand(reading(message(text), status, lang="en" if text.isascii() and " the " in text else "nl")))
    assert present <= found, found
    assert not (absent & found), found


def test_a_decline_names_its_meeting_and_the_others_are_coming() -> None:
    """"De andere wel" beside a named decline says the writer comes to the others: each is recorded so."""
    found = understand(reading(message("Bij de eerste bijeenkomst (cluster governance, Energy Valley) kan ik helaas "
                                       "niet zijn. Bij de andere bijeenkomsten ben ik er wel."), PARTICIPANT))
    assert of(found, Finding.ATTENDANCE).data["meetings"] == {"m1": "declined", "m2": "accepted", "m3": "accepted"}


def test_a_decline_in_the_thread_of_a_reminder_is_about_that_meeting() -> None:
    found = understand(reading(message("Ik kan er helaas niet bij zijn."), PARTICIPANT,
                               replies_to=MailKind.REMINDER, thread_meeting="m2"))
    assert of(found, Finding.ATTENDANCE).data == {"meetings": {"m2": "declined"}, "guessed": False}


def test_a_decline_that_names_no_meeting_takes_the_next_one_and_says_so() -> None:
    found = understand(reading(message("Ik kan helaas niet komen."), PARTICIPANT))
    assert of(found, Finding.ATTENDANCE).data == {"meetings": {"m1": "declined"}, "guessed": True}


def test_after_all_reverses_an_earlier_decline() -> None:
    found = understand(reading(message("Op de nieuwe datum kan ik wel."), PARTICIPANT,
                               replies_to=MailKind.MEETING_UPDATE, thread_meeting="m1"))
    assert of(found, Finding.ATTENDANCE).data["meetings"] == {"m1": "accepted"}
    later = understand(reading(message("Ik kan toch!"), PARTICIPANT))
    assert of(later, Finding.ATTENDANCE).data["meetings"] == {"*declined": "accepted"}


def test_the_colleague_is_named_for_the_organiser() -> None:
    found = understand(reading(message("Mijn collega Karel Bos wil zich afmelden voor de leerkring."), PARTICIPANT))
    assert of(found, Finding.COLLEAGUE).data["who"] == "Karel Bos"
    assert of(found, Finding.COLLEAGUE).data["intent"] == "withdraw"


@pytest.mark.parametrize(("text", "intent"), [
    ("Ja", "yes"), ("Ja, graag.", "yes"), ("Akkoord", "yes"), ("Yes, please do.", "yes"), ("confirm", "yes"),
    ("Nee, laat u maar staan, ik doe gewoon mee. Ik had het verkeerd begrepen.", "no"),
    ("Nee, niet verwijderen", "no"), ("No, keep my data.", "no"), ("Liever niet", "no"),
    ("Ja, maar wacht nog even tot na de laatste bijeenkomst.", "unclear"), ("Hoezo?", "unclear"),
    ("Wat bedoelt u precies?", "unclear"),
])
def test_only_a_clear_yes_confirms(text: str, intent: str) -> None:
    found = understand(reading(message(text, subject="Re: Bevestig"), PARTICIPANT, replies_to=MailKind.FORGET_CONFIRM,
                               pending_action="forget"))
    assert of(found, Finding.CONFIRMATION).data["intent"] == intent


def test_an_attachment_and_a_question_are_both_found() -> None:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "Jan <jan@gemeente.example>", "leerkring@example.org", "Mijn antwoorden"
    m.set_content("In de bijlage mijn antwoorden. Is dat goed zo?")
    m.add_attachment(b"%PDF-1.4 antwoorden", maintype="application", subtype="pdf", filename="antwoorden.pdf")
    found = understand(reading(parse_mail(m.as_bytes()), PARTICIPANT))
    assert {"attachment", "question"} <= kinds(found)
    assert of(found, Finding.ATTACHMENT).data["files"] == ["antwoorden.pdf"]


def test_german_is_read() -> None:
    found = understand(reading(message("Ich möchte gerne an dem Lernkreis teilnehmen, aber ich spreche kein "
                                       "Niederländisch."), None, lang="de"))
    assert "registration" in kinds(found) and "language" not in kinds(found)


def test_another_language_is_found() -> None:
    found = understand(reading(message("Hola, me gustaría participar en el círculo de aprendizaje, pero no hablo "
                                       "neerlandés."), None, lang="es"))
    assert "language" in kinds(found) and "registration" not in kinds(found)


FIXTURE_CASES = [("interest_plain_nl", None, "registration"), ("interest_en", None, "registration"),
                 ("question_bijdrage", None, "question"), ("question_en", None, "question"),
                 ("withdrawal_meld_af", PARTICIPANT, "withdrawal"), ("withdrawal_uitschrijven", PARTICIPANT,
                                                                      "withdrawal"),
                 ("withdrawal_en", PARTICIPANT, "withdrawal"), ("forget_nl", PARTICIPANT, "deletion"),
                 ("forget_en", None, "deletion"), ("decline_meeting_nl", PARTICIPANT, "attendance"),
                 ("decline_meeting_en", PARTICIPANT, "attendance"), ("interest_question_inside", None,
                                                                     "registration")]


@pytest.mark.parametrize(("name", "status", "kind"), FIXTURE_CASES)
def test_fixture_mail(name: str, status: Status | None, kind: str) -> None:
    mail = parse_mail((FIXTURES / "mail" / f"{name}.eml").read_bytes())
    lang = "en" if name.endswith("_en") else "nl"
    assert kind in kinds(understand(reading(mail, status, lang=lang)))


def test_words_of_our_own_quoted_mail_never_count() -> None:
    mail = parse_mail((FIXTURES / "mail" / "answer_outlook_quoted_nl.eml").read_bytes())
    assert "afmelden" in mail.text.lower()
    assert "withdrawal" not in kinds(understand(reading(mail, PARTICIPANT, replies_to=MailKind.QUESTIONNAIRE)))
