"""Fixtures for the meetings tests. Test modules do not import from here (a conftest is no module
to import: another conftest.py elsewhere in tests/ could shadow it), they ask for fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mailbot.meetings.localtime import local_to_utc
from mailbot.meetings.model import Meeting

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def tz() -> ZoneInfo:
    return AMSTERDAM


@pytest.fixture
def make_meeting() -> Callable[..., Meeting]:
    """``make_meeting("2017-10-12 13:00", "2017-10-12 17:00", title=...)``, times local to Amsterdam."""

    def make(start: str, end: str | None = None, meeting_id: str = "m1", **fields: str) -> Meeting:
        start_utc = local_to_utc(datetime.fromisoformat(start), AMSTERDAM)
        end_utc = (
            local_to_utc(datetime.fromisoformat(end), AMSTERDAM) if end else start_utc + timedelta(hours=4)
        )
        values = {
            "title": "Bijeenkomst 1: Cluster governance",
            "location": "Energy Valley",
            "address": "Stationsplein 1, 9726 AE Groningen",
            "programme": "13:00 Ontvangst\n13:30 Inleiding",
        }
        values.update(fields)
        return Meeting(id=meeting_id, start=start_utc, end=end_utc, title=values["title"],
                       location=values["location"], address=values["address"], programme=values["programme"])

    return make
