"""What the bot did with a case's mail, against what a careful assistant does.

Three outcomes:
  right    every label holds: status, answers (and nothing else changed), attendance, other people's
           records, whether the organiser sees it
  handed   not right, but the organiser sees the mail and nothing wrong was recorded: what was not done
           waits for a person (safe, but work for her)
  wrong    anything else: a wrong value recorded, a record changed that should not be, a mail that
           vanished, or a mail that needed her and did not reach her

Two figures that must be 0 whatever the rest: irreversible actions taken wrongly (withdrawing or erasing
the sender, or changing another person's record, when the label does not) and mails from people that
vanish (no reply, and no person sees them, while the label expects an effect).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from eval.cases import Case
from eval.seed import World
from mailbot.answers.questionnaire import AnswerValue, Questionnaire
from mailbot.core.domain import ACTIVE, ActionKind, ActionState, Status
from mailbot.store.models import Action, Attendance, IncomingMessage, Item, Participant
from tests.fakes import ORGANISER


@dataclass(frozen=True)
class Record:
    status: str  # none | active | withdrawn | bounced
    answers: Mapping[str, AnswerValue]
    attendance: Mapping[str, str]


@dataclass(frozen=True)
class Snapshot:
    people: Mapping[str, Record]
    forget_asked: frozenset[str]  # addresses with an open erasure request
    sent: int
    items: int
    message_ids: frozenset[int]


def _status(participant: Participant) -> str:
    if participant.status in ACTIVE:
        return "active"
    return str(participant.status)


def snapshot(world: World) -> Snapshot:
    with world.bot.app.db.session() as session:
        people = {}
        for p in session.scalars(select(Participant)):
            attendance = {a.meeting_id: a.status for a in session.scalars(
                select(Attendance).where(Attendance.participant_id == p.id))}
            people[p.email.lower()] = Record(_status(p), {a.question_id: a.value for a in p.answers if a.current},
                                             attendance)
        forget = frozenset(a.address.lower() for a in session.scalars(select(Action).where(
            Action.kind == ActionKind.FORGET, Action.state == ActionState.OPEN)))
        items = len(session.scalars(select(Item.id)).all())
        ids = frozenset(session.scalars(select(IncomingMessage.id)).all())
    return Snapshot(people, forget, len(world.bot.smtp.sent), items, ids)


@dataclass
class Verdict:
    case: Case
    outcome: str = "right"  # right | handed | wrong
    reasons: list[str] = field(default_factory=list)
    irreversible: list[str] = field(default_factory=list)
    vanished: bool = False
    to_person: bool = False
    replied: bool = False
    recorded_wrong: bool = False  # a wrong value or status was recorded (not only something left undone)
    seed_fixes: list[str] = field(default_factory=list)
    decision: str = ""

    def miss(self, reason: str, wrong_value: bool = False) -> None:
        self.reasons.append(reason)
        self.recorded_wrong = self.recorded_wrong or wrong_value


def _same(question_type: str, expected: AnswerValue, actual: AnswerValue | None) -> bool:
    if actual is None:
        return False
    if question_type == "text":
        want = " ".join(str(expected).lower().split())
        return want in " ".join(str(actual).lower().split())
    if question_type == "multi":
        return sorted(map(str, expected if isinstance(expected, list) else [expected])) == sorted(
            map(str, actual if isinstance(actual, list) else [actual]))
    return expected == actual


def _sender_status(case: Case, before: Snapshot, after: Snapshot) -> str:
    address = case.address
    record = after.people.get(address)
    if record is None:
        return "erased" if address in before.people else "none"
    if address in after.forget_asked:
        return "erase_asked"  # the request waits for their "ja" (asked now, or still open after an unclear answer)
    return record.status


def grade(case: Case, world: World, before: Snapshot, after: Snapshot, questionnaire: Questionnaire) -> Verdict:
    v = Verdict(case, seed_fixes=list(world.seed_fixes))
    address = case.address
    new_sent = world.bot.smtp.sent[before.sent:]
    v.replied = any(s.recipient == address for s in new_sent)
    forwarded = any(s.recipient == ORGANISER and "mailbot.forward." in str(s.message["Message-ID"]) for s in new_sent)
    with world.bot.app.db.session() as session:
        rows = session.scalars(select(IncomingMessage).where(IncomingMessage.id.not_in(before.message_ids))).all()
        states = [r.state for r in rows]
        v.decision = "; ".join(f"{r.kind}/{r.state}: {r.reason}" for r in rows)
    v.to_person = forwarded or after.items > before.items or "needs_human" in states

    # the sender's status
    status = _sender_status(case, before, after)
    was = before.people.get(address)
    if status != case.status:
        unchanged = (was.status if was else "none") == status
        v.miss(f"status {status}, labelled {case.status}", wrong_value=not unchanged)
        if status == "withdrawn" and (was is None or was.status != "withdrawn"):
            v.irreversible.append("withdrew the sender")
        if status == "erased":
            v.irreversible.append("erased the sender")

    # the sender's answers: what the label names, and nothing else changed
    record = after.people.get(address)
    now: Mapping[str, AnswerValue] = record.answers if record else {}
    then: Mapping[str, AnswerValue] = was.answers if was else {}
    if case.status not in ("erased", "none"):
        for qid, want in case.answers.items():
            question = questionnaire.get(qid)
            if question is not None and not _same(question.type, want, now.get(qid)):
                got = now.get(qid)
                v.miss(f"{qid}: {got!r}, labelled {want!r}", wrong_value=got is not None and got != then.get(qid))
        for qid in (q.id for q in questionnaire.questions):
            if qid in case.answers:
                continue
            if now.get(qid) != then.get(qid):
                v.miss(f"{qid}: {now.get(qid)!r} recorded, not in the label (was {then.get(qid)!r})", wrong_value=True)
        for qid in case.unanswered:
            if qid in now and qid not in case.answers and now.get(qid) != then.get(qid):
                v.miss(f"{qid}: guessed {now.get(qid)!r}", wrong_value=True)

    # attendance
    if record is not None:
        before_attendance = was.attendance if was else {}
        for meeting in {*record.attendance, *case.attendance, *before_attendance}:
            wanted = case.attendance.get(meeting) or before_attendance.get(meeting)
            got = record.attendance.get(meeting)
            if got != wanted:
                v.miss(f"attendance {meeting}: {got}, labelled {wanted}",
                       wrong_value=got is not None and got != before_attendance.get(meeting))

    # other people's records
    others = set(after.people) | set(before.people) | set(case.others)
    for other in sorted(others - {address}):
        want = case.others.get(other, "unchanged")
        old, new = before.people.get(other), after.people.get(other)
        if want == "unchanged":
            if old != new:
                v.miss(f"{other}: {old.status if old else 'none'} -> {new.status if new else 'none'}, "
                       "labelled unchanged", wrong_value=True)
                v.irreversible.append(f"changed the record of {other}")
        elif want == "registered" and (new is None or new.status != "active"):
            v.miss(f"{other}: {new.status if new else 'none'}, labelled registered")
        elif want == "withdrawn" and (new is None or new.status != Status.WITHDRAWN):
            v.miss(f"{other}: {new.status if new else 'none'}, labelled withdrawn")

    # whether the organiser sees it
    if case.to_person == "yes" and not v.to_person:
        v.miss("the organiser does not see it", wrong_value=True)
    elif case.to_person == "no" and v.to_person:
        v.miss("handed to the organiser, who need not see it")

    expects_effect = (case.to_person == "yes" or bool(case.answers) or bool(case.attendance)
                      or case.status != (was.status if was else "none"))
    auto = any(k.lower() == "auto-submitted" and v_.lower() != "no" for k, v_ in case.headers.items())
    if not v.replied and not v.to_person and expects_effect and not auto:
        v.vanished = True
        v.miss("vanished: no reply and nobody sees it", wrong_value=True)

    if v.irreversible:
        v.outcome = "wrong"
    elif not v.reasons:
        v.outcome = "right"
    elif v.to_person and not v.recorded_wrong:
        v.outcome = "handed"
    else:
        v.outcome = "wrong"
    return v


def as_dict(v: Verdict) -> dict[str, Any]:
    return {"id": v.case.id, "batch": v.case.batch, "situation": v.case.situation, "lang": v.case.lang,
            "outcome": v.outcome, "reasons": v.reasons, "irreversible": v.irreversible, "vanished": v.vanished,
            "to_person": v.to_person, "replied": v.replied, "seed_fixes": v.seed_fixes, "decision": v.decision}
