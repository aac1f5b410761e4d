"""The organiser's commands by mail: one per line, in Dutch or English. Pure: lines in, commands out.

    overzicht | overview                         the digest now, with the CSV and XLSX
    aanmelden Naam <adres> | register Name <a>    registers someone and sends the questionnaire
    afmelden <adres> | withdraw <address>
    vragenlijst <adres> | resend <address>
    notitie <adres> tekst | note <address> text
    afwezig <adres> <bijeenkomst> | absent ...    and aanwezig ... | present ...
    briefing <bijeenkomst> | brief <meeting>      the meeting's briefing now
    koppel <naam|adres> | introduce <name|a>      introductions by mail: a preview, sent after her "JA"
    koppelingen | introductions                   (``introductions``)
    afgehandeld [#nr] | done [#nr]                closes an open item
    help | hulp

A mail is read as commands when its first line of her own starts with one of these words;
every line must then be a command, or nothing is done and she gets the help text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mailbot.mail.address import is_address

_ADDRESS = re.compile(r"<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)>?")
VERBS: dict[str, str] = {
    "overzicht": "overview", "overview": "overview", "digest": "overview",
    "aanmelden": "register", "register": "register", "inschrijven": "register", "registreer": "register",
    "afmelden": "withdraw", "withdraw": "withdraw", "uitschrijven": "withdraw",
    "vragenlijst": "resend", "resend": "resend", "questionnaire": "resend",
    "notitie": "note", "note": "note",
    "afwezig": "absent", "absent": "absent", "aanwezig": "present", "present": "present",
    "briefing": "briefing", "brief": "briefing",
    "afgehandeld": "done", "done": "done", "klaar": "done", "handled": "done",
    "help": "help", "hulp": "help", "?": "help",
    "koppel": "introduce", "introduce": "introduce", "koppelingen": "introductions", "introductions": "introductions",
}
_NEEDS_ADDRESS = frozenset({"register", "withdraw", "resend", "note", "absent", "present"})


@dataclass(frozen=True)
class Command:
    verb: str  # the English name of the command
    line: str  # as she wrote it
    address: str = ""
    name: str = ""
    text: str = ""  # a note's text, a meeting's name, an item number


@dataclass(frozen=True)
class Commands:
    commands: list[Command] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # lines that look like commands but are not

    @property
    def any(self) -> bool:
        return bool(self.commands or self.unknown)


def _verb(line: str) -> str | None:
    first = line.strip().split(maxsplit=1)[0].lower().rstrip(":,.") if line.strip() else ""
    return VERBS.get(first)


def parse_commands(lines: list[str]) -> Commands:
    """The commands in her own lines; empty when the mail is not a command mail (a note, say)."""
    own = [line.strip() for line in lines if line.strip()]
    if not own or _verb(own[0]) is None:
        return Commands()
    found, unknown = [], []
    for line in own:
        command = parse_line(line)
        if command is None:
            unknown.append(line)
        else:
            found.append(command)
    return Commands(found, unknown)


def parse_line(line: str) -> Command | None:
    verb = _verb(line)
    if verb is None:
        return None
    rest = line.strip().split(maxsplit=1)[1] if len(line.split()) > 1 else ""
    if verb not in _NEEDS_ADDRESS:
        if verb in ("overview", "help", "introductions") and rest:
            return None  # "overzicht van de kosten ..." is a sentence, not a command
        return Command(verb, line, text=rest.strip().lstrip("#"))
    match = _ADDRESS.search(rest)
    if match is None or not _stands_alone(rest, match):
        return None
    address = match.group(1).lower()
    before = rest[: match.start()].strip().strip("<>,:").strip()
    after = rest[match.end():].strip().strip(">,:").strip()
    if verb == "register":
        return Command(verb, line, address=address, name=before or after)
    if before:
        return None  # the address comes first for every other command
    if verb in ("note", "absent", "present") and not after:
        return None
    return Command(verb, line, address=address, text=after)


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """The address is a whole word and a real address: "a@b@c.nl" or "x..y@c.nl" names nobody."""
    before, after = text[:match.start()], text[match.end():]
    glued = (before and not before[-1].isspace() and before[-1] not in "<,:;(") or (
        after and not after[0].isspace() and after[0] not in ">,:;.)")
    return not glued and is_address(match.group(1))


def looks_like_a_command(line: str) -> bool:
    """A short line with an address and no sentence in it: she meant a command we do not know."""
    words = line.split()
    return 0 < len(words) <= 6 and bool(_ADDRESS.search(line)) and not line.rstrip().endswith((".", "?", "!"))
