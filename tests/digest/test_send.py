"""Sending the digest: one mail per organiser per period, never twice, even after a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from mailbot.app import App
from mailbot.demo.servers import SmtpSink
from mailbot.digest import send as digest_send
from mailbot.digest.send import queue_digest
from mailbot.store.db import utcnow
from mailbot.store.models import DigestRun, IncomingMessage, OutboxMail
from tests.digest.conftest import send_digest

INGRID, TOM = "ingrid@organisatie.example", "tom@organisatie.example"


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def first_week(c) -> None:  # type: ignore[no-untyped-def]
    c.person("anna@x.example", "Anna de Vries", answers={"themes": ["governance"], "questions": "Vraag van Anna"})
    c.message(state="needs_human", kind="question", sender="piet@x.example", sender_name="Piet",
              subject="Eerste vraag", excerpt="Is er parkeergelegenheid?")


def count_runs(app: App) -> int:
    with app.db.read_session() as session:
        return session.scalar(select(func.count(DigestRun.id))) or 0


def test_one_mail_per_organiser_in_their_language_with_both_attachments(
        app: App, seed: Callable[..., None], smtp: SmtpSink) -> None:
    seed(first_week)
    result = send_digest(app)
    assert result.queued and result.recipients == (INGRID, TOM)
    assert len(smtp.to(INGRID)) == 1 and len(smtp.to(TOM)) == 1
    for address, words, files in ((INGRID, "VOOR U", "deelnemers"), (TOM, "FOR YOU", "participants")):
        [delivery] = smtp.to(address)
        msg = delivery.message
        assert msg["Auto-Submitted"] == "auto-generated"
        assert words in text_of(msg) and msg.get_body(preferencelist=("html",)) is not None
        names = sorted(str(part.get_filename()) for part in msg.iter_attachments())
        assert names == [f"{files}.csv", f"{files}.xlsx"]
    with app.db.read_session() as session:
        assert session.scalars(select(OutboxMail.counts_for_limit).where(OutboxMail.kind == "digest")).all() \
            == [False, False]
        assert session.scalar(select(func.count()).where(IncomingMessage.digested.is_(True))) == 1


def test_the_next_digest_shows_only_what_is_new_and_keeps_the_totals(
        app: App, seed: Callable[..., None], smtp: SmtpSink) -> None:
    seed(first_week, utcnow() - timedelta(minutes=5))
    assert send_digest(app).queued

    def second_week(c) -> None:  # type: ignore[no-untyped-def]
        c.person("bart@x.example", "Bart Jansen", answers={"themes": ["governance", "roles"]})
        c.message(state="needs_human", kind="question", sender="kees@x.example", sender_name="Kees",
                  subject="Tweede vraag", excerpt="Mag ik iemand meenemen?")

    seed(second_week, utcnow())
    assert send_digest(app).queued
    first, second = (text_of(d.message) for d in smtp.to(INGRID))
    assert "Nieuw aangemeld (1):\n- Anna de Vries" in first and "parkeergelegenheid" in first
    assert "Nieuw aangemeld (1):\n- Bart Jansen" in second
    assert "Mag ik iemand meenemen?" in second and "parkeergelegenheid" not in second
    assert "- 2 deelnemers" in second  # the totals cover the whole circle
    assert "Vraag van Anna" in second  # and so does the inventory
    assert count_runs(app) == 2


def test_a_quiet_period_sends_nothing_unless_asked(make_app: Callable[..., App], seed: Callable[..., None],
                                                   smtp: SmtpSink) -> None:
    app = make_app()
    seed(first_week)
    assert send_digest(app).queued
    quiet = send_digest(app)
    assert not quiet.queued and "nothing new" in quiet.message
    assert send_digest(app, force=True).queued
    assert send_digest(make_app(digest={"send_empty": True})).queued
    assert len(smtp.to(INGRID)) == 3


def test_a_crash_after_the_commit_still_sends_exactly_one_digest_per_organiser(
        app: App, seed: Callable[..., None], smtp: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(first_week)

    assert queue_digest(app.db, app.config, app.templates).queued  # and then the process dies
    assert smtp.count() == 0 and count_runs(app) == 1
    assert not send_digest(app).queued  # the period is recorded: no second digest for it
    app.drain()  # what the next poll does
    app.drain()
    assert len(smtp.to(INGRID)) == 1 and len(smtp.to(TOM)) == 1


def test_a_crash_before_the_commit_leaves_nothing_behind(
        app: App, seed: Callable[..., None], smtp: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(first_week)

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(digest_send, "digest_attachments", broken)
    with pytest.raises(RuntimeError):
        send_digest(app)
    monkeypatch.undo()
    assert count_runs(app) == 0
    assert send_digest(app).queued  # the same digest, now complete
    assert len(smtp.to(INGRID)) == 1 and "parkeergelegenheid" in text_of(smtp.to(INGRID)[0].message)


def test_a_scheduled_slot_is_sent_once_however_often_the_job_runs(
        make_app: Callable[..., App], seed: Callable[..., None], smtp: SmtpSink) -> None:
    app = make_app(digest={"send_empty": True})
    seed(first_week, utcnow() - timedelta(hours=2))
    slot = utcnow() - timedelta(hours=1)
    assert send_digest(app, trigger="schedule", period_end=slot).queued
    again = send_digest(app, trigger="schedule", period_end=slot)
    assert not again.queued and "sent already" in again.message
    assert len(smtp.to(INGRID)) == 1


def test_the_scheduled_job_sends_for_the_slot_that_passed_once(
        make_app: Callable[..., App], seed: Callable[..., None], smtp: SmtpSink) -> None:
    from mailbot.meetings.localtime import utc_to_local
    from mailbot.service import Service

    a_minute_ago = utc_to_local(datetime.now(UTC) - timedelta(minutes=1), ZoneInfo("Europe/Amsterdam"))
    app = make_app(digest={"schedule": f"daily {a_minute_ago:%H:%M}"})
    seed(first_week, utcnow() - timedelta(hours=2))
    Service(app).digest_job()
    Service(app).digest_job()  # a second scheduler, or a rerun after a restart
    assert len(smtp.to(INGRID)) == 1 and len(smtp.to(TOM)) == 1
    with app.db.read_session() as session:
        run = session.scalars(select(DigestRun)).one()
        assert run.trigger == "schedule" and run.period_end <= utcnow() - timedelta(seconds=1)


def test_a_clock_a_year_ahead_does_not_block_later_digests(
        make_app: Callable[..., App], seed: Callable[..., None], smtp: SmtpSink) -> None:
    from mailbot.service import Service

    app = make_app(digest={"schedule": "daily 08:00", "send_empty": True})
    seed(first_week, utcnow() - timedelta(hours=2))
    ahead = datetime.now(UTC) + timedelta(days=365)
    Service(app, clock=lambda: ahead).digest_job()  # the clock jumped forward: a digest for a future period
    assert len(smtp.to(INGRID)) == 1
    Service(app).digest_job()  # the clock is right again: today's slot is not "sent already"
    assert len(smtp.to(INGRID)) == 2
    Service(app).digest_job()
    assert len(smtp.to(INGRID)) == 2, "and still once per slot"
    assert send_digest(app, force=True).queued, "--force always sends"
    assert send_digest(app, force=True).queued
    assert len(smtp.to(INGRID)) == 4
