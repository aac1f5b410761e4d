"""The organiser's commands by mail: one per line, in Dutch or English. Pure: lines in, commands out.

    overzicht | overview                                  the digest now, with the CSV and XLSX
    aanmelden Naam <adres> [taal] | register ...          registers someone and sends the questionnaire
    afmelden <adres> | withdraw <address>
    vragenlijst <adres> | resend <address>
    notitie <adres> tekst | note <address> text
    afwezig <adres> <bijeenkomst> | absent ...            and aanwezig ... | present ...
    antwoord <adres> <vraag> <waarde> | answer ...        enters or corrects one answer
    taal <adres> <taal> | language <address> <language>  the language we write to them in
    briefing <bijeenkomst> | brief <meeting>              the meeting's briefing now
    ontvangers <bijeenkomst> <adressen> | recipients ...  who gets the meeting's briefing besides her
    verplaats <bijeenkomst> <datum> <tijd> | move ...     a preview first; participants hear after her JA
    annuleer <bijeenkomst> | cancel <meeting>             the same
    nieuwe bijeenkomst <datum> <tijd> <titel> in <plaats> | new meeting ...
    koppel <naam|adres> | introduce <name|address>        introductions by mail: a preview, sent after her JA
    koppelingen | introductions                           every match not introduced yet: the same
    afgehandeld [#nr] | done [#nr]                        closes an open item
    help | hulp

A line is a command when its first word is one of these and the rest has the shape the command needs;
``organiser.reading`` decides which of her lines are read at all (not her greeting, not her signature).
In a reply to a forward, the person the forward is about is the default ``<adres>`` of ``antwoord``, ``taal``,
``notitie``, ``afwezig`` and ``aanwezig`` (never of ``aanmelden`` or ``afmelden``: her answer to a participant
may well say "aanmelden kan tot vrijdag").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
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
    "antwoord": "answer", "answer": "answer",
    "taal": "language", "language": "language",
    "briefing": "briefing", "brief": "briefing",
    "ontvangers": "recipients", "recipients": "recipients",
    "verplaats": "move", "verplaatsen": "move", "verzet": "move", "move": "move", "reschedule": "move",
    "annuleer": "cancel", "annuleren": "cancel", "afgelasten": "cancel", "cancel": "cancel",
    "afgehandeld": "done", "done": "done", "klaar": "done", "handled": "done",
    "help": "help", "hulp": "help", "?": "help",
    "koppel": "introduce", "introduce": "introduce", "koppelingen": "introductions", "introductions": "introductions",
}
# two words that make one verb: "nieuwe bijeenkomst 12-5-2027 13:00-17:00 Titel in Plaats"
_NEW_MEETING = re.compile(r"^\s*(?:nieuwe\s+bijeenkomst|bijeenkomst\s+toevoegen|new\s+meeting|add\s+meeting)\b[:,]?\s*",
                          re.IGNORECASE)
_NEEDS_ADDRESS = frozenset({"register", "withdraw", "resend", "note", "absent", "present", "answer", "language"})
# in a reply to a forward these may leave out the address; registering or withdrawing someone never goes by
# default ("Aanmelden kan tot vrijdag." in her answer to a participant is a sentence, not a registration)
_DEFAULT_ADDRESS = frozenset({"answer", "language", "note", "absent", "present"})
_MEETING_WORD = re.compile(r"^(?:bijeenkomst|meeting)\s+", re.IGNORECASE)
_QUESTION_WORD = re.compile(r"^(?:vraag|question)\s+", re.IGNORECASE)
_QUESTION_NUMBER = re.compile(r"^(\d{1,2})[.):]?$")
LANGUAGE_WORDS = {"nl": "nl", "nederlands": "nl", "dutch": "nl", "en": "en", "engels": "en", "english": "en"}
NONE_WORDS = frozenset({"geen", "niemand", "none", "nobody", "-"})


@dataclass(frozen=True)
class Command:
    verb: str  # the English name of the command
    line: str  # as she wrote it
    address: str = ""
    name: str = ""
    text: str = ""  # a note's text, a meeting's name, an item number, what a meeting change says
    meeting: str = ""  # how she named a meeting: its number, its code or words of it
    question: str = ""  # a question's number or id
    language: str = ""  # nl | en
    addresses: tuple[str, ...] = ()  # a briefing's recipients


@dataclass(frozen=True)
class Commands:
    commands: list[Command] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # start like a command, but are none
    other: list[str] = field(default_factory=list)  # her other lines: no command at all

    @property
    def any(self) -> bool:
        return bool(self.commands or self.unknown)


def verb_of(line: str) -> str | None:
    if _NEW_MEETING.match(line):
        return "add_meeting"
    first = line.strip().split(maxsplit=1)[0].lower().rstrip(":,.") if line.strip() else ""
    return VERBS.get(first)


def parse_commands(lines: Sequence[str], default_address: str = "",
                   question_ids: Collection[str] = ()) -> Commands:
    """Her lines sorted: commands (in her order), lines that start like one but are none, and the rest."""
    found, unknown, other = [], [], []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        command = parse_line(line, default_address, question_ids)
        if command is not None:
            found.append(command)
        elif verb_of(line) is not None or looks_like_a_command(line):
            unknown.append(line)
        else:
            other.append(line)
    return Commands(found, unknown, other)


def parse_line(line: str, default_address: str = "", question_ids: Collection[str] = ()) -> Command | None:
    verb = verb_of(line)
    if verb is None:
        return None
    if verb == "add_meeting":
        rest = _NEW_MEETING.sub("", line, count=1).strip()
        return Command(verb, line, text=rest) if rest else None
    rest = line.strip().split(maxsplit=1)[1].strip() if len(line.split()) > 1 else ""
    if verb in ("move", "cancel", "recipients"):
        return _meeting_command(verb, line, rest)
    if verb not in _NEEDS_ADDRESS:
        if verb in ("overview", "help", "introductions") and rest:
            return None  # "overzicht van de kosten ..." is a sentence, not a command
        if verb == "briefing" and not rest:
            return None
        return Command(verb, line, text=rest.lstrip("#"), meeting=rest if verb == "briefing" else "")
    match = _ADDRESS.search(rest)
    if match is not None and not _stands_alone(rest, match):
        return None  # "a@b@c.nl" names nobody: never a default either
    if match is None:
        if not default_address or verb not in _DEFAULT_ADDRESS:
            return None
        if verb in ("absent", "present") and len(rest.split()) != 1:
            return None  # "afwezig zijn is geen probleem" is a sentence; "afwezig 2" a command
        address, before, after = default_address, "", rest
    else:
        address = match.group(1).lower()
        before = rest[: match.start()].strip().strip("<>,:").strip()
        after = rest[match.end():].strip().strip(">,:").strip()
    if verb == "register":
        language = LANGUAGE_WORDS.get(after.lower().strip(".()"), "")
        return Command(verb, line, address=address, name=before or ("" if language else after), language=language)
    if before:
        return None  # the address comes first for every other command
    if verb == "language":
        language = LANGUAGE_WORDS.get(after.lower().strip("."), "")
        return Command(verb, line, address=address, language=language) if language else None
    if verb == "answer":
        return _answer(line, address, after, question_ids)
    if verb in ("note", "absent", "present") and not after:
        return None
    return Command(verb, line, address=address, text=after, meeting=after if verb in ("absent", "present") else "")


def _answer(line: str, address: str, rest: str, question_ids: Collection[str]) -> Command | None:
    """``<vraag> <waarde>``: the question by its number as the questionnaire shows it, or by its id."""
    rest = _QUESTION_WORD.sub("", rest.strip(), count=1)
    parts = rest.split(maxsplit=1)
    if len(parts) < 2:
        return None
    question, value = parts[0].rstrip(":"), parts[1].strip().lstrip(":").strip()
    number = _QUESTION_NUMBER.match(question)
    if number is None and question.lower() not in question_ids:
        return None
    return Command("answer", line, address=address, question=number.group(1) if number else question.lower(),
                   text=value) if value else None


def _meeting_command(verb: str, line: str, rest: str) -> Command | None:
    """``verplaats 2 naar 18-3-2027 14:00``, ``annuleer m2``, ``ontvangers 2 a@x.nl, b@y.nl``."""
    rest = _MEETING_WORD.sub("", rest, count=1).strip()
    parts = rest.split(maxsplit=1)
    if not parts:
        return None
    meeting, after = parts[0].rstrip(":,"), (parts[1].strip() if len(parts) > 1 else "")
    if verb == "cancel":
        return Command(verb, line, meeting=meeting, text=after)
    if verb == "move":
        after = re.sub(r"^(?:naar|to|op|on)\s+", "", after, flags=re.IGNORECASE)
        return Command(verb, line, meeting=meeting, text=after) if after else None
    addresses = tuple(a.lower() for a in _ADDRESS.findall(after))
    if not addresses and after.lower().strip(".") not in NONE_WORDS:
        return None
    return Command(verb, line, meeting=meeting, addresses=addresses)


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
