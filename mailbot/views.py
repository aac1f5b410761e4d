"""Template context built from configuration (kept for callers of meetings_view)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from mailbot.meetings.context import meetings_list
from mailbot.meetings.model import Meeting
from mailbot.store.db import aware


def meetings_view(meetings: Sequence[Meeting], tz: ZoneInfo, lang: str, now: datetime) -> list[dict[str, str]]:
    """The meetings still ahead, in date order."""
    return meetings_list(meetings, aware(now), tz, lang)
