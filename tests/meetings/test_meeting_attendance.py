"""Declines and acceptances in participants' own words, Dutch and English, in a reply to the reminder of
one meeting: read as the bot reads every mail (``mailbot.understand``), by who acts and whether it is meant."""

from __future__ import annotations

import pytest

from mailbot.core.domain import Attendance, Finding, MailKind, Status
from mailbot.understand import understand
from tests.understand.test_findings import message, reading


def _said(text: str, lang: str) -> dict[str, str]:
    if not text.strip():
        return {}
    found = understand(reading(message(text, subject="Re: Herinnering"), Status.ANSWERED, lang,
                               replies_to=MailKind.REMINDER, thread_meeting="m1"))
    return {m: str(s) for f in found if f.kind == Finding.ATTENDANCE for m, s in f.data["meetings"].items()}


def detect_decline(text: str, lang: str = "nl") -> bool:
    return _said(text, lang).get("m1") == Attendance.DECLINED


def detect_acceptance(text: str, lang: str = "nl") -> bool:
    return _said(text, lang).get("m1") == Attendance.ACCEPTED

DECLINES = [
    ("nl", "Ik kan helaas niet."),
    ("nl", "ik kan helaas niet"),
    ("nl", "Ik kan er niet bij zijn."),
    ("nl", "Ik kan er helaas niet bij zijn op donderdag."),
    ("nl", "Helaas kan ik donderdag niet aanwezig zijn."),
    ("nl", "Donderdag kan ik niet."),
    ("nl", "Ik kan de bijeenkomst niet bijwonen."),
    ("nl", "Ik kan, helaas, niet komen."),
    ("nl", "Ik kan helaas niet\nkomen op 20 januari."),  # a hard-wrapped line
    ("nl", "Ik wil me graag afmelden voor deze bijeenkomst."),
    ("nl", "Afmelden voor deze bijeenkomst"),
    ("nl", "Ik meld me af voor de bijeenkomst van 20 januari."),
    ("nl", "Hierbij meld ik mij af voor de bijeenkomst van de leerkring op donderdag."),
    ("nl", "Ik ben verhinderd."),
    ("nl", "Verhinderd"),
    ("nl", "Ik ben er helaas niet bij."),
    ("nl", "Ik zal er niet zijn."),
    ("nl", "Ik zal helaas niet aanwezig zijn."),
    ("nl", "Het lukt me helaas niet om te komen."),
    ("nl", "Ik zal er helaas niet bij kunnen zijn."),
    ("nl", "Ik moet helaas afzeggen."),
    ("nl", "Ik kan helaas niet komen, kunt u mij de slides sturen?"),
    ("nl", "Beste Anna,\n\nIk kan er donderdag helaas niet bij zijn.\n\nGroet, Jan"),
    ("en", "I can't make it."),
    ("en", "I can\u2019t make it, sorry!"),
    ("en", "I cannot attend."),
    ("en", "Unfortunately I'm unable to attend."),
    ("en", "I won't be able to come."),
    ("en", "I will not be able to join on Thursday."),
    ("en", "I won't be there."),
    ("en", "I'll have to miss the meeting on Thursday."),
    ("en", "I'm not able to make the meeting."),
    ("en", "Unable to attend."),
    ("en", "I have another appointment that day."),
    ("nl", "Ik heb die dag helaas een andere afspraak."),
    ("nl", "Wij kunnen er helaas niet bij zijn."),
    ("nl", "Ik ben de hele dag niet aanwezig."),
    ("nl", "Ik kan niet op 20 januari, wel op 30 januari."),
    ("en", "Please send my apologies."),
    ("nl", "Sorry, I can't make it"),  # answered in the other language
]

NOT_DECLINES = [
    ("nl", "Ik kan niet wachten!"),
    ("nl", "Ik kan niet wachten om erbij te zijn."),
    ("nl", "Ik meld mij af voor de leerkring."),
    ("nl", "Ik meld me af voor alle bijeenkomsten."),
    ("nl", "Ik kan helaas niet meer komen."),  # no longer: leaving the circle, classified elsewhere
    ("nl", "Wat als ik niet kan komen?"),
    ("nl", "Als ik niet kan komen, laat ik het weten."),
    ("nl", "Mocht ik niet kunnen komen, dan bel ik."),
    ("nl", "Ik ben niet verhinderd."),
    ("nl", "Ik kan het niet vinden."),
    ("nl", "Ik kan het niet."),
    ("nl", "Dat kan niet."),
    ("nl", "Ik kom er niet uit met de vragenlijst."),
    ("nl", "Ik ben niet blij met de locatie."),
    ("nl", "Ik kan me niet voorstellen dat het druk wordt."),
    ("nl", "Ik kom graag!"),
    ("nl", "Het lukt me niet om de vragenlijst in te vullen."),
    ("nl", ""),
    ("en", "I can't wait!"),
    ("en", "I can't wait to come."),
    ("en", "What if I can't attend?"),
    ("en", "If I cannot attend, who do I tell?"),
    ("en", "I won't make it in time, I'll be 10 minutes late."),
    ("en", "I can't attend any more meetings."),
    ("en", "I'll be there."),
    ("en", "I couldn't attend last time, but I'll be there."),
    ("en", "I cannot believe how good the last meeting was."),
    ("nl", "Ik kan niet zeggen of ik kom."),
    ("nl", "Ik weet nog niet of ik kan komen."),
    ("nl", "Ik kan niet anders dan enthousiast zijn."),
    ("nl", "Bedankt voor de herinnering!"),
    ("nl", "Ik had vorige keer een andere afspraak."),
]


@pytest.mark.parametrize(("lang", "text"), DECLINES)
def test_declines(lang: str, text: str) -> None:
    assert detect_decline(text, lang)
    assert not detect_acceptance(text, lang)


@pytest.mark.parametrize(("lang", "text"), NOT_DECLINES)
def test_not_declines(lang: str, text: str) -> None:
    assert not detect_decline(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Ik kom!"),
        ("nl", "Ik kom graag."),
        ("nl", "Ik ben erbij."),
        ("nl", "Ik ben er zeker bij, tot donderdag!"),
        ("nl", "Ik zal er zijn."),
        ("en", "I'll be there."),
        ("en", "I will attend."),
        ("en", "Count me in!"),
        ("en", "I can't wait, I'll be there!"),
    ],
)
def test_acceptances(lang: str, text: str) -> None:
    assert detect_acceptance(text, lang)
    assert not detect_decline(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Ik kom uit Groningen."),
        ("nl", "Ik kom niet."),
        ("nl", "Komt u ook?"),
        ("nl", "Ik ben er niet bij."),
        ("en", "I'm not sure I'll be there."),
        ("en", "Will I be there?"),
        ("en", "I won't be there."),
    ],
)
def test_not_acceptances(lang: str, text: str) -> None:
    assert not detect_acceptance(text, lang)
