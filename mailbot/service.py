"""``mailbot run``: the long-running service. It owns every scheduled job and the IDLE connection.

    poll        every ``poll_interval``: a safety net for a push that got lost
    IDLE        a thread holding an IDLE connection; polls as soon as the server announces mail
    reminders   every minute: meeting changes and due reminders, then send
    digest      at ``digest.schedule``: the digest for the slot that just passed, once
    retention   daily at 03:30, and at start when the last run is over a day ago
    briefings   every 15 minutes: each meeting's briefing when it is due (``briefing.days_before``), once

APScheduler runs the jobs from memory (never twice at once, missed runs coalesced);
what must survive a restart lives in our own tables (digest periods, reminder
claims, the last retention run), so a restart never repeats or skips one. A failure
is logged once when an outage starts and once when it ends (``mailbot.health``).
SIGTERM or SIGINT stops everything cleanly with exit code 0.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import SQLAlchemyError

from mailbot.app import App, prepare_threads_for_sending
from mailbot.briefs.job import EVERY_SECONDS, briefings_job
from mailbot.config.schedule import latest_slot, parse_schedule
from mailbot.errors import MailbotError, TransportError
from mailbot.health import Health
from mailbot.runner import PollReport
from mailbot.store.db import naive_utc, utcnow
from mailbot.store.models import KeyValue
from mailbot.transports import Mailbox

log = logging.getLogger(__name__)
CATCH_UP_ROUNDS = 50  # polls in a row while mail keeps coming in, before we go back to IDLE
REMIND_EVERY_SECONDS = 60
RETENTION_KEY = "last_retention"


class Service:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()
        self.health = Health(app.db)

    # ---------------------------------------------------------------- polling

    def poll_once(self, mailbox: Mailbox | None = None) -> PollReport:
        """One cycle (on ``mailbox`` when given); a failure raises, sending trouble is only noted."""
        report = self.app.runner.poll(mailbox=mailbox)
        self.health.poll_finished(report.drain)
        return report

    def poll_job(self) -> None:
        """The scheduled poll: the only one without IDLE, a safety net with it."""
        if self.stop.is_set() or self.health.wait_time() > 0:
            return  # in backoff: the IDLE loop (or the next run after the backoff) tries again
        try:
            self.poll_once()
        except MailbotError as e:
            self.health.poll_failed(e)
        except Exception:  # noqa: BLE001 - the service must outlive any bug in one cycle
            log.exception("poll cycle failed")

    def idle_loop(self) -> None:
        """Hold an IDLE connection; poll as soon as the server announces mail; reconnect after any failure."""
        imap = self.app.config.imap
        if imap.idle is False:
            log.info("IDLE switched off (imap.idle: false): polling every %s s", imap.poll_interval)
            return
        while not self.stop.is_set():
            wait = self.health.wait_time()
            if wait > 0:
                self.stop.wait(wait)
                continue
            try:
                box = self.app.open_mailbox()
                try:
                    self.health.imap.succeeded()
                    if not box.has("IDLE"):
                        log.info("the IMAP server does not offer IDLE%s: polling every %s s",
                                 " (imap.idle: true)" if imap.idle else "", imap.poll_interval)
                        return
                    self._catch_up(box)  # whatever arrived while we were not listening
                    while not self.stop.is_set():
                        if box.idle_wait(imap.idle_refresh, self.stop.is_set):
                            self._catch_up(box)
                        elif not self.stop.is_set():
                            box.noop()  # re-issue IDLE well inside the server's 29-minute limit
                finally:
                    box.close()
            except MailbotError as e:
                self.stop.wait(self.health.poll_failed(e))
            except Exception:  # noqa: BLE001
                log.exception("IDLE loop failed")
                self.stop.wait(self.health.imap.failed(TransportError("unexpected error in the IDLE loop")))

    def _catch_up(self, box: Mailbox) -> None:
        """Poll until a cycle finds nothing new.

        Mail that arrives while a cycle works is announced in answer to the cycle's own
        commands, where nobody listens; only a cycle that fetched nothing ends with a
        SEARCH that saw everything, so IDLE then announces whatever comes next.
        """
        for _ in range(CATCH_UP_ROUNDS):
            if self.poll_once(box).fetched == 0 or self.stop.is_set():
                return

    # ---------------------------------------------------------------- the other jobs

    def _guarded(self, what: str, job: Callable[[], None]) -> None:
        try:
            job()
        except MailbotError as e:
            log.error("%s failed: %s", what, e)
        except Exception:  # noqa: BLE001 - a failing job is logged and tried again at its next run
            log.exception("%s failed", what)

    def reminders_job(self) -> None:
        from mailbot.reminders import queue_reminders  # icalendar is imported only when reminders run

        def run() -> None:
            app = self.app
            if queue_reminders(app.db, app.config, app.templates, datetime.now(UTC)).queued_any:
                app.drain()

        self._guarded("reminders", run)

    def digest_job(self) -> None:
        """The digest for the slot that just passed, once, respecting ``digest.send_empty``.

        The period ends at the scheduled moment, not at whenever the job got to run, so a
        second scheduler (or a rerun after a restart) finds that period recorded and stops.
        """
        from mailbot.digest.send import queue_digest

        def run() -> None:
            app = self.app
            now = utcnow()
            schedule = parse_schedule(app.config.digest.schedule)
            slot = naive_utc(latest_slot(schedule, app.config.timezone, now.replace(tzinfo=UTC)))
            result = queue_digest(app.db, app.config, app.templates, trigger="schedule", period_end=slot, now=now)
            log.info("scheduled digest: %s", result.message)
            if result.queued:
                app.drain()

        self._guarded("digest", run)

    def retention_job(self) -> None:
        from mailbot.privacy.retention import retention_job

        def run() -> None:
            retention_job(self.app.db, self.app.config)
            with self.app.db.session() as session:
                session.merge(KeyValue(key=RETENTION_KEY, value={"at": utcnow().isoformat(timespec="seconds")}))

        self._guarded("retention", run)

    def retention_overdue(self) -> bool:
        try:
            with self.app.db.read_session() as session:
                row = session.get(KeyValue, RETENTION_KEY)
        except SQLAlchemyError:
            return False
        if row is None or not isinstance(row.value, dict):
            return True
        return datetime.fromisoformat(str(row.value.get("at"))) < utcnow() - timedelta(days=1)

    # ---------------------------------------------------------------- wiring

    def schedule(self, scheduler: BackgroundScheduler) -> None:
        config = self.app.config
        common = {"max_instances": 1, "coalesce": True}
        scheduler.add_job(self.poll_job, "interval", seconds=config.imap.poll_interval, id="poll",
                          misfire_grace_time=config.imap.poll_interval, next_run_time=datetime.now(UTC), **common)
        scheduler.add_job(self.reminders_job, "interval", seconds=REMIND_EVERY_SECONDS, id="reminders",
                          misfire_grace_time=REMIND_EVERY_SECONDS * 5, **common)
        digest = parse_schedule(config.digest.schedule)
        scheduler.add_job(self.digest_job, CronTrigger(day_of_week=digest.day_of_week, hour=digest.hour,
                                                       minute=digest.minute, timezone=config.timezone),
                          id="digest", misfire_grace_time=6 * 3600, **common)
        overdue = {"next_run_time": datetime.now(UTC)} if self.retention_overdue() else {}
        scheduler.add_job(self.retention_job, CronTrigger(hour=3, minute=30, timezone=config.timezone),
                          id="retention", misfire_grace_time=24 * 3600, **overdue, **common)
        scheduler.add_job(lambda: self._guarded("briefings", lambda: briefings_job(self.app)), "interval",
                          seconds=EVERY_SECONDS, id="briefings", misfire_grace_time=EVERY_SECONDS, **common)

    def run(self) -> int:
        prepare_threads_for_sending()
        scheduler = BackgroundScheduler(timezone=self.app.config.timezone)
        self.schedule(scheduler)

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s: stopping", signal.Signals(signum).name)
            self.stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        scheduler.start()
        config = self.app.config
        log.info("mailbot running: %s, polling every %s s", config.imap.folder, config.imap.poll_interval)
        idle = threading.Thread(target=self.idle_loop, name="imap-idle", daemon=True)
        idle.start()
        while not self.stop.is_set():
            self.stop.wait(1.0)
        scheduler.shutdown(wait=True)
        idle.join(timeout=10)
        log.info("mailbot stopped")
        return 0
