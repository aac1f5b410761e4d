"""Quote headers, signatures and salutations are recognised, in Dutch, English and German."""

from __future__ import annotations

import pytest

from mailbot.mail.split import (
    is_salutation,
    is_signature_start,
    looks_like_name,
    quote_header_length,
    split_lines,
)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Op wo 4 okt. 2017 om 09:15 schreef Leerkring Clusters & clusterbeleid <leerkring@bot.test>:", 1),
        ("Op wo 4 okt. 2017 om 09:15 schreef Leerkring Clusters & clusterbeleid <\nleerkring@bot.test>:", 2),
        ("Op wo 4 okt. 2017 om 09:15 schreef\nLeerkring Clusters & clusterbeleid <leerkring@bot.test>:", 2),
        ("Op 4 okt. 2017 om 09:15 heeft Leerkring <leerkring@bot.test> het volgende geschreven:", 1),
        ("> Op 4 okt. 2017 om 09:15 heeft Leerkring <leerkring@bot.test> het volgende geschreven:", 1),
        ("On Wed, Oct 4, 2017 at 9:15 AM Leerkring <leerkring@bot.test> wrote:", 1),
        ("On 04-10-2017 09:15, Leerkring wrote:", 1),
        ("Am 04.10.2017 um 09:15 schrieb Leerkring <leerkring@bot.test>:", 1),
        (
            "Van: Leerkring <l@bot.test>\nVerzonden: woensdag 4 oktober 2017\nAan: Jan\nOnderwerp: Vragen",
            4,
        ),
        ("From: L <l@bot.test>\nSent: Wednesday\nTo: Jan <j@x.nl>;\n Piet <p@x.nl>\nCc: Kees\nSubject: Q", 6),
        ("Van: L\nDatum: 4 oktober 2017\nAan: Jan\nOnderwerp: Vragen", 4),
        ("*From:* L\n*Sent:* Wednesday\n*To:* Jan\n*Subject:* Q", 4),
        ("________________________________\nVan: L\nVerzonden: wo\nAan: J\nOnderwerp: V", 5),
        ("________________________________\n\nFrom: L\nSent: wo\nTo: J\nSubject: V", 6),
        ("-----Oorspronkelijk bericht-----\nVan: L\nVerzonden: wo\nAan: J\nOnderwerp: V", 5),
        ("-----Original Message-----", 1),
        ("Op de vraag over governance schreef ik het volgende:", 0),  # prose, no date
        ("Van: de provincie kreeg ik dit bericht", 0),
        ("________________________________", 0),
        ("Onderwerp: governance", 0),
    ],
)
def test_quote_headers(text: str, length: int) -> None:
    assert quote_header_length(split_lines(text), 0) == length


@pytest.mark.parametrize(
    "line",
    ["Met vriendelijke groet,", "Met vriendelijke groeten", "Vriendelijke groet", "Groet,", "Groeten, Jan",
     "Hartelijke groet", "Mvg", "Kind regards,", "Best regards", "Regards,", "Cheers", "Thanks,", "Bedankt!",
     "Verzonden vanaf mijn iPhone", "Verstuurd vanaf mijn iPad", "Sent from my iPhone", "Get Outlook for iOS",
     "-- ", "Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde.",
     "This email and any attachments are confidential and intended solely for the addressee."],
)  # fmt: skip
def test_signatures(line: str) -> None:
    assert is_signature_start(line)


@pytest.mark.parametrize(
    "line", ["Groeiend", "Provincie Overijssel", "Regio Zwolle", "Bedankt voor de uitnodiging, ik kom graag."]
)
def test_not_signatures(line: str) -> None:
    assert not is_signature_start(line)


def test_salutations_and_names() -> None:
    assert is_salutation("Beste organisatie,") and is_salutation("Hoi Jan,") and is_salutation("Dear all,")
    assert not is_salutation("Beste ervaring: ons fonds voor het mkb in de regio, dat werkt heel goed.")
    assert looks_like_name("Jan de Vries") and looks_like_name("Anja")
    assert not looks_like_name("Provincie Overijssel.") and not looks_like_name("ja")


def test_quote_depth() -> None:
    lines = split_lines("a\n> b\n>> c\n> > d\n>\n")
    assert [(line.depth, line.content) for line in lines] == [
        (0, "a"),
        (1, "b"),
        (2, "c"),
        (2, "d"),
        (1, ""),
        (0, ""),
    ]
