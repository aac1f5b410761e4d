"""The scheduled briefings job of ``mailbot run``: queue what is due, then send it."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from mailbot.config import Config
from mailbot.store.db import Database
from mailbot.wording.templates import Templates

log = logging.getLogger(__name__)
EVERY_SECONDS = 900  # a briefing is due days ahead: a quarter of an hour late is on time


class Composed(Protocol):
    """What the job needs of the composed application (``mailbot.app.App``), without importing it."""

    @property
    def db(self) -> Database: ...
    @property
    def config(self) -> Config: ...
    @property
    def templates(self) -> Templates: ...
    def drain(self) -> Any: ...


def briefings_job(app: Composed) -> None:
    from mailbot.briefs.send import queue_due_briefings  # the XLSX writer is imported only when the job runs

    meetings = queue_due_briefings(app.db, app.config, app.templates)
    if meetings:
        log.info("scheduled briefings queued for %s", ", ".join(meetings))
        app.drain()
