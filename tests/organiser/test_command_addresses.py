"""An organiser's command names a real address, whole, or it is no command (she gets the help text)."""

from __future__ import annotations

import pytest

from mailbot.organiser.commands import parse_line


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("afmelden jan@org.test", "jan@org.test"),
        ("aanmelden Jan de Vries <jan@org.test>", "jan@org.test"),
        ("notitie jan@org.test belt morgen.", "jan@org.test"),
        ("afmelden jan@org.test.", "jan@org.test"),
    ],
)
def test_a_whole_real_address(line: str, address: str) -> None:
    command = parse_line(line)
    assert command is not None and command.address == address


@pytest.mark.parametrize(
    "line",
    [
        "afmelden jan@evil.test@org.test",  # more than one @: never the "evil.test@org.test" inside it
        "afmelden x..y@org.test",
        "aanmelden Jan <=?utf-8?q?x?=@org.test>",
        "aanmelden Jan <x=?utf-8?q?y?=@org.test>",
        "vragenlijst .jan@org.test",
        "afmelden jan@localhost",
    ],
)
def test_no_real_address_no_command(line: str) -> None:
    assert parse_line(line) is None
