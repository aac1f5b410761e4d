"""The digest's short version of who can help whom: one line per asker, who was not found, how to introduce them;
in both languages, and as HTML that reads on a phone in headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mailbot.app import App
from mailbot.mail.compose import compact_html
from mailbot.store.db import utcnow
from mailbot.store.models import Introduction
from tests.briefs.test_render import measured_width
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
    assert measured_width(chromium, html, Path(os.environ.get("MAILBOT_ARTEFACTS", tmp_path)), "digest-matches") <= 375
