"""What changed between what participants were told and the configuration (``mailbot.meetings.changes``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from mailbot.meetings.changes import REMOVED, ChangeKind, Told, field_changes, review
from mailbot.meetings.model import Meeting

MakeMeeting = Callable[..., Meeting]
NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def told(*meetings: Meeting, removed: bool = False) -> dict[str, Told]:
    return {m.id: Told(m, m.fingerprint(), removed) for m in meetings}


def test_nothing_changed_nothing_to_do(make_meeting: MakeMeeting) -> None:
    m1 = make_meeting("2027-02-11 13:00")
    found = review(told(m1), [m1], NOW)
    assert found.changes == () and found.new == () and found.renames == ()


def test_a_new_meeting_is_only_remembered(make_meeting: MakeMeeting) -> None:
    m1, m2 = make_meeting("2027-02-11 13:00"), make_meeting("2027-03-11 13:00", meeting_id="m2")
    found = review(told(m1), [m1, m2], NOW)
    assert [m.id for m in found.new] == ["m2"] and found.changes == ()


def test_a_moved_meeting_is_an_update(make_meeting: MakeMeeting) -> None:
    old, new = make_meeting("2027-02-11 13:00"), make_meeting("2027-02-18 13:00")
    (change,) = review(told(old), [new], NOW).changes
    assert change.kind == ChangeKind.UPDATE and change.moved and change.target == new.fingerprint()


def test_a_disappeared_meeting_is_a_cancellation_unless_it_ended(make_meeting: MakeMeeting) -> None:
    ahead, past = make_meeting("2027-02-11 13:00"), make_meeting("2027-01-11 13:00", meeting_id="m0")
    found = review(told(ahead, past), [], NOW)
    assert [(c.kind, c.meeting_id, c.target) for c in found.changes] == [(ChangeKind.CANCEL, "m1", REMOVED)]
    assert found.forgotten == ("m0",)


def test_a_cancelled_meeting_that_comes_back_is_restored(make_meeting: MakeMeeting) -> None:
    m1 = make_meeting("2027-02-11 13:00")
    (change,) = review(told(m1, removed=True), [m1], NOW).changes
    assert change.kind == ChangeKind.RESTORE and not change.moved


def test_a_new_id_with_the_same_date_and_place_is_a_rename(make_meeting: MakeMeeting) -> None:
    old = make_meeting("2027-02-11 13:00", meeting_id="m1")
    renamed = make_meeting("2027-02-11 13:00", meeting_id="kickoff")
    found = review(told(old), [renamed], NOW)
    assert found.renames == (("m1", "kickoff"),)
    assert found.changes == () and found.new == ()


def test_a_rename_that_also_changes_the_title_is_a_rename_and_an_update(make_meeting: MakeMeeting) -> None:
    old = make_meeting("2027-02-11 13:00", meeting_id="m1")
    renamed = make_meeting("2027-02-11 13:00", meeting_id="kickoff", title="Aftrap")
    found = review(told(old), [renamed], NOW)
    assert found.renames == (("m1", "kickoff"),)
    assert [(c.kind, c.meeting_id) for c in found.changes] == [(ChangeKind.UPDATE, "kickoff")]


def test_a_new_id_at_another_place_is_a_cancellation_and_a_new_meeting(make_meeting: MakeMeeting) -> None:
    old = make_meeting("2027-02-11 13:00", meeting_id="m1")
    other = make_meeting("2027-02-11 13:00", meeting_id="m9", location="Food Valley")
    found = review(told(old), [other], NOW)
    assert found.renames == () and [m.id for m in found.new] == ["m9"]
    assert [c.kind for c in found.changes] == [ChangeKind.CANCEL]


def test_field_changes_say_exactly_what_changed(make_meeting: MakeMeeting, tz: ZoneInfo) -> None:
    old = make_meeting("2027-02-11 13:00", "2027-02-11 17:00")
    new = make_meeting("2027-02-18 14:00", "2027-02-18 17:00", location="Food Valley")
    lines = {line.name: (line.new, line.old) for line in field_changes(old, new, tz, "nl")}
    assert lines == {"date": ("donderdag 18 februari", "11 februari"), "time": ("14:00-17:00", "13:00-17:00"),
                     "location": ("Food Valley", "Energy Valley")}
    across = field_changes(make_meeting("2027-12-30 13:00"), make_meeting("2028-01-06 13:00"), tz, "en")
    assert [(c.name, c.new, c.old) for c in across] == [("date", "Thursday 6 January 2028", "30 December 2027")]


def test_an_edit_of_a_meeting_that_is_over_is_nobody_s_news(make_meeting: MakeMeeting) -> None:
    over = make_meeting("2027-01-11 13:00")
    corrected = make_meeting("2027-01-11 13:00", location="Food Valley")
    found = review(told(over), [corrected], NOW)
    assert found.changes == () and found.past == (corrected,)
    assert review(told(over, removed=True), [over], NOW).past == (over,), "put back after it ended: no restore"
