"""A meeting's briefing from the participants' own answers. Pure: records in, a Brief out.

Questions are tied to a meeting by what the participant chose, never guessed from their
words: someone whose chosen options include one of the meeting's themes is "for" that
meeting; someone who chose no theme is for none (their question is *unassigned*). A meeting
without themes gets attendance only. Questions raised by mail are tied to a meeting only when
they name it ("bijeenkomst 2", "in Wageningen", its date), as ``understand.references`` reads it.

Attendance is ``people.attendance``'s, the one count every overview gives: expected, declined or
unknown (the brief's *undecided*).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire
from mailbot.briefs.model import Attendee, Brief, MailText, Quote
from mailbot.core.domain import ACTIVE, Turnout
from mailbot.meetings.model import Meeting
from mailbot.people.attendance import presence
from mailbot.people.organisation import organisation_of
from mailbot.people.records import ParticipantRecord
from mailbot.people.roles import Roles, roles_of
from mailbot.understand.references import mentioned

Themes = Mapping[str, tuple[str, ...]]


def chosen(answers: Mapping[str, AnswerValue], question_id: str) -> set[str]:
    value = answers.get(question_id)
    if value is None or isinstance(value, bool):
        return set()
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def matches(answers: Mapping[str, AnswerValue], themes: Themes) -> bool:
    """They chose at least one of the themes."""
    return any(chosen(answers, q) & set(options) for q, options in themes.items())


def only(answers: Mapping[str, AnswerValue], themes: Themes) -> bool:
    """Every option they chose on the themes' questions is one of the themes."""
    picked = [(chosen(answers, q), set(options)) for q, options in themes.items()]
    return any(p for p, _ in picked) and all(p <= options for p, options in picked)


def taking_part(records: Sequence[ParticipantRecord]) -> list[ParticipantRecord]:
    return [r for r in records if r.status in ACTIVE]


def attendee(record: ParticipantRecord, meeting_id: str, roles: Roles) -> Attendee:
    org = organisation_of(record.answers, record.guessed_organisation, roles.organisation)
    turnout = presence(record.status, record.attendance, record.answers, meeting_id, roles.all_meetings)
    return Attendee(id=record.id, name=record.name or record.email, email=record.email, organisation=org.name,
                    organisation_guessed=org.guessed, region=_text(record, roles.region),
                    phase=_text(record, roles.phase), attendance=turnout or Turnout.UNKNOWN)


def _text(record: ParticipantRecord, question: Question | None) -> str:
    """A text (or single-choice) answer as given; empty when the question is missing or unanswered."""
    value = record.answers.get(question.id) if question is not None else None
    return value.strip() if isinstance(value, str) else ""


def compute_brief(meeting: Meeting, themes: Themes, records: Sequence[ParticipantRecord],
                  questionnaire: Questionnaire, meetings: Sequence[Meeting], mail: Sequence[MailText],
                  tz: ZoneInfo) -> Brief:
    """The briefing of ``meeting`` covering ``themes``, from every participant's record (in order of registration)."""
    roles = roles_of(questionnaire)
    people = [(r, attendee(r, meeting.id, roles)) for r in taking_part(records)]
    groups: dict[str, list[Attendee]] = {t: [] for t in Turnout}
    for _, a in people:
        groups[a.attendance].append(a)
    coming = [(r, a) for r, a in people if a.attendance != Turnout.DECLINED]
    brief = Brief(meeting=meeting, themes=dict(themes), expected=tuple(groups[Turnout.EXPECTED]),
                  undecided=tuple(groups[Turnout.UNKNOWN]), declined=tuple(groups[Turnout.DECLINED]),
                  xlsx_ids=tuple(a.id for _, a in coming))
    if not themes:
        return brief
    for_this = [(r, a) for r, a in people if matches(r.answers, themes)]
    questions = [Quote(a, text, only(r.answers, themes)) for r, a in for_this
                 if (text := _text(r, roles.questions))]
    questions.sort(key=lambda q: not q.only_this_meeting)  # stable: registration order within each group
    experience = tuple(Quote(a, text, only(r.answers, themes)) for r, a in for_this
                       if a.attendance != Turnout.DECLINED and (text := _text(r, roles.experience)))
    hosts = tuple(a for r, a in coming if roles.host is not None and r.answers.get(roles.host.id) is True)
    ids = {a.id for _, a in people}
    raised = tuple(m for m in mail if (m.participant_id is None or m.participant_id in ids)
                   and meeting.id in mentioned(m.text, meetings, tz))
    return replace(brief, questions=tuple(questions), experience=experience, hosts=hosts, mail_questions=raised)
