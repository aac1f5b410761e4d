"""``mailbot run``: APScheduler drives the periodic jobs; an IDLE connection delivers mail as it arrives.

Jobs never overlap (``max_instances=1``) and missed runs are coalesced. The poll
job runs every ``poll_interval`` even while IDLE works: a safety net for a push
that got lost. A failure is logged once when an outage starts and once when it
ends (``Health``), written to the database as ``last_error`` for ``mailbot
status`` and the digest, and retried with exponential backoff and jitter: 1 s
up to 5 minutes for an unreachable server, 1 up to 15 minutes for refused
credentials, which no tight loop can fix. SIGTERM or SIGINT stops everything
cleanly with exit code 0; only a configuration error (raised before we get
here) makes ``mailbot run`` exit non-zero, so a service manager restarts it.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from mailbot.app import App
from mailbot.errors import AuthError, MailbotError, TransportError
from mailbot.health import record_error
from mailbot.runner import PollReport
from mailbot.store.db import Database, utcnow
from mailbot.transports.imap import Mailbox

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
AUTH_BACKOFF = (60.0, 900.0)
CATCH_UP_ROUNDS = 50  # polls in a row while mail keeps coming in, before we go back to IDLE


def backoff(failures: int, auth: bool) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: doubling, capped, with +-20% jitter."""
    first, cap = AUTH_BACKOFF if auth else (1.0, MAX_BACKOFF)
    delay = min(cap, first * 2.0 ** min(failures - 1, 20))
    return min(cap, max(first, delay * random.uniform(0.8, 1.2)))


class Health:
    """One server's state as the operator sees it: log lines per outage, ``last_error``, when to try again."""

    def __init__(self, db: Database, what: str) -> None:
        self.db = db
        self.what = what
        self.failures = 0
        self.since: datetime | None = None
        self.auth = False
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def failed(self, error: MailbotError) -> float:
        """Note a failure; return how long to wait before the next attempt."""
        auth = isinstance(error, AuthError)
        with self._lock:
            if self.failures == 0 or auth != self.auth:
                if auth:
                    log.error("%s: %s. Fix the credentials; mailbot tries again every few minutes", self.what, error)
                else:
                    log.error("%s unavailable: %s (retrying with backoff, up to %d s apart)", self.what, error,
                              MAX_BACKOFF)
                self.since = self.since if self.failures else utcnow()
            else:
                log.debug("%s still unavailable (attempt %d): %s", self.what, self.failures + 1, error)
            self.failures += 1
            self.auth = auth
            delay = backoff(self.failures, auth)
            self.retry_at = time.monotonic() + delay
            since, failures = self.since, self.failures
        record_error(self.db, self.what, error, since, failures)
        return delay

    def succeeded(self) -> None:
        with self._lock:
            if not self.failures:
                return
            log.info("%s works again after %d failed attempt(s)", self.what, self.failures)
            self.failures, self.since, self.auth, self.retry_at = 0, None, False, 0.0
        record_error(self.db, self.what, None)

    def wait_time(self) -> float:
        """Seconds until the backoff allows the next attempt (0: go ahead)."""
        return max(0.0, self.retry_at - time.monotonic())


class Service:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()
        self.imap = Health(app.db, "IMAP")
        self.smtp = Health(app.db, "SMTP")
        self.storage = Health(app.db, "the database")

    def _failed(self, error: MailbotError) -> float:
        return (self.imap if isinstance(error, TransportError) else self.storage).failed(error)

    def _wait_time(self) -> float:
        return max(self.imap.wait_time(), self.storage.wait_time())

    # ---------------------------------------------------------------- polling

    def poll_once(self, mailbox: Mailbox | None = None) -> PollReport:
        """One cycle (on ``mailbox`` when given); a failure raises, sending trouble is only noted."""
        report = self.app.runner.poll(mailbox=mailbox)
        self.imap.succeeded()
        self.storage.succeeded()
        if report.drain.error:
            error = AuthError if report.drain.auth_failed else TransportError
            self.smtp.failed(error(report.drain.error))
        elif report.drain.sent:
            self.smtp.succeeded()
        return report

    def poll_job(self) -> None:
        """The scheduled poll: the only one without IDLE, a safety net with it."""
        if self.stop.is_set() or self._wait_time() > 0:
            return  # in backoff: the IDLE loop (or the next run after the backoff) tries again
        try:
            self.poll_once()
        except MailbotError as e:
            self._failed(e)
        except Exception:  # noqa: BLE001 - the service must outlive any bug in one cycle
            log.exception("poll cycle failed")

    # ---------------------------------------------------------------- push

    def idle_loop(self) -> None:
        """Hold an IDLE connection; poll as soon as the server announces mail; reconnect after any failure."""
        imap = self.app.config.imap
        if imap.idle is False:
            log.info("IDLE switched off (imap.idle: false): polling every %s s", imap.poll_interval)
            return
        while not self.stop.is_set():
            wait = self._wait_time()
            if wait > 0:
                self.stop.wait(wait)
                continue
            try:
                with Mailbox(imap) as box:
                    self.imap.succeeded()
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
            except MailbotError as e:
                self.stop.wait(self._failed(e))
            except Exception:  # noqa: BLE001
                log.exception("IDLE loop failed")
                self.stop.wait(self.imap.failed(TransportError("unexpected error in the IDLE loop")))

    def _catch_up(self, box: Mailbox) -> None:
        """Poll until a cycle finds nothing new.

        Mail that arrives while a cycle works is announced in answer to the cycle's own
        commands, where nobody listens; only a cycle that fetched nothing ends with a
        SEARCH that saw everything, so IDLE then announces whatever comes next.
        """
        for _ in range(CATCH_UP_ROUNDS):
            if self.poll_once(box).fetched == 0 or self.stop.is_set():
                return


def add_periodic_jobs(scheduler: BackgroundScheduler, service: Service) -> None:
    imap = service.app.config.imap
    scheduler.add_job(service.poll_job, "interval", seconds=imap.poll_interval, id="poll", max_instances=1,
                      coalesce=True, misfire_grace_time=imap.poll_interval, next_run_time=datetime.now())


def run_service(app: App, extra_jobs: Callable[[BackgroundScheduler, Service], None] | None = None) -> int:
    service = Service(app)
    scheduler = BackgroundScheduler(timezone=app.config.timezone)
    add_periodic_jobs(scheduler, service)
    if extra_jobs is not None:
        extra_jobs(scheduler, service)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: stopping", signal.Signals(signum).name)
        service.stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.start()
    log.info("mailbot running: %s, polling every %s s", app.config.imap.folder, app.config.imap.poll_interval)
    idle = threading.Thread(target=service.idle_loop, name="imap-idle", daemon=True)
    idle.start()
    while not service.stop.is_set():
        service.stop.wait(1.0)
    scheduler.shutdown(wait=True)
    idle.join(timeout=10)
    log.info("mailbot stopped")
    return 0
