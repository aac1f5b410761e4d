"""The evaluation corpus: mails people wrote, each labelled with what a careful assistant does.

The format is the one ``eval/writers/BRIEF.md`` gave the writers. Labels are read leniently where
writers differ harmlessly (YAML's yes/no as booleans, an option's label instead of its id) and
strictly where it matters (which questions, which meetings, whose record).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import yaml

from mailbot.answers.questionnaire import AnswerValue, Questionnaire

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
UNSEEN_FILE = CORPUS / "UNSEEN"  # the batches nobody who writes the rules has read: one id per line
MEETINGS = HERE / "meetings.yaml"
QUESTIONNAIRE = HERE / "questionnaire.yaml"  # pinned: the one the writers saw

STATUSES = ("none", "active", "withdrawn", "erase_asked", "erased")
REPLIES_TO = ("none", "questionnaire", "answers_received", "attendance_noted", "forget_confirm", "withdrawal",
              "reminder_m2")


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    status: str  # registered | answered | withdrawn


@dataclass(frozen=True)
class Case:
    id: str
    batch: str
    lang: str
    situation: str
    client: str
    sender: str  # new | registered | answered | withdrawn
    replies_to: str
    before_answers: Mapping[str, AnswerValue]
    before_attendance: Mapping[str, str]
    colleagues: tuple[Person, ...]
    from_header: str
    subject: str
    text: str
    html: str | None
    headers: Mapping[str, str]
    status: str
    answers: Mapping[str, AnswerValue]
    unanswered: tuple[str, ...]
    attendance: Mapping[str, str]
    others: Mapping[str, str]
    to_person: str  # yes | no | either
    note: str = ""
    problems: tuple[str, ...] = field(default=())  # labels the harness could not read as written

    @property
    def address(self) -> str:
        return split_from(self.from_header)[1].lower()

    @property
    def name(self) -> str:
        return split_from(self.from_header)[0]

    @property
    def group(self) -> str:
        return self.situation.split(".")[0]


def split_from(header: str) -> tuple[str, str]:
    """Name and address as the writer meant them: ``Vermeulen, Carla <c@x>`` is one person, as a mail
    client would quote it, not the two addresses RFC 5322 would read."""
    found = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", header)
    if found:
        return found.group(1).strip().strip('"'), found.group(2).strip()
    return parseaddr(header)


def _yes_no(value: object) -> str:
    if value is True or str(value).lower() in ("yes", "ja", "true"):
        return "yes"
    if value is False or str(value).lower() in ("no", "nee", "false"):
        return "no"
    return "either"


def _answer(questionnaire: Questionnaire, qid: str, value: object, problems: list[str]) -> AnswerValue | None:
    """A labelled answer as the store keeps it: an option id, a list of ids, a bool, a text."""
    question = questionnaire.get(qid)
    if question is None:
        problems.append(f"unknown question {qid!r}")
        return None
    if question.type == "yesno":
        word = _yes_no(value)
        if word == "either":
            problems.append(f"{qid}: {value!r} is not yes or no")
            return None
        return word == "yes"
    if question.type in ("single", "multi"):
        ids = {o.id: o.id for o in question.options}
        for o in question.options:
            for label in o.label.values():
                ids[label.lower()] = o.id
        wanted = value if isinstance(value, list) else [value]
        found = [ids.get(str(v).lower(), ids.get(str(v))) for v in wanted]
        if None in found:
            problems.append(f"{qid}: {value!r} names no option")
            return None
        chosen = [f for f in found if f is not None]
        return chosen[0] if question.type == "single" else chosen
    return str(value)


def _answers(questionnaire: Questionnaire, raw: object, problems: list[str]) -> dict[str, AnswerValue]:
    out: dict[str, AnswerValue] = {}
    for qid, value in dict(raw or {}).items():  # type: ignore[call-overload]
        read = _answer(questionnaire, str(qid), value, problems)
        if read is not None:
            out[str(qid)] = read
    return out


def read_case(raw: Mapping[str, Any], batch: str, questionnaire: Questionnaire) -> Case:
    problems: list[str] = []
    before = dict(raw.get("before") or {})
    mail = dict(raw.get("mail") or {})
    expect = dict(raw.get("expect") or {})
    status = str(expect.get("status", "active"))
    if status not in STATUSES:
        problems.append(f"status {status!r}")
    replies_to = str(before.get("replies_to", "none"))
    if replies_to not in REPLIES_TO:
        problems.append(f"replies_to {replies_to!r}")
        replies_to = "none"
    colleagues = tuple(Person(str(c.get("name", "")), str(c.get("email", "")).lower(),
                              str(c.get("status", "registered"))) for c in before.get("colleagues") or [])
    return Case(
        id=str(raw["id"]), batch=batch, lang=str(raw.get("lang", "nl")), situation=str(raw.get("situation", "")),
        client=str(raw.get("client", "")), sender=str(before.get("sender", "new")), replies_to=replies_to,
        before_answers=_answers(questionnaire, before.get("answers"), problems),
        before_attendance={str(k): str(v) for k, v in dict(before.get("attendance") or {}).items()},
        colleagues=colleagues, from_header=str(mail["from"]), subject=str(mail.get("subject", "")),
        text=str(mail.get("text", "")), html=mail.get("html"),
        headers={str(k): str(v) for k, v in dict(mail.get("headers") or {}).items()},
        status=status, answers=_answers(questionnaire, expect.get("answers"), problems),
        unanswered=tuple(str(q) for q in expect.get("unanswered") or []),
        attendance={str(k): str(v) for k, v in dict(expect.get("attendance") or {}).items()},
        others={str(k).lower(): str(v) for k, v in dict(expect.get("others") or {}).items()},
        to_person=_yes_no(expect.get("to_person", "either")), note=str(expect.get("note", "")),
        problems=tuple(problems),
    )


def unseen_batches() -> list[str]:
    if not UNSEEN_FILE.exists():
        return []
    return [line.split("#")[0].strip() for line in UNSEEN_FILE.read_text().splitlines() if line.split("#")[0].strip()]


def load_cases(questionnaire: Questionnaire, batches: list[str] | None = None,
               folder: Path = CORPUS) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        if batches and path.stem not in batches:
            continue
        for raw in yaml.safe_load(path.read_text()) or []:
            cases.append(read_case(raw, path.stem, questionnaire))
    return cases
