"""The world before a case's mail: the bot as it would stand after the person's earlier mails.

Every earlier step goes through the bot itself, as mail (a sign-up, canonical numbered answers, an
erasure request, a decline, a withdrawal) or its own jobs (a reminder), so the mail a case replies to
is the one the bot really sent, with its real Message-ID. Where the bot's reading of the canonical
seed differs from the label, the store is set to the label and the case says so (``seed_fixes``).
"""

from __future__ import annotations

import email.policy
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

import yaml
from sqlalchemy import select

from eval.cases import MEETINGS, QUESTIONNAIRE, Case, Person, split_from
from mailbot.answers.questionnaire import AnswerValue, Questionnaire, option_label
from mailbot.core.domain import Status
from mailbot.handlers.status import answering_status
from mailbot.meetings.reminders import queue_reminders
from mailbot.store.models import Answer, Attendance, Participant
from tests.fakes import BOT, FakeBot, Sent

REMINDER_TIME = datetime(2027, 4, 1, 11, 30, tzinfo=UTC)  # a week before meeting 2, in the send window
MEETING_DAYS = {"m1": ("11 februari", "11 February"), "m2": ("8 april", "8 April"), "m3": ("10 juni", "10 June"),
                "m4": ("7 oktober", "7 October")}
# the mail a case replies to: which of our mail kinds (the kind is in our Message-ID)
REPLY_KINDS = {"questionnaire": ("questionnaire",), "answers_received": ("confirmation", "follow_up"),
               "attendance_noted": ("attendance",), "forget_confirm": ("forget_confirm",),
               "withdrawal": ("withdrawal",), "reminder_m2": ("reminder",)}
_ids = itertools.count(1)


def meetings() -> list[dict[str, object]]:
    return list(yaml.safe_load(MEETINGS.read_text()))


def make_bot(folder: Path) -> FakeBot:
    return FakeBot.make(folder, meetings=meetings(), questionnaire=yaml.safe_load(QUESTIONNAIRE.read_text()))


