"""One truth for meetings: the file's, with her changes by mail laid over; the latest change wins. Pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from mailbot.meetings.edits import Edit, EditKind, file_base, laid_over, recipients_base
from mailbot.meetings.model import Meeting

M1 = Meeting("m1", "Bijeenkomst 1", datetime(2027, 2, 11, 12, tzinfo=UTC), datetime(2027, 2, 11, 16, tzinfo=UTC),
             "Energy Valley")
M2 = replace(M1, id="m2", title="Bijeenkomst 2", start=M1.start + timedelta(days=28), end=M1.end + timedelta(days=28))
MOVED = replace(M1, start=M1.start + timedelta(days=7), end=M1.end + timedelta(days=7))


def test_her_move_holds_while_the_file_says_what_it_said() -> None:
    meetings, _ = laid_over([M1, M2], {}, [Edit("m1", EditKind.CHANGE, file_base(M1), MOVED)])
    assert meetings == (MOVED, M2)


def test_a_later_edit_of_that_meeting_in_the_file_wins() -> None:
    fixed = replace(M1, location="Provinciehuis")
    meetings, _ = laid_over([fixed, M2], {}, [Edit("m1", EditKind.CHANGE, file_base(M1), MOVED)])
    assert meetings == (fixed, M2)


def test_cancel_and_add() -> None:
    new = replace(M1, id="m3", title="Afsluiting", start=M2.start + timedelta(days=30), end=M2.end + timedelta(days=30))
    edits = [Edit("m2", EditKind.CANCEL, file_base(M2)), Edit("m3", EditKind.ADD, "", new)]
    assert laid_over([M1, M2], {}, edits)[0] == (M1, new)
    assert laid_over([M1, M2, replace(new, title="Van de beheerder")], {}, edits)[0][-1].title == "Van de beheerder"


def test_the_latest_of_her_changes_counts() -> None:
    again = replace(MOVED, location="Utrecht")
    edits = [Edit("m1", EditKind.CHANGE, file_base(M1), MOVED), Edit("m1", EditKind.CHANGE, file_base(M1), again)]
    assert laid_over([M1], {}, edits)[0] == (again,)


def test_briefing_recipients_follow_the_same_rule() -> None:
    edit = Edit("m1", EditKind.RECIPIENTS, recipients_base(()), recipients=("expert@tno.example",))
    assert laid_over([M1], {}, [edit])[1] == {"m1": ("expert@tno.example",)}
    assert laid_over([M1], {"m1": ("host@x.example",)}, [edit])[1] == {"m1": ("host@x.example",)}
