"""DigestData -> the context of ``templates/<lang>/digest.*``: plain dicts, lists and strings. Pure.

Everything that needs counting, formatting or aligning happens here, so that the
templates only place words around it; everything a participant wrote stays plain
text (the HTML template escapes it).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote as url_quote
from zoneinfo import ZoneInfo

from mailbot.answers.describe import describe_answer
from mailbot.answers.inventory import Distribution
from mailbot.answers.questionnaire import Question, Questionnaire
from mailbot.briefs.gaps import gaps_context
from mailbot.digest.collect import AttentionItem, DigestData, OpenItem, ParticipantFacts
from mailbot.digest.inventory import Quotes, distributions, quotes
from mailbot.exports.bars import percent, text_bar_lines
from mailbot.exports.wording import GUESS_MARK, words
from mailbot.matching.words import short_context
from mailbot.meetings.dates import format_date, format_meeting_when, local_when
from mailbot.meetings.localtime import utc_to_local
from mailbot.people.organisation import organisation_of, organisation_question
from mailbot.wording.filters import clipped_lines

EXCERPT_LINES = 8
EXCERPT_CHARS = 600
# A quoted answer longer than this is cut at a word and points to the attachment: the digest of a
# circle of 60 must stay under the 102 kB at which Gmail clips a mail.
QUOTE_CHARS = 320
HELPERS = 3  # per asker, as in the briefing


def first_lines(text: str, max_lines: int = EXCERPT_LINES, max_chars: int = EXCERPT_CHARS) -> list[str]:
    """The start of a message without blank lines: enough to decide whether to open it; cut between words."""
    lines, _ = clipped_lines(text, max_lines, max_chars)
    return lines


def person(p: ParticipantFacts, organisation: Question | None, lang: str) -> dict[str, str]:
    """Name, address and organisation: the one they answered, else the guess from their mail, marked."""
    org = organisation_of(p.answers, p.organisation, organisation)
    shown = f"{org.name} {GUESS_MARK[words(lang)]}" if org.guessed else org.name
    return {"name": p.display_name, "email": p.email, "organisation": shown}


def _profile(p: ParticipantFacts, questionnaire: Questionnaire, lang: str) -> str:
    """The participant's single-choice answers (organisation type, phase, ...) in one line."""
    return " · ".join(describe_answer(q, p.answers[q.id], lang) for q in questionnaire.questions
                      if q.type == "single" and q.id in p.answers)


# what the organiser should look at first: people waiting for an answer, then what went wrong
_ATTENTION_ORDER = {"needs_human": 0, "note": 1, "unreadable": 2, "bounce": 3, "loop": 4, "quarantined": 5}


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


def _quotes(q: Quotes, organisation: Question | None, lang: str) -> dict[str, Any]:
    """New answers first (what the organiser has not read yet), each group in order of registration.

    ``lines`` is the answer as written, or its start when it is long (``cut``: the rest is in the attachment).
    """
    ordered = sorted(q.quotes, key=lambda quote: not quote.new)
    answers = []
    for quote in ordered:
        lines, cut = clipped_lines(quote.text, EXCERPT_LINES, QUOTE_CHARS)
        answers.append({**person(quote.participant, organisation, lang), "text": quote.text, "lines": lines,
                        "cut": cut, "new": quote.new})
    return {"question": q.question.text(lang), "count": len(q.quotes), "new": sum(1 for x in q.quotes if x.new),
            "answers": answers}


def _summary(data: DigestData) -> dict[str, int]:
    statuses = Counter(p.status for p in data.participants)
    return {
        "total": len(data.active), "answered": statuses["answered"],
        "partially_answered": statuses["partially_answered"], "questionnaire_sent": statuses["questionnaire_sent"],
        "withdrawn": statuses["withdrawn"], "bounced": statuses["bounced"],
        "new": len(data.new_participants), "newly_answered": len(data.newly_answered),
        "withdrawals": len(data.withdrawals), "attention": len(data.attention) + len(data.open_items),
    }


