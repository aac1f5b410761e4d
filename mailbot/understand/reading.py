"""What a detector reads: the person's own words, with what storage knows about them; what it reports.

``Sentences`` cuts the words into sentences and reads each once (``mailbot.language``): its clauses and
the acts they state, with whose they are and whether they are meant. A retraction ("grapje", "nee hoor",
"just kidding") takes back every act said before it in the mail; what follows it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.answers.questionnaire import AnswerValue, Questionnaire
from mailbot.core.domain import Finding, MailKind, Status
from mailbot.language.clauses import Clause, clauses
from mailbot.language.lexicon import LANGUAGES, Lexicon, lexicon
from mailbot.language.persons import persons
from mailbot.language.sentences import split, winked
from mailbot.language.statements import ENDING_ACTS, Statement, owned, statements
from mailbot.language.text import words
from mailbot.mail.parse import IncomingMail
from mailbot.mail.split import is_sign_off
from mailbot.meetings.model import Meeting


@dataclass(frozen=True)
class Reading:
    """One person's mail as the detectors see it."""

    mail: IncomingMail
    text: str  # their own words: no quotes, signatures, disclaimers, nor lines of our own mails
    subject: str  # the subject when it is theirs (not "Re: " + ours)
    language: str  # what they wrote in (nl, en, de, ...)
    status: Status | None  # their participation, when they are a participant
    meetings: tuple[Meeting, ...]
    timezone: ZoneInfo
    now: datetime  # aware
    questionnaire: Questionnaire  # the version they saw (the one our mail carried), else the current one
    current: Questionnaire  # the questionnaire as configured now
    replies_to: MailKind | None = None  # the kind of our mail they answer
    thread_meeting: str | None = None  # the meeting our mail was about
    pending_action: str | None = None  # the kind of action our mail asked them to confirm
    sent_text: str | None = None  # the text of the questionnaire mail they answer
    replied_to_text: str | None = None  # the text of the mail of ours they reply to (a reminder, say)
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)  # what they answered before
    declined: tuple[str, ...] = ()  # the meetings they said before they cannot come to

    @property
    def participant(self) -> bool:
        return self.status is not None

    @property
    def words(self) -> str:
        """Subject and own text, lower case: for the cheap checks."""
        return f"{self.subject}\n{self.text}".lower()

    @property
    def lexicon(self) -> Lexicon:
        """The words of the mail's language, and English (or Dutch) beside them: a short mail is easily
        taken for the wrong one, and people mix them."""
        return lexicon(self.language, "en" if self.language != "en" else "nl")

    @property
    def said(self) -> str:
        """Their own words without the closing and what stands under it (name, title, phone number)."""
        return without_closing(self.text)

    @cached_property  # asked for every sentence list the detectors make of this mail
    def not_names(self) -> frozenset[str]:
        """Capitalised words that are places or the sender's organisation, not people: the meetings' hosts and
        towns, and a name the sender's mail domain spells ("namens Smart Delta Zeeland" from
        smartdeltazeeland.nl: their own organisation, nobody they write for)."""
        names: set[str] = set()
        for meeting in self.meetings:
            for text in (meeting.location, meeting.address.split(",")[-1] if meeting.address else ""):
                names.update(w.lower() for w in re.findall(r"[^\W\d_][\w-]+", text))
        return frozenset(names | _spelled_by_domain(self.text, self.mail.sender))


# who wrote a mail quoted or forwarded below: "Van: Gert Wolters <g.wolters@...>", "From: Berg, Anna [mailto:...]",
# "Op 3 mei om 10:12 schreef Jan Smit <...>:", "On Tue, 8 Dec 2026 at 9:14 AM Anna Berg <...> wrote:"
_FROM_LINE = re.compile(r"^[> \t]*(?:van|from|von|de|afzender|sender|absender)\s*:[ \t]*([^<\[\n]+?)\s*[<\[]",
                        re.IGNORECASE | re.MULTILINE)
_VERB_FIRST = re.compile(r"\b(?:schreef|schrieb)\s+([^<\n]+?)\s*<[^>\s]+@", re.IGNORECASE)
_VERB_LAST = re.compile(r"^([^<\n]+?)\s*<[^>\s]+@[^>\s]+>\s*(?:wrote|a écrit|escribió)", re.IGNORECASE)
# each pattern with the words a line must hold for it to be tried (a search on every line of a long quote is slow)
_AUTHOR_PATTERNS = ((_FROM_LINE, (":",)), (_VERB_FIRST, ("schreef", "schrieb")),
                    (_VERB_LAST, ("wrote", "a écrit", "escribió")))
_NAME_WORD = re.compile(r"^[^\W\d_][\w'-]+$")


_QUOTE_CHARS = 40_000  # a long thread's authors are near its top; a huge quote is not searched to its end
_ADDRESS_LINE = re.compile(r"^[^\n]*[<\[][^\n]*$", re.MULTILINE)


