"""Her words about a meeting, as a meeting: dates, times and places in the ways people write them. Pure."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.meetings.model import Meeting
from mailbot.organiser.meeting_words import Unreadable, added, moved

TZ = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
M2 = Meeting("m2", "Bijeenkomst 2", datetime(2027, 3, 11, 12, 0, tzinfo=UTC), datetime(2027, 3, 11, 16, 0, tzinfo=UTC),
             "Food Valley", "Nieuwe Kanaal 7")


def local(moment: datetime) -> str:
    return moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(("words", "start", "end"), [
    ("18-3-2027 14:00-17:30", "2027-03-18 14:00", "2027-03-18 17:30"),
    ("18/3 14.00", "2027-03-18 14:00", "2027-03-18 18:00"),  # the end keeps the length
    ("2027-03-18", "2027-03-18 13:00", "2027-03-18 17:00"),  # another day, the same hours
    ("18 maart van 10:00 tot 12:00", "2027-03-18 10:00", "2027-03-18 12:00"),
    ("donderdag 18 maart 2027 14u", "2027-03-18 14:00", "2027-03-18 18:00"),
    ("15:00", "2027-03-11 15:00", "2027-03-11 19:00"),
    ("een week later", "2027-03-18 13:00", "2027-03-18 17:00"),
    ("3 dagen eerder 10:00-12:00", "2027-03-08 10:00", "2027-03-08 12:00"),
])
def test_a_move_reads_date_and_time(words: str, start: str, end: str) -> None:
    found = moved(M2, words, TZ, NOW)
    assert isinstance(found, Meeting) and (local(found.start), local(found.end)) == (start, end)
    assert found.location == "Food Valley"


def test_a_move_to_another_place() -> None:
    found = moved(M2, "18-3-2027 in Provinciehuis, Pythagoraslaan 101 Utrecht", TZ, NOW)
    assert isinstance(found, Meeting) and (found.location, found.address) == ("Provinciehuis",
                                                                              "Pythagoraslaan 101 Utrecht")


@pytest.mark.parametrize(("words", "why"), [
    ("ergens in het voorjaar", "nothing"), ("1-1-2027", "past"), ("18-3-2027 17:00-13:00", "order")])
def test_a_move_we_cannot_read_is_never_guessed(words: str, why: str) -> None:
    assert moved(M2, words, TZ, NOW) == Unreadable(why)


def test_a_new_meeting() -> None:
    found = added("m3", "12-5-2027 13:00-17:00 Financiering in Wageningen, Nieuwe Kanaal 7", TZ, NOW, 3)
    assert isinstance(found, Meeting)
    assert (found.title, found.location, found.address) == ("Financiering", "Wageningen", "Nieuwe Kanaal 7")
    assert added("m3", "12-5-2027 13:00 Financiering", TZ, NOW, 3) == Unreadable("place")
    assert added("m3", "volgende maand in Utrecht", TZ, NOW, 3) == Unreadable("date")
