"""Template context for meeting mails, so every mail describes a meeting the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from mailbot.meetings.changes import field_changes
from mailbot.meetings.dates import format_meeting_when, offset_label
from mailbot.meetings.model import Meeting, changed_fields
from mailbot.meetings.schedule import upcoming


def meeting_view(meeting: Meeting, tz: ZoneInfo, lang: str) -> dict[str, str]:
    """``{id, title, when, location, address, programme}``: the ``meeting`` variable, ``when`` included,
    in the words of ``lang`` when the configuration gives them per language."""
    meeting = meeting.in_language(lang)
    return {
        "id": meeting.id,
        "title": meeting.title,
        "when": format_meeting_when(meeting, tz, lang),
        "location": meeting.location,
        "address": meeting.address,
        "programme": meeting.programme,
    }


def meetings_list(
    meetings: Iterable[Meeting], now: datetime, tz: ZoneInfo, lang: str
) -> list[dict[str, str]]:
    """The ``meetings`` variable of ``_meetings_list``: meetings not yet started, soonest first."""
    return [meeting_view(meeting, tz, lang) for meeting in upcoming(meetings, now)]


def reminder_context(meeting: Meeting, now: datetime, tz: ZoneInfo, lang: str) -> dict[str, object]:
    """The meeting part of the ``reminder`` context; add participant_name, programme_name, organiser_name."""
    return {
        "meeting": meeting_view(meeting, tz, lang),
        "when": format_meeting_when(meeting, tz, lang),
        "offset_label": offset_label(meeting, now, tz, lang),
    }


def update_context(old: Meeting, new: Meeting, tz: ZoneInfo, lang: str, *, restored: bool = False,
                   ask_again: bool = False) -> dict[str, object]:
    """The meeting part of the ``meeting_update`` context: the new details and exactly what changed.

    ``lines`` are ``{name, new, old}`` (``field_changes``); ``restored``: the meeting was cancelled and goes
    ahead after all; ``ask_again``: this participant declined the old date, so the mail asks about the new one.
    """
    return {
        "meeting": meeting_view(new, tz, lang),
        "when": format_meeting_when(new, tz, lang),
        "changed": list(changed_fields(old, new)),
        "lines": [vars(line) for line in field_changes(old, new, tz, lang)],
        "previous_when": format_meeting_when(old, tz, lang),
        "restored": restored,
        "ask_again": ask_again,
    }


def cancel_context(meeting: Meeting, tz: ZoneInfo, lang: str) -> dict[str, object]:
    """The meeting part of the ``meeting_cancel`` context; ``reason`` may be added by the caller."""
    return {"meeting": meeting_view(meeting, tz, lang), "when": format_meeting_when(meeting, tz, lang)}
