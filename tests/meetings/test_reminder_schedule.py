"""When reminders fall due and which go out: offsets, the send window, staleness, registration, DST."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.meetings.localtime import local_to_utc, utc_to_local
from mailbot.meetings.model import DEFAULT_REMINDER_POLICY, Meeting, ReminderPolicy
from mailbot.meetings.schedule import (
    DueReminder,
    next_meeting,
    next_reminder_due,
    reminder_due,
    reminders_to_send,
    upcoming,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
POLICY = DEFAULT_REMINDER_POLICY  # 7d and 1d, 08:00-20:00, stale after 12h
MakeMeeting = Callable[..., Meeting]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(text: str) -> datetime:
    return local_to_utc(datetime.fromisoformat(text), AMSTERDAM)


def policy(window: str = "08:00-20:00", *offsets: timedelta) -> ReminderPolicy:
    start, end = (time.fromisoformat(part) for part in window.split("-"))
    return ReminderPolicy(offsets or POLICY.before, start, end, POLICY.stale_after)


# --- due times for every offset -------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "due_local"),
    [
        (timedelta(days=7), "2017-10-05 13:00"),
        (timedelta(days=1), "2017-10-11 13:00"),
        (timedelta(hours=36), "2017-10-11 08:00"),  # 01:00 is before the window: moved to 08:00
        (timedelta(days=1, hours=12), "2017-10-11 08:00"),  # the same timedelta as 36h
        (timedelta(hours=5), "2017-10-12 08:00"),  # exactly the window start
        (timedelta(hours=17), "2017-10-11 20:00"),  # exactly the window end
        (timedelta(minutes=90), "2017-10-12 11:30"),
        (timedelta(days=14), "2017-09-28 13:00"),
    ],
)
def test_due_time_for_each_offset(make_meeting: MakeMeeting, offset: timedelta, due_local: str) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    assert reminder_due(meeting, offset, POLICY, AMSTERDAM) == local(due_local)


def test_the_1d_reminder_of_the_example_meeting(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    assert reminder_due(meeting, timedelta(days=1), POLICY, AMSTERDAM) == utc(2017, 10, 11, 11, 0)
    assert reminder_due(meeting, timedelta(days=7), POLICY, AMSTERDAM) == utc(2017, 10, 5, 11, 0)


# --- the send window ------------------------------------------------------------------------


def test_before_the_window_moves_to_the_window_start_that_day(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 09:00")
    assert reminder_due(meeting, timedelta(hours=2), POLICY, AMSTERDAM) == local("2017-10-12 08:00")


def test_after_the_window_moves_to_the_window_start_next_day(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 22:00")
    assert reminder_due(meeting, timedelta(days=1), POLICY, AMSTERDAM) == local("2017-10-12 08:00")


def test_the_window_edges_are_inside(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 10:00")
    assert reminder_due(meeting, timedelta(hours=2), POLICY, AMSTERDAM) == local("2017-10-12 08:00")
    assert reminder_due(meeting, timedelta(hours=14), POLICY, AMSTERDAM) == local("2017-10-11 20:00")
    # One minute past the window end: moved to the next morning, still before the 10:00 start.
    assert reminder_due(meeting, timedelta(hours=13, minutes=59), POLICY, AMSTERDAM) == local(
        "2017-10-12 08:00"
    )


def test_moving_forward_never_reaches_the_start_so_it_moves_back_to_the_last_window_end(
    make_meeting: MakeMeeting,
) -> None:
    # 06:00 is before the window, but the window opens at 08:00, after the 07:00 start.
    early = make_meeting("2017-10-12 07:00")
    assert reminder_due(early, timedelta(hours=1), POLICY, AMSTERDAM) == local("2017-10-11 20:00")
    # A start exactly at the window start: a reminder at the start itself is useless.
    at_opening = make_meeting("2017-10-12 08:00")
    assert reminder_due(at_opening, timedelta(hours=1), POLICY, AMSTERDAM) == local("2017-10-11 20:00")
    # 20:30 is after the window and the next opening is after the 21:30 start: back to 20:00.
    late = make_meeting("2017-10-12 21:30")
    assert reminder_due(late, timedelta(hours=1), POLICY, AMSTERDAM) == local("2017-10-12 20:00")


def test_the_unmoved_time_is_kept_when_even_the_window_end_does_not_help(make_meeting: MakeMeeting) -> None:
    # Window 00:00-02:30 on the spring-forward day: its end 02:30 does not exist and resolves to
    # 03:30 summer time, which is after the unmoved 03:00. No window moment works: keep 03:00.
    meeting = make_meeting("2018-03-25 03:45")
    due = reminder_due(meeting, timedelta(minutes=45), policy("00:00-02:30"), AMSTERDAM)
    assert due == utc(2018, 3, 25, 1, 0)
    assert utc_to_local(due, AMSTERDAM) == datetime(2018, 3, 25, 3, 0)


# --- DST ------------------------------------------------------------------------------------


def test_a_meeting_on_the_sunday_the_clocks_go_back(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-29 13:00")  # winter time again: 12:00 UTC
    assert meeting.start == utc(2017, 10, 29, 12, 0)
    # One calendar day earlier is Saturday 13:00 *summer* time (11:00 UTC), not 14:00 local.
    assert reminder_due(meeting, timedelta(days=1), POLICY, AMSTERDAM) == utc(2017, 10, 28, 11, 0)
    assert reminder_due(meeting, timedelta(days=7), POLICY, AMSTERDAM) == utc(2017, 10, 22, 11, 0)
    # 12h exact before is 02:00 summer time (00:00 UTC); the window opens at 08:00 winter time (07:00 UTC).
    assert reminder_due(meeting, timedelta(hours=12), POLICY, AMSTERDAM) == utc(2017, 10, 29, 7, 0)


def test_a_1d_reminder_due_on_the_sunday_the_clocks_go_back(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-30 13:00")
    assert reminder_due(meeting, timedelta(days=1), POLICY, AMSTERDAM) == utc(2017, 10, 29, 12, 0)


def test_a_meeting_in_the_repeated_hour_counts_exact_minutes(make_meeting: MakeMeeting) -> None:
    # The second 02:30 (winter time, 01:30 UTC): 90 exact minutes earlier is 00:00 UTC.
    meeting = Meeting("m1", "T", utc(2017, 10, 29, 1, 30), utc(2017, 10, 29, 3, 0), "L")
    assert reminder_due(meeting, timedelta(minutes=90), policy("00:00-23:59"), AMSTERDAM) == utc(2017, 10, 29)


def test_a_reminder_due_in_the_missing_spring_hour_becomes_a_real_instant(make_meeting: MakeMeeting) -> None:
    # 1d before Monday 02:30 is Sunday 2018-03-25 02:30, which does not exist; fold=0 makes it
    # 02:30+01:00 = 01:30 UTC = 03:30 summer time.
    meeting = make_meeting("2018-03-26 02:30")
    due = reminder_due(meeting, timedelta(days=1), policy("00:00-23:59"), AMSTERDAM)
    assert due == utc(2018, 3, 25, 1, 30)
    assert utc_to_local(due, AMSTERDAM) == datetime(2018, 3, 25, 3, 30)


def test_a_window_start_in_the_missing_spring_hour(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2018-03-25 12:00")
    due = reminder_due(meeting, timedelta(hours=11), policy("02:30-20:00"), AMSTERDAM)
    assert due == utc(2018, 3, 25, 1, 30)


def test_around_the_spring_change_nothing_is_one_hour_off(make_meeting: MakeMeeting) -> None:
    on_the_sunday = make_meeting("2018-03-25 13:00")  # summer time: 11:00 UTC
    assert on_the_sunday.start == utc(2018, 3, 25, 11, 0)
    assert reminder_due(on_the_sunday, timedelta(days=1), POLICY, AMSTERDAM) == utc(2018, 3, 24, 12, 0)
    # 11h exact before is 01:00 winter time; the window opens at 08:00 summer time = 06:00 UTC.
    assert reminder_due(on_the_sunday, timedelta(hours=11), POLICY, AMSTERDAM) == utc(2018, 3, 25, 6, 0)
    week_after = make_meeting("2018-03-29 13:00")
    assert reminder_due(week_after, timedelta(days=7), POLICY, AMSTERDAM) == utc(2018, 3, 22, 12, 0)


@settings(max_examples=300, deadline=None, database=None)
@given(
    start=st.datetimes(min_value=datetime(2017, 1, 1), max_value=datetime(2019, 12, 31)),
    offset_minutes=st.integers(min_value=1, max_value=14 * 24 * 60),
)
def test_due_is_before_the_start_and_inside_the_window(start: datetime, offset_minutes: int) -> None:
    start_utc = local_to_utc(start.replace(second=0, microsecond=0), AMSTERDAM)
    meeting = Meeting("m1", "T", start_utc, start_utc + timedelta(hours=2), "L")
    due = reminder_due(meeting, timedelta(minutes=offset_minutes), POLICY, AMSTERDAM)
    assert due < meeting.start
    assert time(8) <= utc_to_local(due, AMSTERDAM).time() <= time(20)
    assert due.tzinfo is UTC


# --- which reminders to send ----------------------------------------------------------------


def test_after_a_week_of_downtime_the_7d_reminder_is_stale_but_the_1d_one_goes(
    make_meeting: MakeMeeting,
) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    now = utc(2017, 10, 11, 12, 0)  # back up an hour after the 1d reminder fell due
    registered = utc(2017, 9, 1)
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, now, registered) == [
        DueReminder("m1", "1d", utc(2017, 10, 11, 11, 0))
    ]


def test_staleness_boundary(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    due = utc(2017, 10, 5, 11, 0)
    registered = utc(2017, 9, 1)
    all_day = replace(POLICY, window_start=time(0, 0), window_end=time(23, 59))  # 12 h late is 01:00 at night
    assert reminders_to_send([meeting], all_day, AMSTERDAM, due - timedelta(seconds=1), registered) == []
    assert reminders_to_send([meeting], all_day, AMSTERDAM, due, registered) == [DueReminder("m1", "7d", due)]
    at_limit = due + timedelta(hours=12)
    assert [r.offset_key for r in reminders_to_send([meeting], all_day, AMSTERDAM, at_limit, registered)] == [
        "7d"
    ]
    too_late = at_limit + timedelta(minutes=1)
    assert reminders_to_send([meeting], all_day, AMSTERDAM, too_late, registered) == []


def test_a_late_reminder_waits_for_the_send_window(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    due = utc(2017, 10, 5, 11, 0)  # 13:00 local
    registered = utc(2017, 9, 1)
    night = utc(2017, 10, 5, 22, 45)  # 00:45 local: due, not stale, but outside 08:00-20:00
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, night, registered) == []
    window_end = utc(2017, 10, 5, 18, 0)  # 20:00 local: the last minute of the window still counts
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, window_end, registered) == [DueReminder("m1", "7d", due)]
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, window_end + timedelta(minutes=1), registered) == []


def test_a_late_registrant_gets_only_the_reminders_still_ahead(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    registered = utc(2017, 10, 5, 11, 30)  # half an hour after the 7d reminder fell due
    just_after = utc(2017, 10, 5, 12, 0)
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, just_after, registered) == []
    day_before = utc(2017, 10, 11, 11, 5)
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, day_before, registered) == [
        DueReminder("m1", "1d", utc(2017, 10, 11, 11, 0))
    ]
    # Registering at the very moment it falls due is not "before" it: no reminder.
    due = utc(2017, 10, 5, 11, 0)
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, due, due) == []
    assert reminders_to_send([meeting], POLICY, AMSTERDAM, due, None) == [DueReminder("m1", "7d", due)]


def test_no_reminders_once_the_meeting_has_started(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    hourly = policy("08:00-20:00", timedelta(hours=1))
    assert reminders_to_send([meeting], hourly, AMSTERDAM, utc(2017, 10, 12, 10, 30), None) != []
    assert reminders_to_send([meeting], hourly, AMSTERDAM, meeting.start, None) == []
    assert reminders_to_send([meeting], hourly, AMSTERDAM, utc(2017, 10, 12, 11, 30), None) == []


def test_several_meetings_come_back_oldest_due_first(make_meeting: MakeMeeting) -> None:
    first = make_meeting("2017-10-12 13:00", meeting_id="m1")  # 1d due 2017-10-11 11:00 UTC
    second = make_meeting("2017-10-18 12:00", meeting_id="m2")  # 7d due 2017-10-11 10:00 UTC
    now = utc(2017, 10, 11, 12, 0)
    assert reminders_to_send([first, second], POLICY, AMSTERDAM, now, None) == [
        DueReminder("m2", "7d", utc(2017, 10, 11, 10, 0)),
        DueReminder("m1", "1d", utc(2017, 10, 11, 11, 0)),
    ]


def test_naive_datetimes_are_refused(make_meeting: MakeMeeting) -> None:
    meeting = make_meeting("2017-10-12 13:00")
    with pytest.raises(ValueError, match="now"):
        reminders_to_send([meeting], POLICY, AMSTERDAM, datetime(2017, 10, 11, 12), None)
    with pytest.raises(ValueError, match="registered_at"):
        reminders_to_send([meeting], POLICY, AMSTERDAM, utc(2017, 10, 11, 12), datetime(2017, 9, 1))


def test_next_reminder_due(make_meeting: MakeMeeting) -> None:
    meetings = [make_meeting("2017-10-19 13:00", meeting_id="m2"), make_meeting("2017-10-12 13:00")]
    assert next_reminder_due(meetings, POLICY, AMSTERDAM, utc(2017, 10, 1)) == utc(2017, 10, 5, 11, 0)
    assert next_reminder_due(meetings, POLICY, AMSTERDAM, utc(2017, 10, 5, 11, 0)) == utc(2017, 10, 11, 11, 0)
    assert next_reminder_due(meetings, POLICY, AMSTERDAM, utc(2017, 10, 19)) is None


def test_upcoming_and_next_meeting(make_meeting: MakeMeeting) -> None:
    m1 = make_meeting("2017-10-12 13:00", meeting_id="m1")
    m2 = make_meeting("2017-11-09 13:00", meeting_id="m2")
    m3 = make_meeting("2017-12-07 13:00", meeting_id="m3")
    meetings = [m3, m1, m2]
    assert upcoming(meetings, utc(2017, 10, 1)) == (m1, m2, m3)
    assert upcoming(meetings, m1.start) == (m2, m3)  # started is no longer upcoming
    assert next_meeting(meetings, utc(2017, 10, 13)) == m2
    assert next_meeting(meetings, utc(2018, 1, 1)) is None
