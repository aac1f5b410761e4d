"""Her lines, read around her greeting, her signature of any length and quoted text. Pure."""

from __future__ import annotations

import pytest

from mailbot.organiser.commands import parse_line
from mailbot.organiser.reading import HerLines, her_lines, is_contact

NAMES = ["Marloes Bakker"]


def read(text: str) -> HerLines:
    return her_lines(text, [], NAMES, lambda line: parse_line(line) is not None)


@pytest.mark.parametrize("signature", [
    "Groet,\nMarloes",
    "Met vriendelijke groet,\n\nMarloes Bakker\nProgrammamanager Leerkringen\nPlatform31\nKoninginnegracht 60\n"
    "2514 AE Den Haag\nT 070 302 8484\nM 06 1234 5678\nwww.platform31.example\nmarloes@platform31.example\n"
    "Aanwezig: ma, di, do",
    "Marloes Bakker | Programmamanager\n06-12345678",
    "Marloes",
    "--\nM. Bakker\nProgrammamanager",
    "Team Leerkringen\nPostbus 30833, 2500 GV Den Haag\n+31 70 302 8484",
    "Verstuurd vanaf mijn iPhone",
    "Dit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.",
])
def test_her_signature_is_never_a_line_of_hers(signature: str) -> None:
    found = read(f"Hoi,\n\nafmelden anna@org.example\nafwezig piet@org.example 2\n\n{signature}\n")
    assert found.lines == ("afmelden anna@org.example", "afwezig piet@org.example 2"), found


def test_greetings_thanks_and_an_introduction_are_set_aside_but_other_words_stay() -> None:
    found = read("Beste bot,\n\nGraag het volgende:\nafmelden anna@org.example\nDank je!\n"
                 "En bel Piet even over de kosten\n\nMarloes")
    assert found.lines == ("afmelden anna@org.example", "En bel Piet even over de kosten")
    assert "Beste bot," in found.set_aside and "Graag het volgende:" in found.set_aside


def test_a_postscript_below_her_signature_is_still_hers() -> None:
    found = read("afmelden anna@org.example\n\nGroet,\nMarloes\n\nPS: kan Piet nog mee naar bijeenkomst 2?")
    assert found.lines[-1] == "PS: kan Piet nog mee naar bijeenkomst 2?"


def test_quoted_text_is_not_hers() -> None:
    found = read("afmelden anna@org.example\n\nOp 3 dec. 2026 om 10:00 schreef Leerkring <leerkring@example.org>:\n"
                 "> aanmelden iemand <x@y.example>\n")
    assert found.lines == ("afmelden anna@org.example",)


@pytest.mark.parametrize(("line", "contact"), [
    ("T 070 302 8484 | M 06 1234 5678", True), ("www.platform31.example", True), ("2514 AE Den Haag", True),
    ("Bel Piet op 06-12345678 en vraag of hij komt", False), ("afwezig piet@org.example 2", False),
])
def test_contact_details(line: str, contact: bool) -> None:
    assert is_contact(line) is contact


@pytest.mark.parametrize("sentence", ["Aanmelden kan nog tot vrijdag.", "Afmelden kan altijd.",
                                      "Afwezig zijn is geen probleem.", "Antwoord: ja, dat kan.",
                                      "Taal is geen bezwaar."])
def test_in_a_reply_to_a_forward_her_sentences_are_never_commands(sentence: str) -> None:
    assert parse_line(sentence, "piet@org.example", {"org_type"}) is None


def test_in_a_reply_to_a_forward_a_command_may_leave_out_the_person() -> None:
    command = parse_line("antwoord 2 Clusterorganisatie", "piet@org.example", {"org_type"})
    assert command is not None and (command.address, command.question, command.text) == (
        "piet@org.example", "2", "Clusterorganisatie")
