"""Converting between UTC instants and local wall-clock time, with one rule for DST edge cases.

A wall-clock time that happens twice (the autumn-back hour) or never (the
spring-forward gap) is resolved with ``fold=0`` (PEP 495), so the answer is
deterministic and the same everywhere in mailbot:

- ambiguous (2017-10-29 02:30 Europe/Amsterdam): the *first* occurrence, still
  summer time (02:30+02:00 = 00:30 UTC);
- nonexistent (2018-03-25 02:30 Europe/Amsterdam): read with the offset in force
  *before* the gap (02:30+01:00 = 01:30 UTC), which is 03:30 summer time: the
  time moves forward by the length of the gap, never backward.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def local_to_utc(wall: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall-clock time in ``tz`` -> an aware UTC instant (fold=0, see module docstring)."""
    if wall.tzinfo is not None:
        raise ValueError("local_to_utc wants a naive wall-clock time")
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def utc_to_local(instant: datetime, tz: ZoneInfo) -> datetime:
    """An aware instant -> the naive wall-clock time it shows in ``tz``."""
    if instant.tzinfo is None:
        raise ValueError("utc_to_local wants an aware datetime")
    return instant.astimezone(tz).replace(tzinfo=None)
