"""The briefing of a circle of 60 stays under Gmail's 102 kB clip, and reads at phone and desktop width in
headless Chromium (nothing sticks out sideways). Screenshots go to ``$MAILBOT_ARTEFACTS`` or a temporary folder."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mailbot.briefs.compute import compute_brief
from mailbot.briefs.context import brief_context
from mailbot.config import Config
from mailbot.mail.compose import compact_html
from mailbot.people.records import ParticipantRecord
from mailbot.wording.templates import Templates, base_context

GMAIL_CLIPS_AT = 102 * 1024
SENTENCES = ("Hoe houden we bedrijven betrokken als de subsidie stopt en de trekkers uit de eerste jaren vertrekken?",
             "Wij werken met drie gemeenten, de hogeschool en een ontwikkelingsmaatschappij aan een campusagenda.",
             "Graag hoor ik hoe andere provincies de verantwoording aan Provinciale Staten hebben ingericht.",
             "Welke rol past de regio als het cluster volwassen wordt en minder ondersteuning nodig heeft?")
MEASURE = """<script>parent.postMessage(JSON.stringify({width: document.documentElement.scrollWidth}), "*");</script>"""
HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="%s" width="%d" height="1400" style="border:0;display:block"></iframe>
<script>addEventListener("message", e => document.body.setAttribute("data-measured", e.data));</script>
</body></html>"""


def heavy_circle(n: int, seed: int = 60) -> list[ParticipantRecord]:
    """``n`` participants who all chose m1's theme and answered every question in a sentence or two;
    one in ten wrote a letter (it is cut, and points to the attachment)."""
    rng = random.Random(seed)
    at = datetime(2026, 11, 1, 9, 0)

    def text(letter: bool) -> str:
        return " ".join(rng.choice(SENTENCES) for _ in range(12 if letter else rng.randint(1, 2)))

    return [ParticipantRecord(
        id=i + 1, email=f"m.vandenberg{i}@gelderland.example", name=f"Marieke van den Berg {i}",
        guessed_organisation="Gelderland", language="nl", status="answered", registered_at=at + timedelta(minutes=i),
        answers={"organisation": "Provincie Gelderland", "org_type": "decentral", "region": "Regio Arnhem-Nijmegen",
                 "themes": ["governance", "roles"] if i % 3 else ["governance"], "phase": "growing",
                 "questions": text(i % 10 == 0), "experience": text(i % 10 == 0), "all_meetings": i % 5 != 0,
                 "host": i % 7 == 0},
        attendance={"m1": "declined"} if i % 8 == 0 else {}) for i in range(n)]


def render(config: Config, records: list[ParticipantRecord], lang: str) -> str:
    meeting = config.meetings[0]
    brief = compute_brief(meeting, config.briefing(meeting.id).themes, records, config.questionnaire,
                          config.meetings, (), config.timezone)
    context = base_context(config, "Ingrid Smit") | brief_context(brief, config.questionnaire, config.timezone, lang)
    html = Templates().render("briefing", lang, context).html
    assert html is not None
    return compact_html(html)  # exactly what goes into the mail


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_for_60_stays_under_gmails_clip(config: Config, lang: str) -> None:
    html = render(config, heavy_circle(60), lang)
    size = len(html.encode("utf-8"))
    print(f"FIGURES: briefing HTML for 60 participants ({lang}): {size / 1024:.1f} kB")
    assert size < GMAIL_CLIPS_AT, f"{size / 1024:.1f} kB"
    assert html.count('href="mailto:') >= 60 * 2  # listed, and quoted with who asked
    assert "(volledige tekst in briefing-m1.xlsx)" in html or lang == "en"


def chromium_run(chromium: str, args: list[str], page: Path, width: int) -> str:
    with tempfile.TemporaryDirectory(prefix="mailbot-chromium-") as profile:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--window-size={width},1400", *args, page.as_uri()],
            check=True, capture_output=True, text=True, timeout=120)
    return done.stdout


def measured_width(chromium: str, html: str, folder: Path, name: str, width: int = 375) -> int:
    """How wide ``html`` lays out in headless Chromium inside a frame ``width`` pixels wide (a phone by default);
    the page and a screenshot stay in ``folder`` as ``name``.*."""
    folder.mkdir(parents=True, exist_ok=True)
    mail = folder / f"{name}.mail.html"
    mail.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    page = folder / f"{name}.html"
    page.write_text(HOST % (mail.name, width), encoding="utf-8")
    dom = chromium_run(chromium, ["--dump-dom", "--virtual-time-budget=3000", "--allow-file-access-from-files"],
                       page, max(width, 500))
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found is not None, f"{name} did not load in Chromium"
    chromium_run(chromium, [f"--screenshot={folder / name}.png", "--allow-file-access-from-files"], page,
                 max(width, 500))
    return int(json.loads(found.group(1).replace("&quot;", '"'))["width"])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [375, 1024])
def test_it_reads_at_phone_and_desktop_width(chromium: str, config: Config, tmp_path: Path, lang: str,
                                             width: int) -> None:
    html = render(config, heavy_circle(12), lang)
    folder = Path(os.environ.get("MAILBOT_ARTEFACTS", tmp_path))
    assert measured_width(chromium, html, folder, f"briefing-{lang}-{width}", width) <= width  # nothing sticks out
    assert (folder / f"briefing-{lang}-{width}.png").stat().st_size > 1000
