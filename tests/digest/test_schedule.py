"""``digest.schedule``: cron-like days and a time in the programme's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.digest.schedule import DigestSchedule, check_digest_schedule, latest_slot, parse_schedule, schedule_trigger
from mailbot.errors import ConfigError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(("text", "expected"), [
    ("mon 08:00", DigestSchedule("mon", 8, 0)),
    ("daily 08:00", DigestSchedule("*", 8, 0)),
    ("mon,thu 09:30", DigestSchedule("mon,thu", 9, 30)),
    ("Mon-Fri 7:45", DigestSchedule("mon-fri", 7, 45)),
    ("ma,do 09:30", DigestSchedule("mon,thu", 9, 30)),
])
def test_schedules_we_read(text: str, expected: DigestSchedule) -> None:
    assert parse_schedule(text) == expected


@pytest.mark.parametrize("text", ["monday", "mon 8", "mon 25:00", "mon 08:61", "funday 08:00", "mon,,thu 08:00",
                                  "08:00", ""])
def test_bad_schedules_name_the_key(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_digest_schedule(text)
    assert caught.value.key == "digest.schedule"


def test_the_trigger_fires_in_local_time_across_summer_time() -> None:
    trigger = schedule_trigger("mon 08:00", AMSTERDAM)
    summer = trigger.get_next_fire_time(None, datetime(2024, 10, 22, tzinfo=UTC))
    winter = trigger.get_next_fire_time(None, datetime(2024, 10, 29, tzinfo=UTC))
    assert summer.astimezone(UTC) == datetime(2024, 10, 28, 7, 0, tzinfo=UTC)  # CET again after 27 October
    assert winter.astimezone(UTC) == datetime(2024, 11, 4, 7, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, datetime(2024, 7, 2, tzinfo=UTC)).astimezone(UTC) \
        == datetime(2024, 7, 8, 6, 0, tzinfo=UTC)


def test_latest_slot_is_the_last_moment_the_schedule_passed() -> None:
    trigger = schedule_trigger("mon,thu 09:30", AMSTERDAM)
    slot = latest_slot(trigger, datetime(2024, 5, 15, 12, 0, tzinfo=UTC))  # a Wednesday
    assert slot is not None and slot.astimezone(UTC) == datetime(2024, 5, 13, 7, 30, tzinfo=UTC)
    exactly = latest_slot(trigger, datetime(2024, 5, 16, 7, 30, tzinfo=UTC))
    assert exactly is not None and exactly.astimezone(UTC) == datetime(2024, 5, 16, 7, 30, tzinfo=UTC)
