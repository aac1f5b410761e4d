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
    ATTENDANCE = "attendance"  # for one or more meetings (``decline`` is what older versions stored)
    COLLEAGUE = "colleague"  # about someone else: a colleague's withdrawal, answers "namens" someone
    MESSAGE = "message"  # a person's mail we understood nothing actionable in: for the organiser
    CONTRADICTION = "contradiction"  # says two things that exclude each other: for the organiser
    FORGED = "forged"  # the receiving server says the sender is not who From says
    ORGANISER = "organiser"  # from an organiser: a command, an answer to a forward, a note
    # could not be read at all
    MALFORMED = "malformed"
    OVERSIZED = "oversized"
    UNKNOWN = "unknown"


MACHINE_KINDS = frozenset({Kind.LOOP, Kind.DUPLICATE, Kind.BOUNCE, Kind.RECEIPT, Kind.CALENDAR_REPLY,
                           Kind.AUTO_REPLY, Kind.SPAM, Kind.BULK})
UNREADABLE_KINDS = frozenset({Kind.MALFORMED, Kind.OVERSIZED})


class Finding(StrEnum):
    """One thing a person's mail says; a mail may say several (a sign-up and a question)."""

    REGISTRATION = "registration"
    COMEBACK = "comeback"  # someone who withdrew wants to take part again
    ANSWERS = "answers"
    CORRECTION = "correction"  # "bij vraag 7 bedoelde ik nee"
    ATTENDANCE = "attendance"  # declines or accepts particular meetings
    WITHDRAWAL = "withdrawal"  # of the sender, from the whole circle
    COLLEAGUE = "colleague"  # about someone else
    QUESTION = "question"  # for a person to answer
    REMARK = "remark"  # something they want the organiser to know
    DELETION = "deletion"  # asks us to erase their data
    CONFIRMATION = "confirmation"  # yes or no to something we asked them to confirm
    RESEND = "resend"  # asks for the questionnaire again
    ATTACHMENT = "attachment"
    LANGUAGE = "language"  # written in a language other than Dutch or English
    MESSAGE = "message"  # says something we cannot place
    CONTRADICTION = "contradiction"  # says things that exclude each other
    UNPLACED = "unplaced"  # answers or corrections we cannot place for certain (the questionnaire changed)
    UNCLEAR = "unclear"  # a reading that would change something but is not clear: asked back to the person
    NO_INTRODUCTIONS = "no_introductions"  # they do not want to be introduced to other participants
    STAYS = "stays"  # says, meaning it, that they do not leave or want their data erased: said back, nothing changes


# what a person must see done (or handed on) before we may tell them anything about it
HANDED_ON = frozenset({Finding.COLLEAGUE, Finding.QUESTION, Finding.REMARK, Finding.ATTACHMENT, Finding.LANGUAGE,
                       Finding.MESSAGE, Finding.CONTRADICTION, Finding.UNPLACED, Finding.UNCLEAR})


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
    ACKNOWLEDGEMENT = "acknowledgement"  # a reply that only says what we did or handed on
    FORGET_CONFIRM = "forget_confirm"
    FORGET_DONE = "forget_done"
    REMINDER = "reminder"
    MEETING_UPDATE = "meeting_update"
    MEETING_CANCEL = "meeting_cancel"
    DIGEST = "digest"
    BRIEFING = "briefing"  # a meeting's briefing, to the organisers and the meeting's experts
    FORWARD = "forward"  # a person's mail, handed to the organiser
    ORGANISER_REPLY = "organiser_reply"  # to the organiser: what her mail did
    CONFIRM_REQUEST = "confirm_request"  # asks someone to confirm an action
    ANNOUNCEMENT = "announcement"  # the organiser's message to participants
    INTRODUCTION = "introduction"  # two participants introduced to each other, after the organiser's yes


# our mails a participant answers the questionnaire by replying to
ANSWERABLE_MAIL = frozenset({MailKind.QUESTIONNAIRE, MailKind.CONFIRMATION, MailKind.FOLLOW_UP})
# our mails about one meeting: a reply to one is about that meeting
MEETING_MAIL = frozenset({MailKind.REMINDER, MailKind.MEETING_UPDATE, MailKind.MEETING_CANCEL})


class OutboxState(StrEnum):
    """Where an outgoing mail is on its way out."""

    PENDING = "pending"  # waiting to be sent (again)
    SENDING = "sending"  # being handed to the server (PostgreSQL marks it in the row; see mailbot.outbox.ledger)
    SENT = "sent"  # the server said 250
    UNCONFIRMED = "unconfirmed"  # older versions: the server took it without confirming; never resent
    FAILED = "failed"  # refused for good, or too many attempts
    CANCELLED = "cancelled"  # no longer worth sending (the person was forgotten, the circle is over)


class ItemState(StrEnum):
    """An item that waits for the organiser."""

    OPEN = "open"
    CLOSED = "closed"


class ActionKind(StrEnum):
    """What waits for a yes."""

    FORGET = "forget"  # erase a person's data
    ORGANISER_COMMANDS = "organiser_commands"  # commands from an organiser address we could not authenticate
    ANNOUNCEMENT = "announcement"  # a mail to all participants
    MEETING_CHANGE = "meeting_change"  # tell participants a meeting moved, changed or was cancelled
    MEETING_EDIT = "meeting_edit"  # the organiser's own move, cancellation or new meeting, by mail
    COLLEAGUE_ANSWERS = "colleague_answers"  # answers someone sent for a colleague
    INTRODUCTIONS = "introductions"  # introduce participants to each other by mail


class ActionState(StrEnum):
    OPEN = "open"
    DONE = "done"  # confirmed and carried out
    DECLINED = "declined"
    EXPIRED = "expired"


class Attendance(StrEnum):
    """Whether a participant comes to one meeting: what they (or the organiser for them) said."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class Turnout(StrEnum):
    """Whom to count on at one meeting: the one answer every overview gives (``people.attendance``)."""

    EXPECTED = "expected"
    DECLINED = "declined"
    UNKNOWN = "unknown"
