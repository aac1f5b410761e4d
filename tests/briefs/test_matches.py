"""A meeting's briefing says who can help whom among those expected, with the reasons: as text, as HTML that
reads on a phone in headless Chromium, and from storage (declines, introductions done)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from mailbot.app import open_app
from mailbot.briefs.collect import brief_of
from mailbot.briefs.compute import compute_brief
from mailbot.briefs.context import brief_context
from mailbot.config import Config, parse_config
from mailbot.mail.compose import compact_html
from mailbot.matching.profiles import profiles_of
from mailbot.matching.score import match_circle
from mailbot.store.models import Attendance, Introduction
from mailbot.wording.templates import Rendered, Templates, base_context
from tests.briefs.conftest import circle_config
from tests.briefs.test_render import measured_width
from tests.matching.circle import records, seed


def rendered(config: Config, lang: str) -> Rendered:
    meeting = config.meetings[0]
    people = records()
    brief = compute_brief(meeting, config.briefing(meeting.id).themes, people, config.questionnaire,
                          config.meetings, (), config.timezone)
    brief = replace(brief, matches=match_circle(profiles_of(people, config.questionnaire))
                    .among(a.id for a in brief.expected))
    context = base_context(config, "Ingrid Smit") | brief_context(brief, config.questionnaire, config.timezone, lang)
    return Templates().render("briefing", lang, context)


def section(text: str, title: str) -> str:
    return text[text.index(title):text.index("\n\n", text.index(title) + len(title) + 50)]


def test_the_text_names_helpers_with_their_reasons(config: Config) -> None:
    text = rendered(config, "nl").text
    part = text[text.index("WIE KAN WIE HELPEN (6)"):]
    assert "- Anna de Vries (Provincie Groningen) kan geholpen worden door:" in part
    assert "Ingrid Kok (Gemeente Groningen): waterstofprojecten, Europese, MKB; thema: Financieren en investeren" \
           " [niet voorstellen]" in part
    assert "gedeelde termen: MKB (1,4), financiering (1,2), subsidie (1,2); zelfde" in part
    assert "Dirk Bakker" not in part  # his experience fits Anna's question, but he works where she does
    assert "Een vraag waar niemand van de aanwezigen ervaring mee heeft: Carla Smit, Jan Peters, Lotte Bos." in part
    english = rendered(config, "en").text
    assert "WHO CAN HELP WHOM (6)" in english and "[do not introduce]" in english


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_reads_on_a_phone(chromium: str, config: Config, tmp_path: Path, lang: str) -> None:
    html = rendered(config, lang).html
    assert html is not None
    html = compact_html(html)
    assert html.count("&rarr;") == 6 and "(niet voorstellen)" in html or lang == "en"
    folder = Path(os.environ.get("MAILBOT_ARTEFACTS", tmp_path))
    assert measured_width(chromium, html, folder, f"briefing-matches-{lang}") <= 375
    assert (folder / f"briefing-matches-{lang}.png").stat().st_size > 1000


def test_from_storage_kept_to_who_comes_and_marking_who_was_introduced(tmp_path: Path) -> None:
    config = parse_config(circle_config(tmp_path), tmp_path / "config.yaml")
    app = open_app(config)
    now = datetime(2027, 2, 1, 9, 0)
    with app.db.session() as session:
        ids = seed(session)
        session.add(Attendance(participant_id=ids["Eva"], meeting_id="m1", status="declined", updated_at=now))
        session.add(Introduction(first_id=ids["Anna"], second_id=ids["Bram"], topic="MKB", created_at=now))
    with app.db.read_session() as session:
        brief, _ = brief_of(session, config, config.meetings[0])
    pairs = {(m.asker.name, m.helper.name) for m in brief.matches.found}
    assert ("Gemma Mulder", "Eva Brouwer") not in pairs  # Eva is not coming
    assert ("Anna de Vries", "Bram Jansen") in pairs
    text = Templates().render("briefing", "nl", base_context(config, "Ingrid Smit") | brief_context(
        brief, config.questionnaire, config.timezone, "nl")).text
    assert "Bram Jansen (Gemeente Eindhoven): MKB, financiering, subsidie; thema: Financieren en investeren" \
           " [al voorgesteld]" in text
    assert "Gemma Mulder" in section(text, "Een vraag waar niemand")
