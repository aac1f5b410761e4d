"""``mailbot run``: APScheduler drives the periodic jobs; an IDLE connection delivers mail as it arrives.

Jobs never overlap (``max_instances=1``), missed runs are coalesced, and a failing
job is logged once per outage (not once per attempt) and retried with backoff.
SIGTERM or SIGINT stops everything cleanly with exit code 0.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
from collections.abc import Callable
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from mailbot.app import App
from mailbot.errors import AuthError, MailbotError, TransportError
from mailbot.transports.imap import Mailbox

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0


class Outage:
    """Logs a failure once when it starts and once when it ends; computes the backoff in between."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.failures = 0

    def failed(self, error: Exception) -> float:
        if self.failures == 0:
            log.error("%s failed: %s (retrying with backoff)", self.what, error)
        self.failures += 1
        delay = min(MAX_BACKOFF, 2.0 ** (self.failures - 1))
        return delay * random.uniform(0.8, 1.2)

    def succeeded(self) -> None:
        if self.failures:
            log.info("%s works again after %d failed attempt(s)", self.what, self.failures)
        self.failures = 0


class Service:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()
        self.poll_outage = Outage("polling")
        self.idle_outage = Outage("the IDLE connection")

    def poll_job(self) -> None:
        try:
            self.app.runner.poll()
            self.poll_outage.succeeded()
        except AuthError as e:
            log.error("%s; fix the credentials, mailbot keeps trying every poll interval", e)
        except MailbotError as e:
            self.poll_outage.failed(e)
        except Exception:  # noqa: BLE001 - the service must outlive any bug in one cycle
            log.exception("poll cycle failed")

    def idle_loop(self) -> None:
        """Hold an IDLE connection; poll as soon as the server announces mail."""
        imap = self.app.config.imap
        if imap.idle is False:
            log.info("IDLE switched off (imap.idle: false): polling every %s s", imap.poll_interval)
            return
        while not self.stop.is_set():
            try:
                with Mailbox(imap) as box:
                    if not box.has("IDLE"):
                        log.info("the IMAP server does not offer IDLE: polling every %s s", imap.poll_interval)
                        return
                    box.select(imap.folder)
                    self.idle_outage.succeeded()
                    while not self.stop.is_set():
                        if box.idle_wait(imap.idle_refresh, self.stop.is_set):
                            self.app.runner.poll(mailbox=box)
                            self.poll_outage.succeeded()
                        else:
                            box.noop()  # re-issue IDLE well inside the server's 29-minute limit
            except AuthError as e:
                log.error("%s", e)
                self.stop.wait(max(60.0, imap.poll_interval))
            except (TransportError, MailbotError) as e:
                self.stop.wait(self.idle_outage.failed(e))
            except Exception:  # noqa: BLE001
                log.exception("IDLE loop failed")
                self.stop.wait(self.idle_outage.failed(RuntimeError("unexpected error")))


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
