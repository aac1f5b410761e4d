"""Durations written the way the configuration writes them: ``7d``, ``36h``, ``90m``, ``1d12h``."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?")


def parse_duration(text: str) -> timedelta:
    """``"1d12h"`` -> ``timedelta(days=1, hours=12)``; raises ValueError on anything else.

    Units are d, h and m, in that order, each at most once. Zero is accepted here;
    callers that need a positive duration check that themselves.
    """
    match = _DURATION.fullmatch(text.strip().lower())
    if not match or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration like 7d, 36h, 90m or 1d12h")
    days, hours, minutes = (int(part or 0) for part in match.group("d", "h", "m"))
    return timedelta(days=days, hours=hours, minutes=minutes)


def duration_key(duration: timedelta) -> str:
    """The canonical spelling of a duration, stable enough to store: the largest unit that divides it.

    ``1d12h`` and ``36h`` are the same timedelta, so both become ``"36h"``; ``7d`` stays ``"7d"``.
    """
    minutes, remainder = divmod(duration, timedelta(minutes=1))
    if remainder or minutes < 0:
        raise ValueError(f"{duration!r} is not a whole, non-negative number of minutes")
    if minutes and minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
