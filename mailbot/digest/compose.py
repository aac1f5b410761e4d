"""DigestData -> the context of ``templates/<lang>/digest.*``: plain dicts, lists and strings. Pure.

Everything that needs counting, formatting or aligning happens here, so that the
templates only place words around it; everything a participant wrote stays plain
text (the HTML template escapes it).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import Questionnaire
from mailbot.digest.bars import percent, text_bar_lines
from mailbot.digest.collect import AttentionItem, DigestData, ParticipantFacts
from mailbot.digest.inventory import Distribution, Quotes, distributions, quotes
from mailbot.meetings.dates import format_date, format_meeting_when
from mailbot.meetings.localtime import utc_to_local

EXCERPT_LINES = 8
EXCERPT_CHARS = 600


def local_when(moment: datetime, tz: ZoneInfo, lang: str) -> str:
    """``maandag 14 oktober 2024 09:12`` in the programme's time zone (``moment`` is naive UTC)."""
    local = utc_to_local(moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment, tz)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def first_lines(text: str, max_lines: int = EXCERPT_LINES, max_chars: int = EXCERPT_CHARS) -> list[str]:
    """The start of a message without blank lines: enough to decide whether to open it."""
    lines: list[str] = []
    used = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if len(lines) == max_lines or used + len(line) > max_chars:
            room = max_chars - used
            if not lines and room > 0:
                lines.append(line[:room] + " …")
            elif lines:
                lines[-1] += " …"
            break
        lines.append(line)
        used += len(line)
    return lines


def person(p: ParticipantFacts) -> dict[str, str]:
    return {"name": p.display_name, "email": p.email, "organisation": p.organisation}


def _profile(p: ParticipantFacts, questionnaire: Questionnaire, lang: str) -> str:
    """The participant's single-choice answers (organisation type, phase, ...) in one line."""
    return " · ".join(describe_answer(q, p.answers[q.id], lang) for q in questionnaire.questions
                      if q.type == "single" and q.id in p.answers)


# what the organiser should look at first: people waiting for an answer, then what went wrong
_ATTENTION_ORDER = {"needs_human": 0, "note": 1, "unreadable": 2, "bounce": 3, "quarantined": 4}


def _attention(item: AttentionItem, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    kind = f"note_{item.reason}" if item.kind == "note" else item.kind  # note_question | note_remark | ...
    return {"kind": kind, "when": local_when(item.at, tz, lang), "sender": item.sender,
            "sender_name": item.sender_name, "subject": item.subject, "lines": first_lines(item.excerpt),
            "reason": item.reason, "questions": [q.splitlines() for q in item.questions]}


def _distribution(d: Distribution, lang: str) -> dict[str, Any]:
    rows = [(o.label, o.count) for o in d.options]
    return {
        "question": d.question.text(lang), "type": d.question.type, "answered": d.answered,
        "options": [{"label": o.label, "count": o.count, "percent": percent(o.count, d.answered),
                     "width": _bar_width(o.count, d.answered)} for o in d.options],
        "text_lines": text_bar_lines(rows, d.answered),
    }


def _bar_width(count: int, total: int) -> int:
    """Percent of the HTML bar that is filled: a single vote never looks like none."""
    return max(1, percent(count, total)) if count > 0 else 0


def _quotes(q: Quotes, lang: str) -> dict[str, Any]:
    """New answers first (what the organiser has not read yet), each group in order of registration."""
    ordered = sorted(q.quotes, key=lambda quote: not quote.new)
    return {"question": q.question.text(lang), "count": len(q.quotes), "new": sum(1 for x in q.quotes if x.new),
            "answers": [{**person(quote.participant), "text": quote.text, "lines": quote.text.splitlines(),
                         "new": quote.new} for quote in ordered]}


def _summary(data: DigestData) -> dict[str, int]:
    statuses = Counter(p.status for p in data.participants)
    return {
        "total": len(data.active), "answered": statuses["answered"],
        "partially_answered": statuses["partially_answered"], "questionnaire_sent": statuses["questionnaire_sent"],
        "withdrawn": statuses["withdrawn"], "bounced": statuses["bounced"],
        "new": len(data.new_participants), "newly_answered": len(data.newly_answered),
        "withdrawals": len(data.withdrawals), "attention": len(data.attention),
    }


def _meeting(data: DigestData, tz: ZoneInfo, lang: str) -> dict[str, Any] | None:
    outlook = data.next_meeting
    if outlook is None:
        return None
    by_id = {p.id: p for p in data.participants}
    declined = [person(by_id[i]) for i in outlook.declined]
    m = outlook.meeting
    return {"title": m.title, "when": format_meeting_when(m, tz, lang), "location": m.location,
            "address": m.address, "expected": len(data.active) - len(declined),
            "accepted": len(outlook.accepted), "declined": declined}


def digest_context(data: DigestData, questionnaire: Questionnaire, tz: ZoneInfo, lang: str,
                   now: datetime, service_problem: str = "") -> dict[str, Any]:
    """Everything ``digest.{subject,txt,html}`` shows, for one organiser's language."""
    waiting = [{**person(p), "status": p.status,
                "days": (now - (p.questionnaire_sent_at or p.registered_at)).days,
                "asked": format_date(utc_to_local((p.questionnaire_sent_at or p.registered_at).replace(tzinfo=UTC),
                                                  tz).date(), lang)}
               for p in data.waiting]
    return {
        "service_problem": service_problem,
        "period_start": local_when(data.period.start, tz, lang) if data.period.start else None,
        "period_end": local_when(data.period.end, tz, lang),
        "summary": _summary(data),
        "attention": [_attention(item, tz, lang) for item in
                      sorted(data.attention, key=lambda item: (_ATTENTION_ORDER.get(item.kind, 9), item.at))],
        "new_participants": [{**person(p), "profile": _profile(p, questionnaire, lang)}
                             for p in data.new_participants],
        "withdrawals": [{**person(p), "when": local_when(p.updated_at, tz, lang)} for p in data.withdrawals],
        "distributions": [_distribution(d, lang) for d in distributions(questionnaire, data.participants, lang)],
        "quotes": [_quotes(q, lang) for q in quotes(questionnaire, data.participants, data.period)],
        "waiting": waiting,
        "meeting": _meeting(data, tz, lang),
    }
