"""The digest's short version of who can help whom: one line per asker, who was not found, how to introduce them;
in both languages, and as HTML that reads on a phone in headless Chromium."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from mailbot.app import App
from mailbot.mail.compose import compact_html
from mailbot.store.db import utcnow
from mailbot.store.models import Introduction
from tests.briefs.test_render import HOST, MEASURE, chromium_run
from tests.digest.conftest import Circle, preview
from tests.matching.circle import seed as seed_circle


def circle(introduced: bool) -> Callable[[Circle], None]:
    def write(c: Circle) -> None:
        ids = seed_circle(c.session)
        if introduced:
            c.session.add(Introduction(first_id=ids["Anna"], second_id=ids["Bram"], topic="MKB", created_at=c.now))

    return write


def test_one_line_per_asker_and_how_to_introduce_them(app: App, seed: Callable[..., None]) -> None:
    seed(circle(introduced=True))
    text = preview(app, "nl").text
    part = text[text.index("Wie kan wie helpen (6, waarvan 1 al voorgesteld;"):]
    lines = part.splitlines()
    assert lines[1] == "- Anna de Vries: Ingrid Kok, Bram Jansen (waterstofprojecten, Europese, MKB; thema: " \
                       "Financieren en investeren)"
    assert "- Nog niemand gevonden voor de vraag van: Carla Smit, Jan Peters, Lotte Bos." in part
    # six matches: Anna-Ingrid (Ingrid said no), Anna-Bram (done), Bram, Frank, Gemma, Hans: four pairs left
    assert 'Stuur mij "koppelingen" om deze 4 paren per mail aan elkaar voor te stellen' in part
    english = preview(app, "en").text
    assert "Who can help whom (6, 1 introduced already;" in english and 'Send me "introductions"' in english


def test_nothing_to_say_when_no_one_asked_anything(app: App, seed: Callable[..., None]) -> None:
    seed(lambda c: c.person("a@x.example", "Anna", answers={"experience": "Een campus."}))
    assert "Wie kan wie helpen" not in preview(app, "nl").text


def test_the_html_reads_on_a_phone(app: App, seed: Callable[..., None], chromium: str, tmp_path: Path) -> None:
    seed(circle(introduced=False), utcnow())
    html = preview(app, "nl").html
    assert html is not None
    html = compact_html(html)
    assert "<b>Anna de Vries</b>: Ingrid Kok, Bram Jansen" in html and "&lt;naam&gt;" in html
    folder = Path(os.environ.get("MAILBOT_ARTEFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    mail = folder / "digest-matches.mail.html"
    mail.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    page = folder / "digest-matches.html"
    page.write_text(HOST % (mail.name, 375), encoding="utf-8")
    dom = chromium_run(chromium, ["--dump-dom", "--virtual-time-budget=3000", "--allow-file-access-from-files"],
                       page, 500)
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found is not None, "the digest did not load in Chromium"
    assert json.loads(found.group(1).replace("&quot;", '"'))["width"] <= 375
