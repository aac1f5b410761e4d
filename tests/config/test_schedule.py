"""``digest.schedule``: cron-like days and a time in the programme's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.config.schedule import DigestSchedule, latest_slot, parse_schedule
from mailbot.core.errors import ConfigError

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
        parse_schedule(text)
    assert caught.value.key == "digest.schedule"


def test_slots_are_local_time_across_summer_time() -> None:
    schedule = parse_schedule("mon 08:00")
    # summer time (UTC+2) until 27 October 2024, winter time (UTC+1) after
    assert latest_slot(schedule, AMSTERDAM, datetime(2024, 10, 22, tzinfo=UTC)) \
        == datetime(2024, 10, 21, 6, 0, tzinfo=UTC)
    assert latest_slot(schedule, AMSTERDAM, datetime(2024, 10, 29, tzinfo=UTC)) \
        == datetime(2024, 10, 28, 7, 0, tzinfo=UTC)


def test_latest_slot_is_the_last_moment_the_schedule_passed() -> None:
    schedule = parse_schedule("mon,thu 09:30")
    assert latest_slot(schedule, AMSTERDAM, datetime(2024, 5, 15, 12, 0, tzinfo=UTC)) \
        == datetime(2024, 5, 13, 7, 30, tzinfo=UTC)  # asked on a Wednesday: Monday's
    assert latest_slot(schedule, AMSTERDAM, datetime(2024, 5, 16, 7, 30, tzinfo=UTC)) \
        == datetime(2024, 5, 16, 7, 30, tzinfo=UTC)  # exactly at the slot


@pytest.mark.parametrize(("days", "weekdays"), [("*", set(range(7))), ("mon-fri", {0, 1, 2, 3, 4}),
                                                ("sat-mon", {5, 6, 0}), ("mon,thu", {0, 3})])
def test_the_days_a_schedule_names(days: str, weekdays: set[int]) -> None:
    assert DigestSchedule(days, 8, 0).weekdays == weekdays


def test_the_service_trigger_agrees_with_latest_slot() -> None:
    from apscheduler.triggers.cron import CronTrigger

    schedule = parse_schedule("mon,thu 09:30")
    trigger = CronTrigger(day_of_week=schedule.day_of_week, hour=schedule.hour, minute=schedule.minute,
                          timezone=AMSTERDAM)
    fire = trigger.get_next_fire_time(None, datetime(2024, 10, 22, tzinfo=UTC))
    assert fire is not None and latest_slot(schedule, AMSTERDAM, fire) == fire.astimezone(UTC)
