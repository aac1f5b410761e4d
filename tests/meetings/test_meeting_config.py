"""Loading meetings, the reminder policy and the time zone from parsed YAML; errors name the key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from mailbot.core.errors import ConfigError
from mailbot.meetings.durations import duration_key
from mailbot.meetings.model import (
    DEFAULT_REMINDER_POLICY,
    Meeting,
    changed_fields,
    load_meetings,
    load_reminder_policy,
    load_timezone,
    parse_duration,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MakeMeeting = Callable[..., Meeting]

CONFIG = """
meetings:
  - id: m1
    title: "Bijeenkomst 1: Cluster governance"
    start: 2017-10-12 13:00
    end: 2017-10-12 17:00
    location: "Energy Valley"
    address: "Stationsplein 1, 9726 AE Groningen"
    programme: |
      13:00 Ontvangst
      13:30 Inleiding
  - id: m2
    title: "Bijeenkomst 2"
    start: 2017-11-09T13:00
    end: 2017-11-09 17:00:00
    location: "Zernike"
reminders:
  before: [7d, 1d]
  send_window: "08:00-20:00"
  stale_after: 12h
"""


def meeting_item(**overrides: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": "m1",
        "title": "Bijeenkomst 1",
        "start": "2017-10-12 13:00",
        "end": "2017-10-12 17:00",
        "location": "Energy Valley",
    }
    item.update(overrides)
    return {key: value for key, value in item.items() if value is not None}


def config_error(raw: object) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_meetings(raw, AMSTERDAM)
    return caught.value


def test_the_example_configuration_loads() -> None:
    config = yaml.safe_load(CONFIG)
    m1, m2 = load_meetings(config["meetings"], AMSTERDAM)
    assert m1.id == "m1"
    assert m1.start == datetime(2017, 10, 12, 11, 0, tzinfo=UTC)  # 13:00 summer time
    assert m1.end == datetime(2017, 10, 12, 15, 0, tzinfo=UTC)
    assert m1.programme == "13:00 Ontvangst\n13:30 Inleiding"
    assert m1.address == "Stationsplein 1, 9726 AE Groningen"
    assert m2.start == datetime(2017, 11, 9, 12, 0, tzinfo=UTC)  # 13:00 winter time
    assert m2.end == datetime(2017, 11, 9, 16, 0, tzinfo=UTC)  # YAML made a datetime of this one
    assert (m2.address, m2.programme) == ("", "")
    policy = load_reminder_policy(config["reminders"])
    assert policy == DEFAULT_REMINDER_POLICY


def test_a_timestamp_with_an_offset_is_taken_as_written() -> None:
    (meeting,) = load_meetings(
        [meeting_item(start="2017-10-12T13:00:00+01:00", end="2017-10-12T17:00:00Z")], AMSTERDAM
    )
    assert meeting.start == datetime(2017, 10, 12, 12, 0, tzinfo=UTC)
    assert meeting.end == datetime(2017, 10, 12, 17, 0, tzinfo=UTC)
    from_yaml = yaml.safe_load(
        "- {id: m1, title: T, location: L, start: 2017-10-12 13:00:00+01:00, end: 2017-10-12 17:00}"
    )
    assert load_meetings(from_yaml, AMSTERDAM)[0].start == datetime(2017, 10, 12, 12, 0, tzinfo=UTC)


def test_a_start_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 2018-03-25; fold=0 reads it as 02:30+01:00, which is 03:30 summer time.
    (meeting,) = load_meetings([meeting_item(start="2018-03-25 02:30", end="2018-03-25 05:00")], AMSTERDAM)
    assert meeting.start == datetime(2018, 3, 25, 1, 30, tzinfo=UTC)
    assert meeting.start.astimezone(AMSTERDAM).strftime("%H:%M %Z") == "03:30 CEST"


def test_an_ambiguous_start_means_the_first_occurrence() -> None:
    # 02:30 happens twice on 2017-10-29; fold=0 picks the first, still in summer time.
    (meeting,) = load_meetings([meeting_item(start="2017-10-29 02:30", end="2017-10-29 05:00")], AMSTERDAM)
    assert meeting.start == datetime(2017, 10, 29, 0, 30, tzinfo=UTC)


def test_no_meetings_section_means_no_meetings() -> None:
    assert load_meetings(None, AMSTERDAM) == ()


@pytest.mark.parametrize(
    ("raw", "key", "words"),
    [
        ("m1", "meetings", "list"),
        ({"id": "m1"}, "meetings", "list"),
        (["m1"], "meetings[0]", "mapping"),
        ([meeting_item(end="2017-10-12 13:00")], "meetings[0].end", "after start"),
        ([meeting_item(), meeting_item(id="m2", end="2017-10-12 12:00")], "meetings[1].end", "after start"),
        ([meeting_item(), meeting_item()], "meetings[1].id", "duplicate"),
        ([meeting_item(id="m 1")], "meetings[0].id", "letters"),
        ([meeting_item(id=1)], "meetings[0].id", "letters"),
        ([meeting_item(title=None)], "meetings[0].title", "required"),
        ([meeting_item(title="   ")], "meetings[0].title", "empty"),
        ([meeting_item(location="")], "meetings[0].location", "empty"),
        ([meeting_item(location=42)], "meetings[0].location", "text"),
        ([meeting_item(address=["a"])], "meetings[0].address", "text"),
        ([meeting_item(lokatie="x")], "meetings[0].lokatie", "unknown key"),
        ([meeting_item(start="morgen")], "meetings[0].start", "date and time"),
        ([meeting_item(start="2017-10-12")], "meetings[0].start", "date and time"),
        ([meeting_item(start="2017-13-12 13:00")], "meetings[0].start", "not a valid"),
        ([meeting_item(start=datetime(2017, 10, 12).date())], "meetings[0].start", "needs a time"),
        ([meeting_item(end=17)], "meetings[0].end", "date and time"),
    ],
)
def test_meeting_errors_name_the_key(raw: object, key: str, words: str) -> None:
    error = config_error(raw)
    assert error.key == key
    assert words in error.problem
    assert str(error).startswith(f"{key}: ")


def test_a_yaml_date_without_time_is_refused() -> None:
    raw = yaml.safe_load("- {id: m1, title: T, start: 2017-10-12, end: 2017-10-13, location: L}")
    assert config_error(raw).key == "meetings[0].start"


def test_the_key_prefix_is_the_callers() -> None:
    with pytest.raises(ConfigError) as caught:
        load_meetings([meeting_item(end="2017-10-12 12:00")], AMSTERDAM, key="circle.meetings")
    assert caught.value.key == "circle.meetings[0].end"


def test_the_reminder_policy_defaults() -> None:
    assert load_reminder_policy(None) == DEFAULT_REMINDER_POLICY
    assert DEFAULT_REMINDER_POLICY.before == (timedelta(days=7), timedelta(days=1))
    assert DEFAULT_REMINDER_POLICY.offset_keys() == ("7d", "1d")
    assert (DEFAULT_REMINDER_POLICY.window_start, DEFAULT_REMINDER_POLICY.window_end) == (time(8), time(20))
    assert DEFAULT_REMINDER_POLICY.stale_after == timedelta(hours=12)


def test_a_partial_reminder_section_keeps_the_other_defaults() -> None:
    policy = load_reminder_policy({"before": ["1d12h", "90m", "14d"]})
    assert policy.before == (timedelta(days=14), timedelta(hours=36), timedelta(minutes=90))
    assert policy.offset_keys() == ("14d", "36h", "90m")
    assert policy.stale_after == timedelta(hours=12)
    assert load_reminder_policy({"before": []}).before == ()
    window = load_reminder_policy({"send_window": "9:30 - 17:00"})
    assert (window.window_start, window.window_end) == (time(9, 30), time(17))


@pytest.mark.parametrize(
    ("raw", "key", "words"),
    [
        ("7d", "reminders", "mapping"),
        ({"befor": ["7d"]}, "reminders.befor", "unknown key"),
        ({"before": "7d"}, "reminders.before", "list"),
        ({"before": ["7d", "7x"]}, "reminders.before[1]", "not a duration"),
        ({"before": ["0d"]}, "reminders.before[0]", "longer than zero"),
        ({"before": [7]}, "reminders.before[0]", "not a duration"),
        ({"before": ["1d", "24h"]}, "reminders.before[1]", "duplicate"),
        ({"send_window": "20:00-08:00"}, "reminders.send_window", "before the end"),
        ({"send_window": "08:00-08:00"}, "reminders.send_window", "before the end"),
        ({"send_window": "8-20"}, "reminders.send_window", "window like"),
        ({"send_window": "08:00-24:00"}, "reminders.send_window", "does not exist"),
        ({"send_window": None}, "reminders.send_window", "window like"),
        ({"stale_after": 12}, "reminders.stale_after", "not a duration"),
        ({"stale_after": "0m"}, "reminders.stale_after", "longer than zero"),
    ],
)
def test_reminder_errors_name_the_key(raw: object, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_reminder_policy(raw)
    assert caught.value.key == key
    assert words in caught.value.problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("36h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
        ("1d12h", timedelta(days=1, hours=12)),
        (" 1d 12h 30m ", timedelta(days=1, hours=12, minutes=30)),
        ("2H", timedelta(hours=2)),
        ("0m", timedelta(0)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "12", "h", "1h1d", "1w", "-1d", "1.5h", "1d1d"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("duration", "key"),
    [
        (timedelta(days=7), "7d"),
        (timedelta(hours=24), "1d"),
        (timedelta(hours=36), "36h"),
        (timedelta(days=1, hours=12), "36h"),
        (timedelta(minutes=90), "90m"),
        (timedelta(days=1, minutes=30), "1470m"),
    ],
)
def test_duration_key_is_canonical(duration: timedelta, key: str) -> None:
    assert duration_key(duration) == key
    assert parse_duration(key) == duration


def test_load_timezone() -> None:
    assert load_timezone("Europe/Amsterdam") == ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", None, 1, "../../etc/passwd", "Europe"])
def test_an_unknown_timezone_is_a_config_error(name: object) -> None:
    with pytest.raises(ConfigError) as caught:
        load_timezone(name, key="circle.timezone")
    assert caught.value.key == "circle.timezone"


def test_the_fingerprint_changes_with_every_visible_field(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    same = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    assert meeting.fingerprint() == same.fingerprint()
    variants = [
        make_meeting("2017-10-12 13:00", "2017-10-12 17:00", title="Anders"),
        make_meeting("2017-10-12 13:30", "2017-10-12 17:00"),
        make_meeting("2017-10-12 13:00", "2017-10-12 17:30"),
        make_meeting("2017-10-12 13:00", "2017-10-12 17:00", location="Zernike"),
        make_meeting("2017-10-12 13:00", "2017-10-12 17:00", address="Elders 2"),
        make_meeting("2017-10-12 13:00", "2017-10-12 17:00", programme="Nieuw programma"),
    ]
    fingerprints = {variant.fingerprint() for variant in variants}
    assert meeting.fingerprint() not in fingerprints
    assert len(fingerprints) == len(variants)


def test_changed_fields(make_meeting: MakeMeeting) -> None:
    old = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    assert changed_fields(old, old) == ()
    new = make_meeting("2017-10-12 14:00", "2017-10-12 17:00", location="Zernike", programme="Anders")
    assert changed_fields(old, new) == ("when", "location", "programme")


def test_a_meeting_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        Meeting("m1", "T", datetime(2017, 10, 12, 13), datetime(2017, 10, 12, 17), "L")
