"""A Brief -> the context of ``templates/<lang>/briefing.*``: plain dicts, lists and strings. Pure.

Everything participants wrote stays plain text (the HTML template escapes it). A long
answer is cut at a word and points to the attachment, so that a briefing for a circle of
60 stays under the 102 kB at which Gmail clips a mail.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import Questionnaire
from mailbot.briefs.model import Attendee, Brief, Quote
from mailbot.exports.wording import GUESS_MARK, words
from mailbot.matching.words import matches_context
from mailbot.meetings.dates import format_meeting_when, local_when
from mailbot.people.roles import roles_of
from mailbot.wording.filters import clipped_lines

QUOTE_LINES = 8
HELPERS = 3  # per asker: the best, so that a briefing for sixty stays short
QUOTE_CHARS = 400
ATTACHMENT_NAMES = {"nl": "briefing-{id}.xlsx", "en": "briefing-{id}.xlsx"}


def attachment_name(meeting_id: str, lang: str) -> str:
    return ATTACHMENT_NAMES[words(lang)].format(id=meeting_id)


def theme_labels(brief: Brief, questionnaire: Questionnaire, lang: str) -> list[str]:
    labels = []
    for question_id, options in brief.themes.items():
        question = questionnaire.get(question_id)
        if question is not None:
            labels += [describe_answer(question, [o], lang) for o in options]
    return labels


def brief_context(brief: Brief, questionnaire: Questionnaire, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    """Everything ``briefing.{subject,txt,html}`` shows, for one recipient's language."""
    roles = roles_of(questionnaire)

    def person(a: Attendee) -> dict[str, Any]:
        organisation = f"{a.organisation} {GUESS_MARK[words(lang)]}" if a.organisation_guessed else a.organisation
        phase = describe_answer(roles.phase, a.phase, lang) if roles.phase is not None and a.phase else ""
        return {"name": a.name, "email": a.email, "organisation": organisation, "region": a.region,
                "phase": phase, "details": " · ".join(x for x in (organisation, a.region, phase) if x),
                "declined": a.attendance == "declined"}

    def quote(q: Quote) -> dict[str, Any]:
        lines, cut = clipped_lines(q.text, QUOTE_LINES, QUOTE_CHARS)
        return {**person(q.who), "lines": lines, "cut": cut, "only": q.only_this_meeting}

    m = brief.meeting.in_language(lang)
    return {
        "meeting": {"id": m.id, "title": m.title, "when": format_meeting_when(m, tz, lang), "location": m.location,
                    "address": m.address},
        "has_themes": brief.has_themes,
        "themes": theme_labels(brief, questionnaire, lang),
        "expected": [person(a) for a in brief.expected],
        "undecided": [person(a) for a in brief.undecided],
        "declined": [person(a) for a in brief.declined],
        "questions": [quote(q) for q in brief.questions],
        "only_count": sum(1 for q in brief.questions if q.only_this_meeting),
        "experience": [quote(q) for q in brief.experience],
        "hosts": [person(a) for a in brief.hosts],
        "mail_questions": [{"name": q.name, "email": q.email, "when": local_when(q.at, tz, lang),
                            "lines": clipped_lines(q.text, QUOTE_LINES, QUOTE_CHARS)[0]} for q in brief.mail_questions],
        "attachment": attachment_name(m.id, lang),
        "matches": matches_context(brief.matches, questionnaire, lang, HELPERS),
    }
