"""``last_error``: what went wrong with a server or the database, for `mailbot status` and the digest.

Kept apart from the scheduler so that one-shot commands record errors without loading APScheduler.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from mailbot.errors import AuthError, TransportError
from mailbot.store.db import Database, utcnow
from mailbot.store.models import KeyValue

log = logging.getLogger(__name__)


def record_error(db: Database, what: str, error: BaseException | None, since: datetime | None = None,
                 attempts: int = 1) -> None:
    """Write ``last_error`` (shown by ``mailbot status``); ``error`` None marks ``what``'s (any, for "") resolved."""
    now = utcnow().isoformat(timespec="seconds")
    try:
        with db.session() as session:
            row = session.get(KeyValue, "last_error")
            if error is None:
                if (row is not None and isinstance(row.value, dict) and row.value.get("ongoing")
                        and what in ("", row.value.get("what"))):
                    row.value = {**row.value, "ongoing": False, "resolved_at": now}
                return
            value: dict[str, Any] = {
                "at": now, "since": (since or utcnow()).isoformat(timespec="seconds"), "what": what,
                "kind": _kind(error), "error": str(error)[:500],
                "attempts": attempts, "ongoing": True}
            session.merge(KeyValue(key="last_error", value=value))
    except SQLAlchemyError as e:
        log.warning("could not record the last error: %s", str(e).splitlines()[0][:200])


def _kind(error: BaseException) -> str:
    if isinstance(error, AuthError):
        return "auth"
    return "connection" if isinstance(error, TransportError) else "other"