def _meeting(data: DigestData, organisation: Question | None, tz: ZoneInfo, lang: str) -> dict[str, Any] | None:
    """The next meeting with who is expected, who declined and of whom it is unknown (``people.attendance``:
    the same count as the brief, ``mailbot meetings`` and the exports)."""
    outlook = data.next_meeting
    if outlook is None:
        return None
    by_id = {p.id: p for p in data.participants}
    m = outlook.meeting.in_language(lang)
    return {"title": m.title, "when": format_meeting_when(m, tz, lang), "location": m.location,
            "address": m.address, "expected": len(outlook.turnout.expected),
            "unknown": [person(by_id[i], organisation, lang) for i in outlook.turnout.unknown],
            "declined": [person(by_id[i], organisation, lang) for i in outlook.turnout.declined]}


def _proposed(data: DigestData, organisation: Question | None, tz: ZoneInfo, lang: str) -> list[dict[str, Any]]:
    """Answers someone else sent for a participant, waiting for that participant's yes (not counted anywhere)."""
    by_id = {p.id: p for p in data.participants}
    return [{**person(by_id[pid], organisation, lang), "by": p.by_name or p.by, "by_address": p.by,
             "count": len(p.answers), "when": local_when(p.at, tz, lang), "until": local_when(p.expires_at, tz, lang)}
            for pid, p in data.proposed]


def _open_item(item: OpenItem, bot_address: str, now: datetime, tz: ZoneInfo, lang: str) -> dict[str, Any]:
    """One open item with its age and two links: answer the person (we see it too), or mark it done."""
    done = f"{'afgehandeld' if lang == 'nl' else 'done'} #{item.id}"
    subject = item.subject if item.subject.lower().startswith("re:") else f"Re: {item.subject or '-'}"
    answer = (f"mailto:{url_quote(item.address, safe='@')}?cc={url_quote(bot_address, safe='@')}"
              f"&subject={url_quote(subject)}") if item.address else ""
    return {"number": item.id, "days": max((now - item.created_at).days, 0),
            "since": local_when(item.created_at, tz, lang),
            "name": item.name, "address": item.address, "subject": item.subject, "forwarded": item.forwarded,
            "reasons": [{"kind": kind, "lines": first_lines(text, 4, 300)} for kind, text in item.reasons],
            "mailto_answer": answer,
            "mailto_done": f"mailto:{url_quote(bot_address, safe='@')}?subject={url_quote(done)}"
                           f"&body={url_quote(done)}"}


def digest_context(data: DigestData, questionnaire: Questionnaire, tz: ZoneInfo, lang: str,
                   now: datetime, service_problem: str = "", bot_address: str = "") -> dict[str, Any]:
    """Everything ``digest.{subject,txt,html}`` shows, for one organiser's language.

    The organisation question is not quoted on its own: the organisation stands beside every name.
    """
    organisation = organisation_question(questionnaire)
    waiting = [{**person(p, organisation, lang), "status": p.status,
                "days": (now - (p.questionnaire_sent_at or p.registered_at)).days,
                "asked": format_date(utc_to_local((p.questionnaire_sent_at or p.registered_at).replace(tzinfo=UTC),
                                                  tz).date(), lang)}
               for p in data.waiting]
    return {
        "service_problem": service_problem,
        "period_start": local_when(data.period.start, tz, lang) if data.period.start else None,
        "period_end": local_when(data.period.end, tz, lang),
        "summary": _summary(data),
        "open_items": [_open_item(item, bot_address, now, tz, lang) for item in data.open_items],
        "attention": [_attention(item, tz, lang) for item in
                      sorted(data.attention, key=lambda item: (_ATTENTION_ORDER.get(item.kind, 9), item.at))],
        "new_participants": [{**person(p, organisation, lang), "profile": _profile(p, questionnaire, lang)}
                             for p in data.new_participants],
        "withdrawals": [{**person(p, organisation, lang), "when": local_when(p.updated_at, tz, lang)}
                        for p in data.withdrawals],
        "distributions": [_distribution(d, lang) for d in distributions(questionnaire, data.participants, lang)],
        "quotes": [_quotes(q, organisation, lang) for q in quotes(questionnaire, data.participants, data.period)
                   if q.question is not organisation],
        "waiting": waiting,
        "proposed": _proposed(data, organisation, tz, lang),
        "meeting": _meeting(data, organisation, tz, lang),
        "gaps": gaps_context(data.gaps, questionnaire, lang),
        "matches": short_context(data.matches, questionnaire, lang, HELPERS),
    }
