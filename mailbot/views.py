"""Template context built from configuration: plain dicts the templates can show as they are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mailbot.meetings.dates import format_meeting_when
from mailbot.meetings.model import Meeting


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def meeting_view(meeting: Meeting, tz: ZoneInfo, lang: str) -> dict[str, str]:
    return {"id": meeting.id, "title": meeting.title, "when": format_meeting_when(meeting, tz, lang),
            "location": meeting.location, "address": meeting.address, "programme": meeting.programme or ""}


def meetings_view(meetings: Sequence[Meeting], tz: ZoneInfo, lang: str, now: datetime) -> list[dict[str, str]]:
    """The meetings still ahead, in date order."""
    ahead = sorted((m for m in meetings if m.start > aware(now)), key=lambda m: m.start)
    return [meeting_view(m, tz, lang) for m in ahead]