def quoted_authors(mail: IncomingMail) -> frozenset[str]:
    """The first names of whom the mails quoted or forwarded below are from (lower case): a lone first name of one of
    them in the person's words is that person ("Gert zelf komt niet" above Gert's mail)."""
    found = set()
    # every author line gives an address: only those lines are looked at, not the whole of a long quote
    for line in _ADDRESS_LINE.findall(f"{mail.quote_header}\n{mail.quoted}"[:_QUOTE_CHARS]):
        lower = line.lower()
        for pattern, cues in _AUTHOR_PATTERNS:
            if any(cue in lower for cue in cues) and (named := pattern.search(line)):
                if first := _first_name(named.group(1), last_words=pattern is _VERB_LAST):
                    found.add(first)
                break
    return frozenset(found - {w.lower() for w in re.findall(r"[\w'-]+", mail.sender_name)})


def _first_name(display: str, last_words: bool) -> str:
    """"Gert Wolters" -> gert, "Bosman, Rianne" -> rianne; after a date ("... 9:14 AM Anna Berg") the name is
    the last words."""
    display = display.strip().strip('"\'')
    if "," in display and not last_words:
        surname, _, given = display.partition(",")
        said = given.split() or surname.split()
    else:
        said = display.split()
        if last_words:
            said = said[-3:]
            while said and (not _NAME_WORD.match(said[0]) or said[0].lower() in ("am", "pm")):
                said = said[1:]
    return said[0].lower() if said and _NAME_WORD.match(said[0]) and said[0][:1].isupper() else ""


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){1,4}\b")


def _spelled_by_domain(text: str, sender: str) -> set[str]:
    """The words of a run of capitalised words that, joined, is the label of the sender's mail domain."""
    domain = sender.rpartition("@")[2].casefold().split(".")
    label = domain[-2] if len(domain) >= 2 else ""
    if len(label) < 6 or "@" not in sender:
        return set()
    found: set[str] = set()
    for run in _CAPITALISED_RUN.findall(text):
        said = run.split()  # "Namens Smart Delta Zeeland": the name may start after the run's first word
        for start in range(len(said)):
            for end in range(start + 1, len(said) + 1):
                if re.sub(r"[^\w]", "", "".join(said[start:end])).casefold() == label:
                    found.update(w.casefold() for w in said[start:end])
    return found


def without_closing(text: str) -> str:
    """The text up to the closing ("Met vriendelijke groet," and the name, title, numbers below it); a postscript
    below the name is the person's words again ("PS: is er parkeergelegenheid?")."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for count, index in enumerate(reversed(filled)):
        content = lines[index].strip()
        if count > 12:
            break
        if is_sign_off(content) or _closes(content):
            said = "\n".join(lines[:index]).rstrip()
            below = lines[index + 1:]
            postscript = next((i for i, line in enumerate(below) if _POSTSCRIPT.match(line)), None)
            return said if postscript is None else f"{said}\n\n" + "\n".join(below[postscript:]).strip()
    return text


_POSTSCRIPT = re.compile(r"^\s*(?:p\.?\s?p\.?\s?s|p\.?\s?s|n\.?\s?b)\b\.?", re.IGNORECASE)


def _closes(content: str) -> bool:
    """"All the best,", "Alles Gute, Anna": a closing of our lists, then at most a short name."""
    said = words(content)
    lex = lexicon(*LANGUAGES)
    return any(start == 0 and len(said) - end <= _NAME_WORDS for start, end in lex.spans("closing", said))


_NAME_WORDS = 3


@dataclass(frozen=True)
class Found:
    """One finding: what it is, the words that say it, and what a handler needs to act on it."""

    kind: Finding
    text: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    sentences: tuple[int, ...] = ()  # the sentences it explains

    def as_dict(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "text": self.text, **({"data": dict(self.data)} if self.data else {})}


@dataclass(frozen=True)
class Said:
    """One act stated in the mail: in which sentence, and whether a later sentence took it back."""

    sentence: int
    statement: Statement
    retracted: bool = False
    reported: bool = False  # in what they say we wrote ("u schrijft dat ik me kan afmelden als ..."): not theirs

    @property
    def act(self) -> str:
        return self.statement.act

    @property
    def clause(self) -> Clause:
        return self.statement.clause

    @property
    def voiced(self) -> bool:
        """The writer's own words, standing: not taken back, not what they report we wrote or someone believes."""
        return not (self.retracted or self.reported)

    @property
    def meant(self) -> bool:
        """Said as a fact or a request, and not taken back (whether it is affirmed or negated: ``affirmed``)."""
        return self.statement.settled and self.voiced

    @property
    def affirmed(self) -> bool:
        return self.statement.affirmed

    @property
    def by_sender(self) -> bool:
        return self.statement.by_sender

    @property
    def by_other(self) -> bool:
        return self.statement.by_other


