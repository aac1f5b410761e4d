"""The digest's short "gaps" section: themes people chose that no meeting covers, who is left out,
and the questions of those who chose no theme (never put into a meeting)."""

from __future__ import annotations

from collections.abc import Callable

from mailbot.app import App
from mailbot.digest.send import preview_digest


def test_the_digest_names_the_gaps(circle_app: Callable[[int], App]) -> None:
    app = circle_app(2525)
    nl = preview_digest(app.db, app.config, app.templates, lang="nl")
    en = preview_digest(app.db, app.config, app.templates, lang="en")
    text = " ".join(nl.text.split())
    assert "Nog zonder bijeenkomst (voor de planning)" in text
    # facilitation: chosen by participants 3, 6, 9, 13, 16, 19, 26 (5 withdrew, 23 bounced): no meeting covers it
    assert "Faciliteren en stimuleren van groei (beleidsinstrumenten) (7)" in text
    assert "niet aan een bijeenkomst toegewezen (2): Deelnemer 04, Deelnemer 24." in text
    assert "Not covered by a meeting yet" in en.text and "Not covered by a meeting yet" in (en.html or "")


def test_no_themes_no_section(circle_app: Callable[[int], App]) -> None:
    app = circle_app(2525)
    plain = type(app.config)(**{**app.config.__dict__, "briefings": {}})
    rendered = preview_digest(app.db, plain, app.templates, lang="nl")
    assert "Nog zonder bijeenkomst" not in rendered.text and "Nog zonder bijeenkomst" not in (rendered.html or "")
