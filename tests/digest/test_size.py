"""The digest of a circle of 60 stays under the 102 kB at which Gmail clips an HTML mail ("[Message
clipped]": the organiser would miss the end, with the next meeting and who has not answered)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from mailbot.app import App
from mailbot.store.db import utcnow
from mailbot.store.models import Attendance
from tests.digest.conftest import preview

GMAIL_CLIPS_AT = 102 * 1024
SENTENCES = ("Hoe houden we bedrijven betrokken als de subsidie stopt en de trekkers uit de eerste jaren vertrekken?",
             "Wij werken met drie gemeenten, de hogeschool en een ontwikkelingsmaatschappij aan een campusagenda.",
             "Graag hoor ik hoe andere provincies de verantwoording aan Provinciale Staten hebben ingericht.",
             "Welke rol past de regio als het cluster volwassen wordt en minder ondersteuning nodig heeft?")


def heavy_circle(c) -> None:  # type: ignore[no-untyped-def]
    """60 participants, all new, who all answered every question, in a sentence or two; one in ten wrote
    a whole letter under each question (it is cut, and points to the attachment)."""
    rng = random.Random(60)
    now = utcnow()
    for i in range(60):
        letter = i % 10 == 0

        def text(letter: bool = letter) -> str:
            return " ".join(rng.choice(SENTENCES) for _ in range(12 if letter else rng.randint(1, 2)))

        p = c.person(f"m.vandenberg{i}@gelderland.example", f"Marieke van den Berg {i}",
                     answers={"organisation": "Provincie Gelderland", "org_type": "decentral",
                              "region": "Regio Arnhem-Nijmegen", "themes": ["governance", "roles", "facilitation"],
                              "phase": "growing", "questions": text(), "experience": text(), "all_meetings": True,
                              "host": False},
                     organisation="Gelderland", at=now - timedelta(days=rng.uniform(0, 6)))
        if i % 4 == 0:
            c.session.add(Attendance(participant_id=p.id, meeting_id="m1",
                                     status="declined" if i % 8 == 0 else "accepted", updated_at=now))
        if i % 6 == 0:
            c.note(p, "Is er een deelnemersbijdrage verbonden aan de leerkring, en zo ja, hoe hoog is die?")


def test_the_html_of_a_circle_of_60_stays_under_gmails_clip(app: App, seed: Callable[..., None]) -> None:
    seed(heavy_circle)
    for lang in ("nl", "en"):
        rendered = preview(app, lang=lang)
        size = len((rendered.html or "").encode("utf-8"))
        print(f"FIGURES: digest HTML for 60 participants ({lang}): {size / 1024:.1f} kB")
        assert size < GMAIL_CLIPS_AT, f"{size / 1024:.1f} kB"
        assert rendered.html is not None and rendered.html.count('href="mailto:') >= 60 * 2
        assert "(volledige tekst in deelnemers.xlsx)" in rendered.html or lang == "en"