class Sentences:
    """The own text cut into sentences, each read once; a detector claims the ones it explains."""

    def __init__(self, items: list[str], lex: Lexicon | None = None, not_names: Iterable[str] = (),
                 owner: Iterable[str] = (), met: Iterable[str] = ()) -> None:
        self.items = items
        self.owner = frozenset(owner)  # the surnames of whom the sending address belongs to
        self.met = frozenset(met)  # the first names of the authors of the mails quoted below (lower case)
        self.claimed_by: dict[int, Finding | None] = {}  # each claimed sentence, and the finding that claimed it first
        self.lex = lex or lexicon("nl", "en")
        self.not_names = frozenset(not_names)

    @classmethod
    def of(cls, text: str, lex: Lexicon | None = None, not_names: Iterable[str] = ()) -> Sentences:
        return cls(split(text), lex, not_names)

    @classmethod
    def read(cls, reading: Reading) -> Sentences:
        owner = {w for w in re.findall(r"[^\W\d_][\w'-]{2,}", reading.mail.sender_name) if w[:1].isupper()}
        return cls(split(reading.said), reading.lexicon, reading.not_names, owner, quoted_authors(reading.mail))

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return iter(enumerate(self.items))

    def unclaimed(self) -> Iterator[tuple[int, str]]:
        return ((i, s) for i, s in enumerate(self.items) if i not in self.claimed)

    @property
    def claimed(self) -> KeysView[int]:
        return self.claimed_by.keys()

    def claim(self, indexes: Iterable[int], finding: Finding | None = None) -> None:
        for index in indexes:
            if self.claimed_by.get(index) is None:
                self.claimed_by[index] = finding

    def text(self, indexes: Iterable[int]) -> str:
        return " ".join(self.items[i] for i in sorted(set(indexes)))

    @cached_property
    def clauses(self) -> list[list[Clause]]:
        read = [clauses(sentence, self.lex) for sentence in self.items]
        for index in range(1, len(read)):
            if read[index] and _consequent(read[index - 1], read[index][0], self.lex):
                read[index][0] = replace(read[index][0], condition=True)
        return read

    @cached_property
    def said(self) -> list[Said]:
        """Every act stated, in order; what a retraction follows is taken back."""
        out: list[Said] = []
        known = self.named
        for index, found in enumerate(self.clauses):
            stated = [owned(s, self.items[index], self.owner, self.lex)
                      for s in statements(found, self.lex, self.not_names, known)]
            if winked(self.items[index]):  # "Daar haak ik direct voor af 😉": leaving, said with a wink
                out.extend(Said(index, s, True) for s in stated if s.act in ENDING_ACTS)
                stated = [s for s in stated if s.act not in ENDING_ACTS]  # "Ik meld me graag aan 😉" stays a sign-up
            for number, clause in enumerate(found):
                if clause.retraction:
                    out = [Said(s.sentence, s.statement, True) for s in out]
                    out.extend(Said(index, s, True) for s in stated if found.index(s.clause) < number)
                    stated = [s for s in stated if found.index(s.clause) >= number]
            reported = _reports(found, self.lex)
            out.extend(Said(index, s, reported=reported) for s in stated)
        return out

    @cached_property
    def named(self) -> frozenset[str]:
        """The first names of the people named in full ("mijn collega Pieter de Boer"), not the writer's own."""
        found = {p.name.split()[0].lower() for clauses_ in self.clauses for clause in clauses_
                 for p in persons(clause.tokens, self.lex, self.not_names) if p.kind == "name" and " " in p.name}
        # "Gert zelf komt niet" above Gert's forwarded mail: the people of the conversation are named in it too
        return frozenset((found | self.met) - {w.lower() for w in self.owner})

    def acts(self, *names: str, unclaimed: bool = False) -> list[Said]:
        return [s for s in self.said if s.act in names and (not unclaimed or s.sentence not in self.claimed)]

    def asking_for_change(self) -> tuple[int, ...]:
        """Sentences that ask us to change their answers ("Kunt u dat aanpassen?", "Could you update that?"):
        explained by the correction they ask for."""
        lex = self.lex
        return tuple(i for i, found in enumerate(self.clauses)
                     if any(c.question for c in found)
                     and any(lex.has(name, c.words) for c in found for name in ("change", "add", "remove")))

    def retracted(self) -> bool:
        return any(clause.retraction for found in self.clauses for clause in found)


def _consequent(before: Sequence[Clause], clause: Clause, lex: Lexicon) -> bool:
    """"Misschien een idee om het online aan te bieden? Dan doe ik graag weer mee", "If the date moves. Then I
    can come": a sentence opened by "dan" / "then" after a question or a condition is what follows from that, not
    a fact."""
    return bool(before) and bool(clause.words) and clause.words[0] in lex.words_of("then") \
        and any(c.question or c.condition or c.hypothetical or c.doubt for c in before)


def _reports(found: Sequence[Clause], lex: Lexicon) -> bool:
    """A sentence that opens by saying what we wrote ("In uw bericht schrijft u dat ik het kan vermelden als ik
    wil afzien", "You wrote that I could withdraw by ..."), or that says anywhere what someone takes to be so
    ("mijn teamleider kreeg de indruk dat ik uit de leerkring stap"): the acts in it are reported, not the
    writer's own; taking them as said could end someone's taking part."""
    if not found:
        return False
    heard = [w for clause in found for w in clause.words]
    return any(start < len(found[0].words) for start, _ in lex.spans("reported", heard)) \
        or lex.has("believed", heard)
