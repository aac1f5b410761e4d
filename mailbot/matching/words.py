"""A match in words, in the organiser's language, and the topic an introduction names. Pure.

The organiser sees every reason (the shared terms with their weight, the theme, the phase, the
kind of organisation, the regions): she has all the answers anyway. An introduction names only the
topic: the shared words as the helper wrote them in the experience they offered to share, and the
theme both chose; never the question itself, a region, a phase or anything else they answered.
"""

from __future__ import annotations

from typing import Any

from mailbot.answers.describe import describe_answer
from mailbot.answers.questionnaire import Questionnaire
from mailbot.matching.model import Match, Matches, Profile
from mailbot.people.roles import roles_of

TOPIC_TERMS = 3  # the heaviest shared words an introduction or a line names
WORDS = {
    "nl": {"terms": "gedeelde termen", "theme": "zelfde thema", "phase": "zelfde fase",
           "org_type": "vergelijkbare organisatie", "region": "andere regio", "and": "en",
           "theme_word": "thema"},
    "en": {"terms": "shared terms", "theme": "same theme", "phase": "same phase",
           "org_type": "comparable organisation", "region": "another region", "and": "and",
           "theme_word": "theme"},
}


def _words(lang: str) -> dict[str, str]:
    return WORDS["nl" if lang == "nl" else "en"]


def theme_labels(match: Match, questionnaire: Questionnaire, lang: str) -> list[str]:
    question = roles_of(questionnaire).themes
    return [describe_answer(question, [t], lang) if question is not None else t for t in match.themes]


def topic(match: Match, questionnaire: Questionnaire, lang: str) -> str:
    """What they share, for a line or an introduction: "waterstofprojecten, MKB; thema: Financieren en investeren".

    The heaviest shared words (not one that weighs less than half the heaviest: "cluster" beside
    "governance" says nothing), and the themes both chose."""
    heaviest = match.terms[0].weight
    words = ", ".join(t.word for t in match.terms[:TOPIC_TERMS] if t.weight >= heaviest / 2)
    themes = ", ".join(theme_labels(match, questionnaire, lang))
    return f"{words}; {_words(lang)['theme_word']}: {themes}" if themes else words


def reasons(match: Match, questionnaire: Questionnaire, lang: str) -> list[str]:
    """Why, one reason a line: the shared terms (weight), the theme, the phase, the organisation type, the regions."""
    w = _words(lang)
    roles = roles_of(questionnaire)
    terms = ", ".join(f"{t.word} ({weight(t.weight, lang)})" for t in match.terms)
    out = [f"{w['terms']}: {terms}"]
    if match.themes:
        out.append(f"{w['theme']}: {', '.join(theme_labels(match, questionnaire, lang))}")
    if match.same_phase and roles.phase is not None:
        out.append(f"{w['phase']}: {describe_answer(roles.phase, match.asker.phase, lang)}")
    if match.same_org_type and roles.org_type is not None:
        out.append(f"{w['org_type']}: {describe_answer(roles.org_type, match.asker.org_type, lang)}")
    if match.other_region:
        out.append(f"{w['region']}: {match.helper.region} {w['and']} {match.asker.region}")
    return out


def weight(value: float, lang: str) -> str:
    """A weight with one decimal, in the reader's notation ("1,4" in Dutch)."""
    shown = f"{value:.1f}"
    return shown.replace(".", ",") if lang == "nl" else shown


def person(p: Profile) -> dict[str, Any]:
    return {"id": p.id, "name": p.display_name, "email": p.email, "organisation": p.organisation,
            "declined": not p.introductions}


def match_context(match: Match, matches: Matches, questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    """One match as the brief, the digest and the export show it."""
    return {"asker": person(match.asker), "helper": person(match.helper), "score": weight(match.score, lang),
            "topic": topic(match, questionnaire, lang), "reasons": reasons(match, questionnaire, lang),
            "introduced": matches.was_introduced(match)}


def matches_context(matches: Matches, questionnaire: Questionnaire, lang: str, limit: int) -> dict[str, Any]:
    """Who can help whom, per asker (at most ``limit`` helpers each), and who asked what no one can help with."""
    askers = []
    for asker in matches.askers:
        helpers = matches.helpers_of(asker.id, limit)
        if helpers:
            askers.append({**person(asker), "helpers": [match_context(m, matches, questionnaire, lang)
                                                         for m in helpers]})
    return {"askers": askers, "unmatched": [person(p) for p in matches.unmatched],
            "count": sum(len(a["helpers"]) for a in askers)}


def short_context(matches: Matches, questionnaire: Questionnaire, lang: str, limit: int) -> dict[str, Any] | None:
    """The digest's few lines: each asker's helpers by name with the best topic; None when no one asked anything."""
    if not matches.askers:
        return None
    lines = []
    for asker in matches.askers:
        helpers = matches.helpers_of(asker.id, limit)
        if helpers:
            lines.append({"asker": asker.display_name, "helpers": [m.helper.display_name for m in helpers],
                          "topic": topic(helpers[0], questionnaire, lang)})
    shown = matches.best(limit).found
    return {"lines": lines, "count": len(shown), "unmatched": [p.display_name for p in matches.unmatched],
            "introduced": sum(1 for m in shown if matches.was_introduced(m)),
            "to_introduce": len({m.pair for m in shown if introducible(m, matches)})}


def introducible(match: Match, matches: Matches) -> bool:
    """Both may be introduced, and have not been yet."""
    return match.asker.introductions and match.helper.introductions and not matches.was_introduced(match)
