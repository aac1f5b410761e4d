"""A briefing goes through the real SMTP sink: to each organiser in her language and to the meeting's expert,
with the XLSX; once on schedule, again only on request, never once the meeting began."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from apscheduler.schedulers.background import BackgroundScheduler
from openpyxl import load_workbook

from mailbot.app import App, open_app
from mailbot.briefs.job import briefings_job
from mailbot.briefs.send import queue_due_briefings, send_briefing
from mailbot.cli import main
from mailbot.config import parse_config
from mailbot.demo.servers import Delivery, SmtpSink
from mailbot.meetings.localtime import local_to_utc
from mailbot.service import Service
from tests.briefs.circle import CIRCLE, START
from tests.briefs.conftest import circle_config, seeded
from tests.servers.bot import text_of

pytestmark = pytest.mark.integration


@pytest.fixture
def app(circle_app: Callable[[int], App], smtp: SmtpSink) -> App:
    return circle_app(smtp.port)


def xlsx_of(d: Delivery) -> list[tuple[object, ...]]:
    part = next(p for p in d.message.iter_attachments() if (p.get_filename() or "").endswith(".xlsx"))
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    book = load_workbook(io.BytesIO(payload), read_only=True)
    return list(book.worksheets[0].iter_rows(values_only=True))


def test_sent_to_organisers_and_expert_in_their_language(app: App, smtp: SmtpSink) -> None:
    result = send_briefing(app.db, app.config, app.templates, "m1")
    assert result.queued
    app.drain()
    smtp.wait_for(3)
    nl, en, expert = (smtp.to(a) for a in ("ingrid@organisatie.example", "tom@organisatie.example",
                                           "expert@kennis.example"))
    assert (len(nl), len(en), len(expert)) == (1, 1, 1)
    assert nl[0].message["Subject"].startswith("Briefing Bijeenkomst 1") and "VERWACHT" in text_of(nl[0])
    assert "EXPECTED" in text_of(en[0]) and "VERWACHT" in text_of(expert[0])
    text = text_of(nl[0])
    assert "Vraag00:" in text and "Vraag02:" not in text and "Vraag04:" not in text  # m2's theme; no theme
    assert "Deelnemer 17" not in text  # chose m1's theme, withdrew
    assert "rondleiding door Energy Valley" in text  # a question by mail naming the meeting
    assert nl[0].message["Auto-Submitted"] == "auto-generated"
    rows = xlsx_of(nl[0])
    expected = [p for p in CIRCLE if p["status"] in ("answered", "questionnaire_sent")
                and p["attendance"].get("m1") != "declined"]
    assert len(rows) == 1 + len(expected)
    assert sorted(str(r[0]) for r in rows[1:]) == sorted(p["name"] for p in expected)


def test_the_schedule_sends_once_and_never_after_the_meeting(app: App, smtp: SmtpSink) -> None:
    start = local_to_utc(START, app.config.timezone).replace(tzinfo=None)
    assert queue_due_briefings(app.db, app.config, app.templates, start - timedelta(days=11)) == []
    assert queue_due_briefings(app.db, app.config, app.templates, start - timedelta(days=9)) == ["m1"]
    assert queue_due_briefings(app.db, app.config, app.templates, start - timedelta(days=8)) == []
    app.drain()
    assert len(smtp.wait_for(3)) == 3
    # on request it goes again; once begun, not even on request
    assert send_briefing(app.db, app.config, app.templates, "1", now=start - timedelta(days=1)).queued
    late = send_briefing(app.db, app.config, app.templates, "m1", now=start + timedelta(minutes=1))
    assert not late.queued and "begun" in late.message
    # m2 is due 10 days before its own start; m1 is over and never comes back
    assert queue_due_briefings(app.db, app.config, app.templates, start + timedelta(days=25)) == ["m2"]
    app.drain()
    assert len(smtp.wait_for(3 + 3 + 2)) == 8


def test_the_command(app: App, smtp: SmtpSink, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(circle_config(tmp_path, smtp.port), allow_unicode=True))
    config.chmod(0o600)
    page = tmp_path / "m5.html"
    assert main(["--config", str(config), "brief", "m5", "--preview", str(page)]) == 0
    assert "Deelnemer 00" in page.read_text() and "Vraag00" not in page.read_text()
    assert main(["--config", str(config), "brief", "m9"]) == 1
    assert "no meeting 'm9'" in capsys.readouterr().err
    assert main(["--config", str(config), "brief", "m5", "--send"]) == 0
    assert len(smtp.wait_for(2)) == 2  # m5 has no briefing.to: the two organisers


def test_the_service_job_sends_what_is_due_once(tmp_path: Path, smtp: SmtpSink) -> None:
    raw = circle_config(tmp_path, smtp.port)
    raw["meetings"][0]["briefing"]["days_before"] = 365  # due now
    app = seeded(open_app(parse_config(raw, tmp_path / "config.yaml")))
    scheduler = BackgroundScheduler(timezone=app.config.timezone)
    Service(app).schedule(scheduler)
    assert scheduler.get_job("briefings") is not None
    briefings_job(app)
    briefings_job(app)
    assert len(smtp.wait_for(3)) == 3
    assert sorted(d.recipients[0] for d in smtp.deliveries) == ["expert@kennis.example", "ingrid@organisatie.example",
                                                                "tom@organisatie.example"]
