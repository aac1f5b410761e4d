"""Small validators for configuration values; each raises ConfigError naming the dotted key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from mailbot.core.errors import ConfigError
from mailbot.meetings.localtime import local_to_utc

# A time of day is required: a bare date would silently mean midnight.
_DATE_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([.,]\d+)?(Z|[+-]\d{2}:?\d{2})?")
_WINDOW = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")


def require_mapping(raw: object, key: str, allowed: frozenset[str]) -> Mapping[str, object]:
    """``raw`` as a mapping with text keys, refusing keys outside ``allowed`` (typos must not pass)."""
    if not isinstance(raw, Mapping):
        raise ConfigError(key, f"must be a mapping with keys {', '.join(sorted(allowed))}")
    for name in raw:
        if not isinstance(name, str) or name not in allowed:
            raise ConfigError(f"{key}.{name}", f"unknown key (expected one of {', '.join(sorted(allowed))})")
    return raw


def require_text(raw: object, key: str, *, required: bool = True) -> str:
    """Stripped text; ``None`` is the empty string when the value is optional."""
    if raw is None and not required:
        return ""
    if not isinstance(raw, str):
        raise ConfigError(key, "must be text")
    text = raw.strip()
    if required and not text:
        raise ConfigError(key, "must not be empty")
    return text


def parse_local_datetime(raw: object, tz: ZoneInfo, key: str) -> datetime:
    """A configured date and time -> aware UTC.

    Accepts ``"2017-10-12 13:00"``, ISO 8601 with ``T`` and seconds, and the
    datetime objects YAML makes of full timestamps. Without an offset the value
    is local time in ``tz``, resolved with fold=0 (see ``localtime``); with an
    offset it is taken as written.
    """
    if isinstance(raw, datetime):
        value = raw
    elif isinstance(raw, date):
        raise ConfigError(key, "needs a time as well as a date, like 2017-10-12 13:00")
    elif isinstance(raw, str) and _DATE_AND_TIME.fullmatch(raw.strip()):
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError as error:
            raise ConfigError(key, f"{raw!r} is not a valid date and time ({error})") from None
    else:
        raise ConfigError(key, f"{raw!r} is not a date and time like 2017-10-12 13:00")
    if value.tzinfo is None:
        return local_to_utc(value, tz)
    return value.astimezone(UTC)


def parse_window(raw: object, key: str) -> tuple[time, time]:
    """``"08:00-20:00"`` -> (08:00, 20:00); the start must come before the end on the same day."""
    match = _WINDOW.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise ConfigError(key, f"{raw!r} is not a window like 08:00-20:00")
    try:
        start = time(int(match[1]), int(match[2]))
        end = time(int(match[3]), int(match[4]))
    except ValueError:
        raise ConfigError(key, f"{raw!r} has a time that does not exist") from None
    if not start < end:
        raise ConfigError(key, "the start must be before the end (a window cannot span midnight)")
    return start, end
