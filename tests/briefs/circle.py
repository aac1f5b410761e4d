"""A circle of 30 with varied answers and declines, and five meetings: four with themes, one without.

Each participant's choices are written out, so the tests can say by hand who belongs where.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

START = datetime(2027, 3, 1, 13, 0)
THEMES: dict[str, dict[str, list[str]]] = {
    "m1": {"themes": ["governance"]},
    "m2": {"themes": ["roles"]},
    "m3": {"themes": ["financing"]},
    "m4": {"phase": ["emerging"]},  # a theme on another choice question
}  # m5 has none; nobody's "facilitation" has a meeting


def meetings() -> list[dict[str, Any]]:
    out = []
    for i in range(5):
        start = START + timedelta(days=30 * i)
        m: dict[str, Any] = {"id": f"m{i + 1}", "title": f"Bijeenkomst {i + 1}", "start": f"{start:%Y-%m-%d %H:%M}",
                             "end": f"{start + timedelta(hours=4):%Y-%m-%d %H:%M}",
                             "location": ["Energy Valley", "Food Valley", "Health Valley", "Brainport", "Port"][i]}
        if f"m{i + 1}" in THEMES:
            m["themes"] = THEMES[f"m{i + 1}"]
        out.append(m)
    out[0]["briefing"] = {"to": ["expert@kennis.example"], "days_before": 10}
    return out


THEME_PLAN = [
    ["governance"], ["governance", "roles"], ["roles"], ["facilitation"], None, ["financing"],
    ["governance", "facilitation"], ["governance"], ["roles", "financing"], ["facilitation"],
]
PHASES = ["emerging", "growing", "mature", "renewal", None]


def person(i: int) -> dict[str, Any]:
    """Participant ``i`` (0..29): who they are, what they chose, wrote and said about the meetings."""
    themes = THEME_PLAN[i % len(THEME_PLAN)]
    status = "withdrawn" if i in (5, 17) else "bounced" if i == 23 else "questionnaire_sent" if i == 29 else "answered"
    answers: dict[str, Any] = {}
    if status != "questionnaire_sent":
        answers = {"organisation": f"Organisatie {i}", "org_type": "decentral", "region": f"Regio {i % 4}",
                   "all_meetings": i % 7 != 3}
        if themes is not None:
            answers["themes"] = themes
        if PHASES[i % 5]:
            answers["phase"] = PHASES[i % 5]
        if i % 3 != 2:
            answers["questions"] = f"Vraag{i:02d}: hoe pakken we dit aan in onze regio?"
        if i % 4 == 0:
            answers["experience"] = f"Ervaring{i:02d}: wij hebben een clusterfonds opgezet."
        if i % 6 == 1:
            answers["host"] = True
    attendance = {}
    if i % 5 == 1:
        attendance["m1"] = "declined"
    if i % 8 == 2:
        attendance["m2"] = "tentative"
    if i % 9 == 4:
        attendance["m1"] = "accepted"
    return {"i": i, "email": f"deelnemer{i:02d}@regio.example", "name": f"Deelnemer {i:02d}", "status": status,
            "answers": answers, "attendance": attendance}


CIRCLE = [person(i) for i in range(30)]
