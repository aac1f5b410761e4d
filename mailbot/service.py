"""``mailbot run``: the long-running service. It owns every scheduled job and the IDLE connection.

    poll        every ``poll_interval``: a safety net for a push that got lost
    IDLE        a thread holding an IDLE connection; polls as soon as the server announces mail
    reminders   every minute: meeting changes and due reminders, then send
    digest      at ``digest.schedule``: the digest for the slot that just passed, once; at start also
                a slot missed while we were down, when it is at most ``digest.grace`` ago
    retention   daily at 03:30, and at start when the last run is over a day ago
    briefings   every 15 minutes: each meeting's briefing when it is due (``briefing.days_before``), once

APScheduler runs the jobs from memory (never twice at once, missed runs coalesced);
what must survive a restart lives in our own tables (digest periods, reminder
claims, the last retention run), so a restart never repeats or skips one. A failure
is logged once when an outage starts and once when it ends (``mailbot.engine.health``);
a problem that lasts over an hour is mailed to the organisers, once.

One source of truth for the configuration: the file. Every cycle starts with ``cycle()``,
which notices a changed ``config.yaml`` (by SIGHUP, or its modification time), reads and
checks it, and switches to it between cycles, never within one; no job works from a copy
older than the file. A broken new file keeps the old configuration running: one clear log
line and one mail to the organisers per broken version.
SIGTERM or SIGINT stops everything cleanly with exit code 0.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import SQLAlchemyError

from mailbot.app import App, open_app, prepare_threads_for_sending
from mailbot.briefs.job import EVERY_SECONDS, briefings_job
from mailbot.config import Config, load_config
from mailbot.config.schedule import latest_slot, parse_schedule
from mailbot.core.domain import MailKind
from mailbot.core.errors import ConfigError, MailbotError, StorageError, TransportError
from mailbot.core.logs import install_redaction
from mailbot.engine.health import Health
from mailbot.engine.runner import PollReport
from mailbot.store.db import naive_utc, utcnow
from mailbot.store.models import KeyValue
from mailbot.transports import Mailbox
from mailbot.wording.templates import Templates

log = logging.getLogger(__name__)
CATCH_UP_ROUNDS = 50  # polls in a row while mail keeps coming in, before we go back to IDLE
REMIND_EVERY_SECONDS = 60
IDLE_CHECK_SECONDS = 60  # an IDLE wait ends at least this often, to notice a changed configuration
RETENTION_KEY = "last_retention"
SETTLE_NS = 500_000_000  # a configuration file is read once it has not changed for this long


class Service:
    def __init__(self, app: App, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.app = app
        self.clock = clock  # aware UTC; tests move it
        self.stop = threading.Event()
        self.health = Health(app.db)
        self.config_file = ConfigFile(app.config)
        self.hangup = threading.Event()  # SIGHUP: read the configuration again
        self.generation = 0  # grows with each configuration switch: the IDLE loop reconnects
        self._cycle_lock = threading.RLock()
        self.scheduler: BackgroundScheduler | None = None

    # ---------------------------------------------------------------- the configuration

    @contextmanager
    def cycle(self) -> Iterator[App]:
        """One cycle of work with the configuration as the file says now; a switch waits until no cycle runs."""
        with self._cycle_lock:
            self.reload_if_changed()
            yield self.app

    def reload_if_changed(self) -> bool:
        """Switch to a changed, valid configuration file; keep the running one when the new one is broken."""
        with self._cycle_lock:
            forced = self.hangup.is_set()
            self.hangup.clear()
            change = self.config_file.changed(forced)
            if change is None:
                return False
            try:
                config = load_config(self.config_file.path)
            except ConfigError as e:
                problem = str(e)
                if self.config_file.first_time_broken(problem):
                    log.error("%s changed but is not valid, still running with the previous one: %s",
                              self.config_file.path.name, problem)
                    self._guarded("telling the organisers", lambda: self._tell_organisers("config", problem))
                return False
            self.config_file.accepted(config, change)
            old = self.app
            self.app = reconfigured(old, config)
            self.generation += 1
            log.info("configuration reloaded from %s", self.config_file.path)
            if self.scheduler is not None and self.scheduler.running:
                self._reschedule(old.config, config)
            return True

    def _reload(self) -> None:
        self.reload_if_changed()

    def _reschedule(self, old: Config, new: Config) -> None:
        assert self.scheduler is not None
        if old.imap.poll_interval != new.imap.poll_interval:
            self.scheduler.reschedule_job("poll", trigger="interval", seconds=new.imap.poll_interval)
        if (old.digest.schedule, old.timezone) != (new.digest.schedule, new.timezone):
            self.scheduler.reschedule_job("digest", trigger=digest_trigger(new))

    def _tell_organisers(self, what: str, problem: str, since: datetime | None = None) -> None:
        from mailbot.outbox.queue import Outbox

        app = self.app
        with app.db.session() as session:
            outbox = Outbox(session, app.config, app.templates, naive_utc(self.clock()))
            for organiser in app.config.organisers:
                outbox.queue(kind=MailKind.ORGANISER_REPLY, template="service_problem", to_address=organiser.email,
                             to_name=organiser.name, lang=organiser.language, counts_for_limit=False,
                             auto_submitted="auto-generated",
                             context={"what": what, "problem": problem, "path": str(self.config_file.path),
                                      "since": since.isoformat(sep=" ", timespec="minutes") if since else ""})
        app.drain()

    # ---------------------------------------------------------------- polling

    def poll_once(self, mailbox: Mailbox | None = None) -> PollReport:
        """One cycle (on ``mailbox`` when given); a failure raises, sending trouble is only noted.

        Only a login of this cycle's own proves that the current credentials work: a poll on the
        IDLE connection (logged in earlier, perhaps with an old password) does not end an outage.
        """
        from mailbot.meetings.change_review import review_now

        try:
            with self.cycle() as app:
                review_now(app.db, app.config, app.templates, self.clock())
                report = app.runner.poll(mailbox=mailbox)
        except (SQLAlchemyError, StorageError) as e:  # the database's outage, never the mail server's
            raise self.app.db.trouble(e) from None
        self.health.poll_finished(report.drain, fresh_login=mailbox is None)
        return report

    # ---------------------------------------------------------------- polling

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
        while not self.stop.is_set():
            imap = self.app.config.imap
            if imap.idle is False:
                log.info("IDLE switched off (imap.idle: false): polling every %s s", imap.poll_interval)
                return
            wait = self.health.wait_time()
            if wait > 0:
                self.stop.wait(wait)
                continue
            try:
                with self.cycle() as app:
                    generation = self.generation
                    box = app.open_mailbox()  # a login with the credentials of the configuration as it is now
                try:
                    self.health.imap.succeeded()
                    if not box.has("IDLE"):
                        log.info("the IMAP server does not offer IDLE%s: polling every %s s",
                                 " (imap.idle: true)" if imap.idle else "", imap.poll_interval)
                        return
                    self._catch_up(box)  # whatever arrived while we were not listening
                    log.debug("IDLE: listening for new mail")
                    while not self.stop.is_set() and generation == self.generation:
                        if box.idle_wait(min(imap.idle_refresh, IDLE_CHECK_SECONDS), self.stop.is_set):
                            self._catch_up(box)
                        elif not self.stop.is_set():
                            box.noop()  # re-issue IDLE well inside the server's 29-minute limit
                            log.debug("IDLE renewed")
                        self.reload_if_changed()
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
            generation = self.generation
            if self.poll_once(box).fetched == 0 or self.stop.is_set() or generation != self.generation:
                return

    # ---------------------------------------------------------------- the other jobs

    def _guarded(self, what: str, job: Callable[[], None], uses_database: bool = False) -> None:
        """Run a job; a failure is logged (a database outage once, by the database's health) and tried again
        at its next run. A job on the database waits while the database is in backoff."""
        storage = self.health.storage
        if uses_database and storage.wait_time() > 0:
            return
        try:
            job()
        except (SQLAlchemyError, StorageError) as e:
            if not uses_database:
                raise
            storage.failed(self.app.db.trouble(e))
        except MailbotError as e:
            log.error("%s failed: %s", what, e)
        except Exception:  # noqa: BLE001 - a failing job is logged and tried again at its next run
            log.exception("%s failed", what)
        else:
            if uses_database:
                storage.succeeded()

    def reminders_job(self) -> None:
        from mailbot.meetings.reminders import queue_reminders  # icalendar is imported only when reminders run

        def run() -> None:
            with self.cycle() as app:
                if queue_reminders(app.db, app.config, app.templates, self.clock()).queued_any:
                    app.drain()
                self._tell_about_long_problems()

        self._guarded("reminders", run, uses_database=True)

    def _tell_about_long_problems(self) -> None:
        """A server failing for over an hour: the organisers hear of it once (the mail waits if SMTP is down)."""
        for server in self.health.overdue(naive_utc(self.clock())):
            log.warning("%s has been failing since %s: telling the organisers", server.what,
                        server.since.isoformat(sep=" ", timespec="minutes") if server.since else "?")
            self._tell_organisers("server", f"{server.what}: {server.last_error}", server.since)

    def digest_job(self) -> None:
        """The digest for the slot that just passed, once, respecting ``digest.send_empty``.

        The period ends at the scheduled moment, not at whenever the job got to run, so a
        second scheduler (or a rerun after a restart) finds that period recorded and stops.
        """
        from mailbot.digest.send import queue_digest

        def run() -> None:
            with self.cycle() as app:
                now = self.clock()
                schedule = parse_schedule(app.config.digest.schedule)
                slot = naive_utc(latest_slot(schedule, app.config.timezone, now))
                result = queue_digest(app.db, app.config, app.templates, trigger="schedule", period_end=slot,
                                      now=naive_utc(now))
                log.info("scheduled digest: %s", result.message)
                if result.queued:
                    app.drain()

        self._guarded("digest", run, uses_database=True)

    def missed_digest(self) -> bool:
        """Whether the last slot passed while we were down, at most ``digest.grace`` ago, and has no digest."""
        from mailbot.digest.send import last_period_end

        config = self.app.config
        now = self.clock()
        slot = latest_slot(parse_schedule(config.digest.schedule), config.timezone, now)
        if now - slot > config.digest.grace:
            return False
        try:
            with self.app.db.read_session() as session:
                previous = last_period_end(session, naive_utc(now))
        except SQLAlchemyError:
            return False
        return previous is None or previous < naive_utc(slot)

    def retention_job(self) -> None:
        from mailbot.privacy.retention import retention_job

        def run() -> None:
            with self.cycle() as app:
                retention_job(app.db, app.config)
                with app.db.session() as session:
                    session.merge(KeyValue(key=RETENTION_KEY, value={"at": utcnow().isoformat(timespec="seconds")}))

        self._guarded("retention", run, uses_database=True)

    def retention_overdue(self) -> bool:
        try:
            with self.app.db.read_session() as session:
                row = session.get(KeyValue, RETENTION_KEY)
                value = row.value if row is not None else None  # read inside: the session ends with a rollback
        except SQLAlchemyError:
            return False
        if not isinstance(value, dict):
            return True
        return datetime.fromisoformat(str(value.get("at"))) < utcnow() - timedelta(days=1)

    # ---------------------------------------------------------------- wiring

    def schedule(self, scheduler: BackgroundScheduler) -> None:
        config = self.app.config
        common = {"max_instances": 1, "coalesce": True}
        scheduler.add_job(self.poll_job, "interval", seconds=config.imap.poll_interval, id="poll",
                          misfire_grace_time=config.imap.poll_interval, next_run_time=datetime.now(UTC), **common)
        scheduler.add_job(self.reminders_job, "interval", seconds=REMIND_EVERY_SECONDS, id="reminders",
                          misfire_grace_time=REMIND_EVERY_SECONDS * 5, **common)
        scheduler.add_job(self.digest_job, digest_trigger(config), id="digest",
                          misfire_grace_time=int(config.digest.grace.total_seconds()) or 1, **common)
        if self.missed_digest():
            log.info("the digest slot passed while mailbot was not running: sending it now")
            scheduler.add_job(self.digest_job, id="digest-missed", next_run_time=datetime.now(UTC), **common)
        overdue = {"next_run_time": datetime.now(UTC)} if self.retention_overdue() else {}
        scheduler.add_job(self.retention_job, CronTrigger(hour=3, minute=30, timezone=config.timezone),
                          id="retention", misfire_grace_time=24 * 3600, **overdue, **common)
        scheduler.add_job(lambda: self._guarded("briefings", lambda: briefings_job(self.app), uses_database=True),
                          "interval",
                          seconds=EVERY_SECONDS, id="briefings", misfire_grace_time=EVERY_SECONDS, **common)

    def run(self) -> int:
        with self.app.db.presence():  # `move-database` refuses while a service runs
            return self._run()

    def _run(self) -> int:
        prepare_threads_for_sending()
        scheduler = BackgroundScheduler(timezone=self.app.config.timezone)
        self.scheduler = scheduler
        self.schedule(scheduler)

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s: stopping", signal.Signals(signum).name)
            self.stop.set()

        def on_hangup(_signum: int, _frame: FrameType | None) -> None:
            self.hangup.set()  # read at the start of the next cycle, or within a second

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGHUP, on_hangup)
        scheduler.start()
        config = self.app.config
        log.info("mailbot running: %s, polling every %s s; kill -HUP %d reads %s again", config.imap.folder,
                 config.imap.poll_interval, os.getpid(), self.config_file.path)
        idle = threading.Thread(target=self.idle_loop, name="imap-idle", daemon=True)
        idle.start()
        while not self.stop.is_set():
            self.stop.wait(1.0)
            if self.hangup.is_set():
                self._guarded("reloading the configuration", self._reload)
        scheduler.shutdown(wait=True)
        idle.join(timeout=10)
        log.info("mailbot stopped")
        return 0


def digest_trigger(config: Config) -> CronTrigger:
    digest = parse_schedule(config.digest.schedule)
    return CronTrigger(day_of_week=digest.day_of_week, hour=digest.hour, minute=digest.minute,
                       timezone=config.timezone)


def reconfigured(app: App, config: Config) -> App:
    """The app with a new configuration; the database stays open when its URL is the same."""
    install_redaction(config.secrets)
    if config.database_url != app.config.database_url:
        return open_app(config)
    return App(config=config, db=app.db, templates=Templates(config.templates_dir, config.programme.language),
               tokens=app.tokens)


class ConfigFile:
    """The configuration as last read: the stamps (modification time, size) and content hash of its files.

    Its files are the YAML file and what it names (a questionnaire file, a templates folder): an edit of
    the questionnaire while ``mailbot run`` works is a change of the configuration like any other.
    """

    def __init__(self, config: Config, now_ns: Callable[[], int] = time.time_ns) -> None:
        self.path = config.path
        self.now_ns = now_ns
        self.files = config.source_files
        self.seen = self._stamp()
        self.digest = self._digest()
        self.last_problem = ""

    def _stamp(self) -> tuple[tuple[int, int] | None, ...]:
        stamps: list[tuple[int, int] | None] = []
        for path in self.files:
            try:
                info = path.stat()
            except OSError:
                stamps.append(None)
                continue
            stamps.append((info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def _digest(self) -> str:
        content = hashlib.sha256()
        for path in self.files:
            content.update(str(path).encode() + b"\0")
            try:
                content.update(b"\0".join(sorted(p.name.encode() for p in path.iterdir())) if path.is_dir()
                               else path.read_bytes())
            except OSError:
                content.update(b"\1")  # gone or unreadable: differs from any content
        return content.hexdigest()

    def changed(self, forced: bool) -> str | None:
        """The new content's hash when a file changed since it was last read (``forced``: look anyway)."""
        stamp = self._stamp()
        if stamp == self.seen and not forced:
            return None
        if not forced and self._being_written(stamp):
            return None  # not marked seen: the next look reads it once the editor is done
        self.seen = stamp
        digest = self._digest()
        if digest == self.digest:
            self.last_problem = ""  # back to what runs: a later mistake is news again
            return None
        return digest

    def _being_written(self, stamp: tuple[tuple[int, int] | None, ...]) -> bool:
        """A file modified moments ago may be half written (an editor or ``cat >`` that writes in place)."""
        newest = max((s[0] for s in stamp if s is not None), default=0)
        return 0 <= self.now_ns() - newest < SETTLE_NS  # a time ahead of ours: another clock, settled

    def accepted(self, config: Config, digest: str) -> None:
        """``config``, read when the files hashed to ``digest``, runs now; watch what it was read from."""
        self.digest, self.last_problem = digest, ""
        if config.source_files != self.files:  # e.g. another questionnaire file
            self.files = config.source_files
            self.seen, self.digest = self._stamp(), self._digest()

    def first_time_broken(self, problem: str) -> bool:
        if problem == self.last_problem:
            return False
        self.last_problem = problem
        return True