def raw_mail(from_header: str, subject: str, text: str, *, html: str | None = None, in_reply_to: str = "",
             headers: dict[str, str] | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = formataddr(split_from(from_header))
    m["To"] = BOT
    m["Subject"] = subject
    m["Date"] = format_datetime(datetime.now(UTC))
    m["Message-ID"] = make_msgid(f"eval{next(_ids)}", domain="people.test")
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    structure = ""
    for key, value in (headers or {}).items():
        if key.lower() == "content-type":
            # a writer's way to say the mail carries a file: the body is built, not declared
            structure = value.lower()
            continue
        m[key] = value
    m.set_content(text)
    if html:
        m.add_alternative(html, subtype="html")
    if structure.startswith("multipart/mixed"):
        m.add_attachment(b"PK\x03\x04 case file", maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="bijlage.docx")
    return m.as_bytes(policy=email.policy.SMTP)


def of_kind(bot: FakeBot, address: str, kinds: tuple[str, ...]) -> list[Sent]:
    return [s for s in bot.smtp.to(address) if any(f"mailbot.{k}." in str(s.message["Message-ID"]) for k in kinds)]


def _dutch(lang: str) -> bool:
    return lang == "nl"


def canonical_answers(questionnaire: Questionnaire, answers: dict[str, AnswerValue], lang: str) -> str:
    """Answers as the bot's own questionnaire asks for them: a numbered list, options by their label."""
    words = "nl" if _dutch(lang) else "en"
    lines = []
    for number, question in enumerate(questionnaire.questions, 1):
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.type == "yesno":
            shown = ("Ja" if value else "Nee") if words == "nl" else ("Yes" if value else "No")
        elif question.type in ("single", "multi"):
            chosen = value if isinstance(value, list) else [value]
            shown = ", ".join(option_label(o, words) for o in question.options if o.id in chosen)
        else:
            shown = str(value)
        lines.append(f"{number}. {shown}")
    return "\n".join(lines)


@dataclass
class World:
    """The bot with the case's past, and what the case's mail replies to."""

    bot: FakeBot
    reply_to: Sent | None
    seed_fixes: list[str] = field(default_factory=list)


def _sign_up(bot: FakeBot, person: str, lang: str) -> None:
    text = ("Graag meld ik mij aan voor de leerkring." if _dutch(lang)
            else "I would like to sign up for the learning circle.")
    bot.receive(raw_mail(person, "Aanmelding leerkring" if _dutch(lang) else "Registration learning circle", text))


def _reply(bot: FakeBot, person: str, to: Sent, text: str) -> None:
    bot.receive(raw_mail(person, f"Re: {to.message['Subject']}", text, in_reply_to=str(to.message["Message-ID"])))



def _answer(bot: FakeBot, person: str, address: str, answers: dict[str, AnswerValue], lang: str,
            fixes: list[str]) -> None:
    questionnaire = bot.app.config.questionnaire
    sent = of_kind(bot, address, ("questionnaire",))
    if answers and sent:
        _reply(bot, person, sent[-1], canonical_answers(questionnaire, answers, lang))
    _force_answers(bot, address, answers, fixes)


def _force_answers(bot: FakeBot, address: str, answers: dict[str, AnswerValue], fixes: list[str]) -> None:
    """Make the stored answers those of the label, if the bot read the seed otherwise."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with bot.app.db.session() as session:
        participant = session.scalar(select(Participant).where(Participant.email == address))
        if participant is None:
            return
        current = {a.question_id: a.value for a in participant.answers if a.current}
        if _canonical(current) == _canonical(answers):
            return
        fixes.append(f"answers of {address}: read {current}, labelled {answers}")
        for a in participant.answers:
            a.current = False
        for qid, value in answers.items():
            session.add(Answer(participant=participant, question_id=qid, value=value, created_at=now, current=True))
        session.flush()
        session.refresh(participant)
        if participant.status not in (Status.WITHDRAWN, Status.BOUNCED):
            participant.status = answering_status(bot.app.config, participant)
        session.commit()


def _canonical(answers: dict[str, AnswerValue]) -> dict[str, AnswerValue]:
    return {q: sorted(v) if isinstance(v, list) else v for q, v in answers.items()}


def _force_attendance(bot: FakeBot, address: str, attendance: dict[str, str], fixes: list[str]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    with bot.app.db.session() as session:
        participant = session.scalar(select(Participant).where(Participant.email == address))
        if participant is None:
            return
        rows = {a.meeting_id: a for a in session.scalars(select(Attendance).where(
            Attendance.participant_id == participant.id))}
        for meeting, status in attendance.items():
            if meeting in rows and rows[meeting].status == status:
                continue
            fixes.append(f"attendance of {address} at {meeting}: set to {status}")
            if meeting in rows:
                rows[meeting].status = status
            else:
                session.add(Attendance(participant_id=participant.id, meeting_id=meeting, status=status,
                                       updated_at=now))
        session.commit()


def _withdraw(bot: FakeBot, person: str, address: str, lang: str) -> None:
    text = "Ik meld me af voor de leerkring." if _dutch(lang) else "I withdraw from the learning circle."
    bot.receive(raw_mail(person, "Afmelding" if _dutch(lang) else "Withdrawal", text))


def _colleague(bot: FakeBot, colleague: Person, fixes: list[str]) -> None:
    header = f"{colleague.name} <{colleague.email}>"
    _sign_up(bot, header, "nl")
    if colleague.status == "withdrawn":
        _withdraw(bot, header, colleague.email, "nl")
    elif colleague.status == "answered":
        answers: dict[str, AnswerValue] = {"organisation": "Gemeente Voorbeeld", "org_type": "decentral",
                                           "themes": ["governance"], "questions": "Hoe organiseren we de regie?",
                                           "all_meetings": True}
        _answer(bot, header, colleague.email, answers, "nl", fixes)


def build_world(case: Case, folder: Path) -> World:
    bot = make_bot(folder)
    fixes: list[str] = []
    for colleague in case.colleagues:
        _colleague(bot, colleague, fixes)
    person, address, lang = case.from_header, case.address, case.lang
    known = case.sender != "new" or case.replies_to != "none"
    if known:
        _sign_up(bot, person, lang)
        answers = dict(case.before_answers)
        if case.replies_to == "answers_received" and not answers:
            answers = {"organisation": "Onbekend"}
            fixes.append("answers_received without earlier answers: answered the organisation")
        _answer(bot, person, address, answers, lang, fixes)
        declined = [m for m, s in case.before_attendance.items() if s == "declined"]
        if case.replies_to == "attendance_noted":
            meeting = declined[0] if declined else "m2"
            day = MEETING_DAYS[meeting][0 if _dutch(lang) else 1]
            text = f"Ik kan helaas niet op {day}." if _dutch(lang) else f"I cannot make it on {day}."
            bot.receive(raw_mail(person, "Bijeenkomst" if _dutch(lang) else "Meeting", text))
        _force_attendance(bot, address, dict(case.before_attendance), fixes)
        if case.replies_to == "forget_confirm":
            text = "Wilt u al mijn gegevens verwijderen?" if _dutch(lang) else "Please delete all my data."
            bot.receive(raw_mail(person, "Mijn gegevens" if _dutch(lang) else "My data", text))
        if case.sender == "withdrawn" or case.replies_to == "withdrawal":
            _withdraw(bot, person, address, lang)
        if case.replies_to == "reminder_m2":
            queue_reminders(bot.app.db, bot.app.config, bot.app.templates, REMINDER_TIME)
            bot.drain()
    reply_to = None
    if case.replies_to != "none":
        sent = of_kind(bot, address, REPLY_KINDS[case.replies_to])
        if sent:
            reply_to = sent[-1]
        else:
            fixes.append(f"no {case.replies_to} mail to reply to")
    return World(bot, reply_to, fixes)


_REFERENCE = re.compile(r"\[ref:[^\]\s]+\]")


def case_mail(case: Case, world: World) -> bytes:
    in_reply_to = str(world.reply_to.message["Message-ID"]) if world.reply_to is not None else ""
    subject, text = case.subject, case.text
    if world.reply_to is not None and case.sender != "new":
        # the writers copied a reference from bot_mails/; the person's own reply carries the one we sent them
        # (a "new" sender answering someone else's request keeps the other's reference, as in the story)
        ours = _REFERENCE.search(str(world.reply_to.message["Subject"]) or "")
        if ours:
            subject, text = _REFERENCE.sub(ours.group(), subject), _REFERENCE.sub(ours.group(), text)
    return raw_mail(case.from_header, subject, text, html=case.html, in_reply_to=in_reply_to,
                    headers=dict(case.headers))
