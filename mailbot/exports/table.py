"""Participant records -> one table in the organiser's language, the same for the CSV and the XLSX. Pure.

Columns are data: a header and a function of the record. People read the first
set (labels, "ja"/"nee" in *her* language, local times, one organisation); with
``ids`` a second set follows for machines, each header ending in ``_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire
from mailbot.exports.wording import GUESS_MARK, HEADERS, LANGUAGE_NAMES, PROPOSED, STATUS_WORDS, TURNOUT_WORDS, words
from mailbot.meetings.localtime import utc_to_local
from mailbot.meetings.model import Meeting
from mailbot.people.attendance import presence
from mailbot.people.organisation import organisation_of, organisation_question
from mailbot.people.records import ParticipantRecord, Proposal
from mailbot.people.roles import roles_of

Cell = str | int | datetime | None  # datetime: naive local time
CHOICES_JOINER = "; "  # option labels may hold commas ("Provincie, gemeente of regio")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[ParticipantRecord], Cell]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def participant_table(records: Sequence[ParticipantRecord], questionnaire: Questionnaire,
                      meetings: Sequence[Meeting], tz: ZoneInfo, lang: str, *, ids: bool = False) -> Table:
    columns = people_columns(questionnaire, meetings, tz, lang, records)
    if ids:
        columns += machine_columns(questionnaire, meetings)
    return Table(header=tuple(c.header for c in columns),
                 rows=tuple(tuple(c.value(r) for c in columns) for r in records))


def people_columns(questionnaire: Questionnaire, meetings: Sequence[Meeting], tz: ZoneInfo, lang: str,
                   records: Sequence[ParticipantRecord] = ()) -> list[Column]:
    lang = words(lang)
    h = HEADERS[lang]
    org_question = organisation_question(questionnaire)

    def organisation(r: ParticipantRecord) -> str:
        org = organisation_of(r.answers, r.guessed_organisation, org_question)
        return f"{org.name} {GUESS_MARK[lang]}" if org.guessed else org.name

    columns = [
        Column(h["name"], lambda r: r.name),
        Column(h["email"], lambda r: r.email),
        Column(h["organisation"], organisation),
        Column(h["status"], lambda r: STATUS_WORDS[lang].get(r.status, r.status)),
        Column(h["registered_at"], lambda r: local_time(r.registered_at, tz)),
        Column(h["language"], lambda r: LANGUAGE_NAMES[lang].get(r.language, r.language)),
    ]
    columns += [_question_column(q, lang) for q in questionnaire.questions if q is not org_question]
    columns += [Column(h["remarks"], lambda r: "\n".join(r.remarks)),
                Column(h["notes"], lambda r: "\n".join(r.notes))]
    all_meetings = roles_of(questionnaire).all_meetings
    columns += [_attendance_column(m, all_meetings, lang) for m in meetings]
    if any(r.open_items or r.proposed for r in records):
        columns.append(Column(h["open_items"], lambda r: "\n".join(
            [*r.open_items, *(_proposal(p, questionnaire, tz, lang) for p in r.proposed)])))
    return columns


def _proposal(proposal: Proposal, questionnaire: Questionnaire, tz: ZoneInfo, lang: str) -> str:
    """Answers someone else sent, as a line for her: not the participant's until they say yes."""
    answers = CHOICES_JOINER.join(f"{q.text(lang)}: {answer_words(q, proposal.answers[q.id], lang)}"
                                  for q in questionnaire.questions if q.id in proposal.answers)
    return PROPOSED[lang].format(by=proposal.by, at=f"{local_time(proposal.at, tz):%d-%m-%Y}", answers=answers)


def machine_columns(questionnaire: Questionnaire, meetings: Sequence[Meeting]) -> list[Column]:
    """Ids for tools: ``status_id``, ``language_id``, ``<question>_id`` (closed questions), ``<meeting>_attendance_id``
    (expected, declined or unknown)."""
    columns = [Column("status_id", lambda r: r.status), Column("language_id", lambda r: r.language)]
    columns += [_question_id_column(q) for q in questionnaire.questions if q.type != "text"]
    all_meetings = roles_of(questionnaire).all_meetings
    columns += [_attendance_id_column(m, all_meetings) for m in meetings]
    return columns


def local_time(moment: datetime, tz: ZoneInfo) -> datetime:
    """A stored (naive UTC) time as the naive wall-clock time in the programme's zone."""
    return utc_to_local(moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment, tz)


def answer_words(question: Question, value: AnswerValue, lang: str) -> str | int:
    """An answer as the organiser reads it: option labels, "ja"/"nee" in her language, a scale as a number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, list):
        return CHOICES_JOINER.join(describe_answer(question, [v], lang) for v in value)
    return describe_answer(question, value, lang)


def _question_column(question: Question, lang: str) -> Column:
    def value(r: ParticipantRecord) -> Cell:
        return answer_words(question, r.answers[question.id], lang) if question.id in r.answers else ""

    return Column(question.text(lang), value)


def _question_id_column(question: Question) -> Column:
    def value(r: ParticipantRecord) -> Cell:
        given = r.answers.get(question.id)
        if given is None:
            return ""
        if isinstance(given, bool):
            return "true" if given else "false"
        if isinstance(given, list):
            return ";".join(str(v) for v in given)
        return given

    return Column(f"{question.id}_id", value)


def _attendance_column(meeting: Meeting, all_meetings: Question | None, lang: str) -> Column:
    """Expected, declined or unknown: ``people.attendance``, the count the digest and the brief give too."""
    def value(r: ParticipantRecord) -> Cell:
        turnout = presence(r.status, r.attendance, r.answers, meeting.id, all_meetings)
        return TURNOUT_WORDS[lang][turnout] if turnout is not None else ""

    return Column(f"{HEADERS[lang]['attendance']} – {meeting.in_language(lang).title}", value)


def _attendance_id_column(meeting: Meeting, all_meetings: Question | None) -> Column:
    def value(r: ParticipantRecord) -> Cell:
        return presence(r.status, r.attendance, r.answers, meeting.id, all_meetings) or ""

    return Column(f"{meeting.id}_attendance_id", value)
