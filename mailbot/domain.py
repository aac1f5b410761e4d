"""The words of the domain, in one place: statuses, kinds and states, with their named groups.

Every value is a ``StrEnum`` member, so it is stored and compared as the plain
string it always was (``Status.ANSWERED == "answered"``), and a typo is a
NameError instead of a silent mismatch. Groups are frozensets named after what
they mean to the code that asks, never re-listed elsewhere.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a participant stands in the circle."""

    QUESTIONNAIRE_SENT = "questionnaire_sent"
    PARTIALLY_ANSWERED = "partially_answered"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    BOUNCED = "bounced"


# taking part: they get reminders, announcements and are counted in the inventory
ACTIVE = frozenset({Status.QUESTIONNAIRE_SENT, Status.PARTIALLY_ANSWERED, Status.ANSWERED})
# still owing us required answers
WAITING = frozenset({Status.QUESTIONNAIRE_SENT, Status.PARTIALLY_ANSWERED})
# no longer taking part (a bounced address may be fixed, but we cannot reach it now)
GONE = frozenset({Status.WITHDRAWN, Status.BOUNCED})


class Kind(StrEnum):
    """What an incoming message is, as decided by the rules and the understanding of it."""

    # made by machines: never answered
    LOOP = "loop"
    DUPLICATE = "duplicate"
    BOUNCE = "bounce"
    RECEIPT = "receipt"
    CALENDAR_REPLY = "calendar_reply"
    AUTO_REPLY = "auto_reply"
    SPAM = "spam"
    BULK = "bulk"
    # written by people
    INTEREST = "interest"
    ANSWER = "answer"
    WITHDRAWAL = "withdrawal"
    DECLINE = "decline"
    QUESTION = "question"
    FORGET_REQUEST = "forget_request"
    CONFIRMATION = "confirmation"
    # could not be read at all
    MALFORMED = "malformed"
    OVERSIZED = "oversized"
    UNKNOWN = "unknown"


MACHINE_KINDS = frozenset({Kind.LOOP, Kind.DUPLICATE, Kind.BOUNCE, Kind.RECEIPT, Kind.CALENDAR_REPLY,
                           Kind.AUTO_REPLY, Kind.SPAM, Kind.BULK})
UNREADABLE_KINDS = frozenset({Kind.MALFORMED, Kind.OVERSIZED})


class State(StrEnum):
    """What became of an incoming message."""

    NEW = "new"
    HANDLED = "handled"
    NEEDS_HUMAN = "needs_human"
    QUARANTINED = "quarantined"


class MailKind(StrEnum):
    """What an outgoing mail is (the outbox's ``kind``)."""

    QUESTIONNAIRE = "questionnaire"
    CONFIRMATION = "confirmation"  # all required answers are in
    FOLLOW_UP = "follow_up"  # answers read, some still missing
    WITHDRAWAL = "withdrawal"
    ATTENDANCE = "attendance"
    QUESTION_ACK = "question_ack"
    FORGET_CONFIRM = "forget_confirm"
    FORGET_DONE = "forget_done"
    REMINDER = "reminder"
    MEETING_UPDATE = "meeting_update"
    MEETING_CANCEL = "meeting_cancel"
    DIGEST = "digest"


# our mails a participant answers the questionnaire by replying to
ANSWERABLE_MAIL = frozenset({MailKind.QUESTIONNAIRE, MailKind.CONFIRMATION, MailKind.FOLLOW_UP})
# our mails about one meeting: a reply to one is about that meeting
MEETING_MAIL = frozenset({MailKind.REMINDER, MailKind.MEETING_UPDATE, MailKind.MEETING_CANCEL})


class OutboxState(StrEnum):
    """Where an outgoing mail is on its way out."""

    PENDING = "pending"  # waiting to be sent (again)
    SENDING = "sending"  # being handed to the server (PostgreSQL marks it in the row; see mailbot.ledger)
    SENT = "sent"  # the server said 250
    UNCONFIRMED = "unconfirmed"  # older versions: the server took it without confirming; never resent
    FAILED = "failed"  # refused for good, or too many attempts
    CANCELLED = "cancelled"  # no longer worth sending (the person was forgotten, the circle is over)


class Attendance(StrEnum):
    """Whether a participant comes to one meeting."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
