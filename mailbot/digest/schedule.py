"""When the digest goes out: ``digest.schedule`` as a cron trigger, and the job the scheduler runs.

The schedule is days and a time in the programme's time zone: ``mon 08:00``,
``daily 08:00``, ``mon,thu 09:30``, ``mon-fri 07:45``. Dutch day names
(``ma``, ``di``, ``wo``, ``do``, ``vr``, ``za``, ``zo``) work too. Every schedule
fires at least once a week, which is what ``latest_slot`` relies on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mailbot.errors import ConfigError
from mailbot.store.db import utcnow

if TYPE_CHECKING:  # at run time config.py may import this module to validate digest.schedule
    from apscheduler.triggers.cron import CronTrigger

    from mailbot.app import App
    from mailbot.config import Config

log = logging.getLogger(__name__)
SCHEDULE_KEY = "digest.schedule"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DUTCH_DAYS = dict(zip(("ma", "di", "wo", "do", "vr", "za", "zo"), DAYS, strict=True))
_SCHEDULE = re.compile(r"^\s*(?P<days>\S+)\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$")


@dataclass(frozen=True)
class DigestSchedule:
    day_of_week: str  # cron syntax: "mon,thu", "mon-fri" or "*"
    hour: int
    minute: int


def _day(name: str, text: str) -> str:
    day = _DUTCH_DAYS.get(name, name)
    if day not in DAYS:
        raise ConfigError(SCHEDULE_KEY, f"unknown day {name!r} in {text!r} (use mon, tue, ... or daily)")
    return day


def parse_schedule(text: str) -> DigestSchedule:
    """``"mon,thu 09:30"`` -> DigestSchedule; ConfigError naming ``digest.schedule`` otherwise."""
    match = _SCHEDULE.match(text.lower())
    if match is None:
        raise ConfigError(SCHEDULE_KEY, f"expected days and a time like 'mon 08:00', 'daily 08:00' or "
                                        f"'mon,thu 09:30', got {text!r}")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise ConfigError(SCHEDULE_KEY, f"not a time of day: {match['hour']}:{match['minute']}")
    days = match["days"]
    if days in ("daily", "dagelijks", "*"):
        return DigestSchedule("*", hour, minute)
    parts = []
    for part in days.split(","):
        ends = part.split("-")
        if len(ends) > 2 or not all(ends):
            raise ConfigError(SCHEDULE_KEY, f"cannot read the days {days!r} in {text!r}")
        parts.append("-".join(_day(end, text) for end in ends))
    return DigestSchedule(",".join(parts), hour, minute)


def check_digest_schedule(text: str) -> None:
    """For config loading: raise ConfigError naming ``digest.schedule`` when ``text`` is not a schedule."""
    parse_schedule(text)


def schedule_trigger(text: str, timezone: ZoneInfo) -> CronTrigger:
    from apscheduler.triggers.cron import CronTrigger  # only the service needs it; keep start-up light

    schedule = parse_schedule(text)
    return CronTrigger(day_of_week=schedule.day_of_week, hour=schedule.hour, minute=schedule.minute,
                       timezone=timezone)


def digest_trigger(config: Config) -> CronTrigger:
    """The trigger for ``scheduler.add_job(digest_job, digest_trigger(config), args=[app])``."""
    return schedule_trigger(config.digest.schedule, config.timezone)


def latest_slot(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The last moment at or before ``now`` (aware) at which ``trigger`` fired (fires at least weekly)."""
    moment = now - timedelta(days=8)
    latest = None
    while (fire := trigger.get_next_fire_time(None, moment)) is not None and fire <= now:
        latest = fire
        moment = fire + timedelta(seconds=1)
    return latest


def digest_job(app: App) -> None:
    """The scheduled digest: for the slot that just passed, once, respecting ``digest.send_empty``.

    The period ends at the scheduled moment, not at whenever the job got to run, so a
    second scheduler (or a rerun after a restart) finds that period recorded and stops.
    """
    from mailbot.digest.send import send_digest

    now = utcnow()
    slot = latest_slot(digest_trigger(app.config), now.replace(tzinfo=UTC))
    period_end = slot.astimezone(UTC).replace(tzinfo=None) if slot is not None else now
    result = send_digest(app, trigger="schedule", period_end=period_end, now=now)
    log.info("scheduled digest: %s", result.message)
