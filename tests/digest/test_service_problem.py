"""A refused login or an outage that `mailbot run` recorded is the first thing the digest tells her."""

from __future__ import annotations

from mailbot.app import App
from mailbot.store.models import KeyValue
from tests.digest.conftest import preview


def test_ongoing_service_problem_is_at_the_top(app: App) -> None:
    with app.db.session() as session:
        session.merge(KeyValue(key="last_error", value={"what": "IMAP", "kind": "auth", "ongoing": True,
                                                        "error": "login refused", "since": "2026-11-27T08:00"}))
    rendered = preview(app, lang="nl")
    assert "mailbot kan de mailserver niet gebruiken: IMAP: login refused" in rendered.text
    assert rendered.html is not None and "login refused" in rendered.html


def test_resolved_problem_is_not_shown(app: App) -> None:
    with app.db.session() as session:
        session.merge(KeyValue(key="last_error", value={"what": "IMAP", "ongoing": False, "error": "timeout"}))
    assert "mailserver niet gebruiken" not in preview(app, lang="nl").text
