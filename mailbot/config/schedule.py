"""``digest.schedule``: days and a time in the programme's time zone, and the moments it names. Pure.

Written ``mon 08:00``, ``daily 08:00``, ``mon,thu 09:30`` or ``mon-fri 07:45``;
Dutch day names (``ma``, ``di``, ``wo``, ``do``, ``vr``, ``za``, ``zo``) work too.
Every schedule names at least one moment a week, which ``latest_slot`` relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.errors import ConfigError
from mailbot.meetings.localtime import local_to_utc, utc_to_local

SCHEDULE_KEY = "digest.schedule"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DUTCH_DAYS = dict(zip(("ma", "di", "wo", "do", "vr", "za", "zo"), DAYS, strict=True))
_SCHEDULE = re.compile(r"^\s*(?P<days>\S+)\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$")


@dataclass(frozen=True)
class DigestSchedule:
    day_of_week: str  # cron syntax: "mon,thu", "mon-fri" or "*"
    hour: int
    minute: int

    @property
    def weekdays(self) -> frozenset[int]:
        """The days it names, Monday = 0."""
        if self.day_of_week == "*":
            return frozenset(range(7))
        days: set[int] = set()
        for part in self.day_of_week.split(","):
            first, _, last = part.partition("-")
            start, end = DAYS.index(first), DAYS.index(last or first)
            days.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)])
        return frozenset(days)


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


def latest_slot(schedule: DigestSchedule, timezone: ZoneInfo, now: datetime) -> datetime:
    """The last moment at or before ``now`` (aware) that the schedule names, as an aware UTC time."""
    local_today = utc_to_local(now, timezone).date()
    for back in range(8):
        day = local_today - timedelta(days=back)
        if day.weekday() not in schedule.weekdays:
            continue
        slot = local_to_utc(datetime(day.year, day.month, day.day, schedule.hour, schedule.minute), timezone)
        if slot <= now:
            return slot
    raise AssertionError("a schedule names at least one day a week")  # pragma: no cover - parse_schedule ensures it
