"""The meetings as they are: config.yaml's, with the organiser's changes by mail laid over them. Pure.

One truth, two ways to change it: the operator edits ``meetings:`` in config.yaml, the organiser
mails ``verplaats``, ``annuleer``, ``nieuwe bijeenkomst`` or ``ontvangers``. What holds for a meeting
is the *latest* change to it. Her change remembers what the file said of the meeting when she made
it (``base``: the file version's fingerprint, "" when the file did not have it); it holds as long as
the file still says that. When the operator then edits that meeting in the file, his edit is the
newer one and replaces hers (the usual preview tells participants, after a "JA"). So a file read
again unchanged never undoes her change, and her change never undoes a later edit of the file.
Who gets a meeting's briefing (``briefing.to``) works the same way, per meeting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mailbot.meetings.model import Meeting


class EditKind(StrEnum):
    ADD = "add"
    CHANGE = "change"  # moved, or another place
    CANCEL = "cancel"
    RECIPIENTS = "recipients"  # who gets the briefing besides the organisers


class EditState(StrEnum):
    PROPOSED = "proposed"  # previewed to her, waits for her "JA"
    APPLIED = "applied"
    DECLINED = "declined"  # her "NEE", or it no longer fitted when she said yes


@dataclass(frozen=True)
class Edit:
    """One applied change of hers, oldest first when several are given."""

    meeting_id: str
    kind: EditKind
    base: str  # ``file_base`` of the file's version when she made it
    meeting: Meeting | None = None  # ADD, CHANGE: the meeting as she set it
    recipients: tuple[str, ...] = ()  # RECIPIENTS


def file_base(meeting: Meeting | None) -> str:
    """What the file says of a meeting, as an edit remembers it: "" when the file does not have it."""
    return meeting.fingerprint() if meeting is not None else ""


def recipients_base(recipients: Sequence[str]) -> str:
    """What the file says of a meeting's briefing recipients, as an edit remembers it."""
    return hashlib.sha256("\n".join(sorted(a.lower() for a in recipients)).encode()).hexdigest()


def laid_over(file: Sequence[Meeting], file_recipients: Mapping[str, tuple[str, ...]],
              edits: Sequence[Edit]) -> tuple[tuple[Meeting, ...], dict[str, tuple[str, ...]]]:
    """The meetings (file order, hers after) and each meeting's briefing recipients, as they hold now."""
    by_id = {m.id: m for m in file}
    latest: dict[str, Edit] = {}
    latest_recipients: dict[str, Edit] = {}
    for edit in edits:
        (latest_recipients if edit.kind == EditKind.RECIPIENTS else latest)[edit.meeting_id] = edit
    meetings: list[Meeting] = []
    for meeting in file:
        hers = latest.get(meeting.id)
        if hers is None or hers.base != file_base(meeting):
            meetings.append(meeting)  # no change of hers, or the file changed the meeting since: the file's
        elif hers.kind != EditKind.CANCEL and hers.meeting is not None:
            meetings.append(hers.meeting)
    for meeting_id, edit in latest.items():
        if meeting_id not in by_id and edit.base == "" and edit.kind != EditKind.CANCEL and edit.meeting is not None:
            meetings.append(edit.meeting)  # hers alone
    recipients = dict(file_recipients)
    for meeting_id, edit in latest_recipients.items():
        if edit.base == recipients_base(file_recipients.get(meeting_id, ())):
            recipients[meeting_id] = edit.recipients
    return tuple(meetings), recipients
