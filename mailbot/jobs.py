"""The scheduled jobs of ``mailbot run`` besides polling: reminders, the digest, retention.

They live in APScheduler's SQLAlchemy job store in our own database, so that their
next run times survive a restart; each is coalesced, never runs twice at once and
has a misfire grace time. Jobs are stored by reference (``mailbot.jobs:...``), so
they reach the running app through this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler

from mailbot.app import App

log = logging.getLogger(__name__)
REMIND_EVERY_SECONDS = 60
_running: dict[str, App] = {}


def _app() -> App:
    return _running["app"]


def _guarded(what: str, job: Callable[[], object]) -> None:
    try:
        job()
    except Exception:  # noqa: BLE001 - a failing job is logged and tried again at its next run
        log.exception("%s failed", what)


def reminders_tick() -> None:
    from mailbot.reminders import remind

    app = _app()
    _guarded("reminders", lambda: remind(app.db, app.config, app.templates, datetime.now(UTC)))


def digest_tick() -> None:
    from mailbot.digest import digest_job

    _guarded("digest", lambda: digest_job(_app()))


def retention_tick() -> None:
    from mailbot.privacy.retention import retention_job

    _guarded("retention", lambda: retention_job(_app()))


def add_jobs(scheduler: BaseScheduler, service: object) -> None:
    app: App = service.app  # type: ignore[attr-defined]
    _running["app"] = app
    scheduler.add_jobstore(SQLAlchemyJobStore(url=app.config.database_url, tablename="apscheduler_jobs"),
                           alias="persistent")
    common = {"jobstore": "persistent", "replace_existing": True, "max_instances": 1, "coalesce": True}
    scheduler.add_job("mailbot.jobs:reminders_tick", "interval", seconds=REMIND_EVERY_SECONDS, id="reminders",
                      misfire_grace_time=REMIND_EVERY_SECONDS * 5, **common)
    try:
        from mailbot.digest import digest_trigger
    except ImportError:  # pragma: no cover - digest not installed in this build
        log.warning("no digest module: the digest is not scheduled")
    else:
        scheduler.add_job("mailbot.jobs:digest_tick", digest_trigger(app.config), id="digest",
                          misfire_grace_time=6 * 3600, **common)
    scheduler.add_job("mailbot.jobs:retention_tick", "cron", hour=3, minute=30, id="retention",
                      timezone=app.config.timezone, misfire_grace_time=24 * 3600, **common)
