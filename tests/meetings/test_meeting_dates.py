"""Meeting dates in Dutch and English words, independent of the system locale."""

from __future__ import annotations

import locale
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.meetings.dates import format_date, format_meeting_when, offset_label
from mailbot.meetings.model import Meeting

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MakeMeeting = Callable[..., Meeting]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "donderdag 12 oktober 2017, 13:00-17:00"),
        ("en", "Thursday 12 October 2017, 13:00-17:00"),
        ("nl-NL", "donderdag 12 oktober 2017, 13:00-17:00"),
        ("EN_gb", "Thursday 12 October 2017, 13:00-17:00"),
        ("de", "Thursday 12 October 2017, 13:00-17:00"),  # anything not Dutch falls back to English
    ],
)
def test_format_meeting_when(make_meeting: MakeMeeting, lang: str, expected: str) -> None:
    meeting = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    assert format_meeting_when(meeting, AMSTERDAM, lang) == expected


def test_the_system_locale_does_not_matter(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    previous = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("C", "C.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            assert format_meeting_when(meeting, AMSTERDAM, "nl") == "donderdag 12 oktober 2017, 13:00-17:00"
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_local_time_on_both_sides_of_a_dst_change(make_meeting: MakeMeeting) -> None:
    autumn = make_meeting("2017-10-29 13:00", "2017-10-29 17:00")
    assert format_meeting_when(autumn, AMSTERDAM, "nl") == "zondag 29 oktober 2017, 13:00-17:00"
    spring = make_meeting("2018-03-25 13:00", "2018-03-25 17:00")
    assert format_meeting_when(spring, AMSTERDAM, "en") == "Sunday 25 March 2018, 13:00-17:00"


def test_a_meeting_over_several_days(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00", "2017-10-13 17:00")
    assert format_meeting_when(meeting, AMSTERDAM, "nl") == (
        "donderdag 12 oktober 2017 13:00 - vrijdag 13 oktober 2017 17:00"
    )
    assert format_meeting_when(meeting, AMSTERDAM, "en") == (
        "Thursday 12 October 2017 13:00 - Friday 13 October 2017 17:00"
    )


def test_an_evening_that_ends_at_midnight_is_one_day(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-12-31 20:00", "2018-01-01 00:00")
    assert format_meeting_when(meeting, AMSTERDAM, "nl") == "zondag 31 december 2017, 20:00-24:00"


def test_every_month_and_weekday_has_a_name() -> None:
    assert format_date(date(2018, 1, 1), "nl") == "maandag 1 januari 2018"
    assert format_date(date(2018, 3, 3), "en") == "Saturday 3 March 2018"
    for month in range(1, 13):
        assert format_date(date(2018, month, 1), "nl").split()[2].islower()
        assert format_date(date(2018, month, 1), "en").split()[2].istitle()


@pytest.mark.parametrize(
    ("now", "nl", "en"),
    [
        (datetime(2017, 10, 12, 6, 0, tzinfo=UTC), "vandaag", "today"),
        (datetime(2017, 10, 11, 22, 0, tzinfo=UTC), "vandaag", "today"),  # 00:00 local: counted locally
        (datetime(2017, 10, 11, 21, 59, tzinfo=UTC), "morgen", "tomorrow"),  # 23:59 local, the day before
        (datetime(2017, 10, 11, 11, 0, tzinfo=UTC), "morgen", "tomorrow"),
        (datetime(2017, 10, 10, 11, 0, tzinfo=UTC), "overmorgen", "the day after tomorrow"),
        (datetime(2017, 10, 8, 11, 0, tzinfo=UTC), "over 4 dagen", "in 4 days"),
        (datetime(2017, 10, 5, 11, 0, tzinfo=UTC), "volgende week", "next week"),
        (datetime(2017, 10, 2, 11, 0, tzinfo=UTC), "over 10 dagen", "in 10 days"),
    ],
)
def test_offset_label(make_meeting: MakeMeeting, now: datetime, nl: str, en: str) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    assert offset_label(meeting, now, AMSTERDAM, "nl") == nl
    assert offset_label(meeting, now, AMSTERDAM, "en") == en
