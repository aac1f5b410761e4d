"""The database schema. All times are UTC, stored naive (SQLite has no time zones)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Every change to this file is a migration too: see mailbot/store/migrations/README.md.

# IMAP UIDs and UIDVALIDITY are unsigned 32-bit numbers: above 2**31 they no longer fit a signed INTEGER
UID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite's INTEGER is 64-bit already


class Clipped(TypeDecorator[str]):
    """A bounded text (a name, an organisation) that is cut to fit instead of failing the insert."""

    impl = String
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.limit = length

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return value[: self.limit] if value is not None else value


class Base(DeclarativeBase):
    pass


class FolderState(Base):
    """How far we have read a folder: the UIDVALIDITY we saw and the highest UID stored."""

    __tablename__ = "folder_state"
    folder: Mapped[str] = mapped_column(String(255), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(UID)
    last_uid: Mapped[int] = mapped_column(UID, default=0)
    # at the first visit: the highest UID then; read mail up to it predates mailbot and is left alone
    first_pass_until: Mapped[int] = mapped_column(UID, default=0)


class Participant(Base):
    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(Text, unique=True)  # addresses are stored whole, however long
    name: Mapped[str] = mapped_column(Clipped(200), default="")
    organisation: Mapped[str] = mapped_column(Clipped(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    status: Mapped[str] = mapped_column(String(30), index=True)
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    questionnaire_sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    answers: Mapped[list[Answer]] = relationship(back_populates="participant", cascade="all, delete-orphan",
                                                 order_by="Answer.id")
    notes: Mapped[list[Note]] = relationship(back_populates="participant", cascade="all, delete-orphan",
                                             order_by="Note.id")


class IncomingMessage(Base):
    """Every message we fetched, stored before anything is decided about it."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("folder", "uidvalidity", "uid", name="uq_message_mailbox_position"),
        Index("ix_messages_message_id", "message_id"),
        Index("ix_messages_sender", "sender"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(UID)
    uid: Mapped[int] = mapped_column(UID)
    message_id: Mapped[str] = mapped_column(String(998), default="")
    raw_hash: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sender: Mapped[str] = mapped_column(Text, default="")
    sender_name: Mapped[str] = mapped_column(Clipped(200), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    sent_date: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30), default="", index=True)
    rule: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(20), default="new", index=True)  # handled|quarantined|needs_human
    reason: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"),
                                                       nullable=True, index=True)
    marked: Mapped[bool] = mapped_column(Boolean, default=False, index=True)  # \Seen set / moved on the server
    digested: Mapped[bool] = mapped_column(Boolean, default=False)
    # what the receiving server's Authentication-Results say of the sender: authenticated | forged | unknown
    authenticity: Mapped[str] = mapped_column(String(20), default="unknown")
    findings: Mapped[Any] = mapped_column(JSON, nullable=True)  # what the mail says, one entry per finding
    # a header (Message-ID, sender name, subject) was too long and is stored cut
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    participant: Mapped[Participant | None] = relationship()


class Answer(Base):
    """One answer as read from one message; the latest per question is current, older ones are history."""

    __tablename__ = "answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSON)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    participant: Mapped[Participant] = relationship(back_populates="answers")
    message: Mapped[IncomingMessage | None] = relationship()


class Note(Base):
    """Free remarks from participants and notes by the organiser; ``flagged`` ones go to the digest."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # an organiser's note about no one in particular (or someone not yet known) has no participant
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"),
                                                       nullable=True, index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)
    source: Mapped[str] = mapped_column(String(20))  # remark | question | organiser
    text: Mapped[str] = mapped_column(Text)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    participant: Mapped[Participant | None] = relationship(back_populates="notes")
    message: Mapped[IncomingMessage | None] = relationship()


class OutboxMail(Base):
    """A mail we decided to send, written in the same transaction as the decision."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_recipient_created", "recipient", "created_at"),
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30))
    recipient: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    body_text: Mapped[str] = mapped_column(Text, default="")  # the text part: what the participant answers to
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending|sent|unconfirmed|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    counts_for_limit: Mapped[bool] = mapped_column(Boolean, default=True)
    cause_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"),
                                                       nullable=True, index=True)
    token: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # the per-recipient return path's token (``bounces.verp``): a bounce to it proves which mail it was
    return_token: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    meeting_id: Mapped[str | None] = mapped_column(String(100), nullable=True)  # the meeting it is about
    # a reply that tells what another mail did ("we passed your question on") waits until that one went out
    after_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"), nullable=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), nullable=True,
                                                index=True)  # the open item a forward is about
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)  # the action a confirmation request is about
    questionnaire_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("questionnaire_versions.id", ondelete="SET NULL"), nullable=True)  # the questions it carried
    cause: Mapped[IncomingMessage | None] = relationship()
    participant: Mapped[Participant | None] = relationship()
    after: Mapped[OutboxMail | None] = relationship(remote_side="OutboxMail.id")
    item: Mapped[Item | None] = relationship()
    action: Mapped[Action | None] = relationship()


class Suppression(Base):
    """A forgotten address, kept only as a hash, so that no automatic mail goes to it again."""

    __tablename__ = "suppressions"
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Event(Base):
    """An audit line: what happened, without personal data beyond a participant id."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    what: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


class KeyValue(Base):
    """Small runtime state: heartbeat, last poll, last error."""

    __tablename__ = "state"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class ReminderSent(Base):
    """A reminder claimed for one participant, meeting and offset: the unique key makes it happen once."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("participant_id", "meeting_id", "offset_key", name="uq_reminder_once"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[str] = mapped_column(String(100))
    offset_key: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(20), default="queued")  # queued | stale


class MeetingState(Base):
    """What participants were last told about a meeting, to notice changes and removals."""

    __tablename__ = "meeting_state"
    meeting_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    snapshot: Mapped[Any] = mapped_column(JSON)  # title, start, end, location, address, programme (UTC ISO)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # participants told since then have the meeting list


class MeetingEdit(Base):
    """A change the organiser made to a meeting by mail: laid over config.yaml's version of that meeting
    until the file's version changes (``mailbot.meetings.edits``)."""

    __tablename__ = "meeting_edits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # add | change | cancel | recipients
    meeting: Mapped[Any] = mapped_column(JSON, nullable=True)  # add, change: the meeting as she set it (a snapshot)
    recipients: Mapped[Any] = mapped_column(JSON, nullable=True)  # recipients: who gets its briefing besides her
    base: Mapped[str] = mapped_column(String(64), default="")  # what config.yaml said of it then ("" not there)
    state: Mapped[str] = mapped_column(String(20), index=True)  # proposed | applied | declined
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), nullable=True)
    made_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class MeetingNotice(Base):
    """An update or cancellation sent for one version (SEQUENCE) of a meeting to one participant."""

    __tablename__ = "meeting_notices"
    __table_args__ = (UniqueConstraint("participant_id", "meeting_id", "sequence", name="uq_meeting_notice_once"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[str] = mapped_column(String(100))
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # update | cancel
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Attendance(Base):
    """Whether a participant comes to one meeting (declined, accepted, tentative)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("participant_id", "meeting_id", name="uq_attendance"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DigestRun(Base):
    """One digest for one period; the unique period end keeps it from going out twice."""

    __tablename__ = "digests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_start: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    period_end: Mapped[datetime] = mapped_column(DateTime, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    trigger: Mapped[str] = mapped_column(String(20))  # schedule | command


class QuestionnaireVersion(Base):
    """One version of the questionnaire as it went out: replies are read against the version they answer."""

    __tablename__ = "questionnaire_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    definition: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Item(Base):
    """Something that waits for a person (the organiser): open until she answers it or marks it done."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"),
                                                       nullable=True, index=True)
    address: Mapped[str] = mapped_column(Text, default="")  # whom it is about (a stranger has no record)
    name: Mapped[str] = mapped_column(Clipped(200), default="")
    reasons: Mapped[Any] = mapped_column(JSON)  # [{"kind": ..., "text": ...}]: why it came to her
    told: Mapped[str] = mapped_column(Text, default="")  # what we already told the person
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open | closed
    forwarded: Mapped[bool] = mapped_column(Boolean, default=False)  # sent to her at once (else: the digest)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")  # her answer, as she wrote it
    message: Mapped[IncomingMessage | None] = relationship()
    participant: Mapped[Participant | None] = relationship()


class Action(Base):
    """Something that waits for an unambiguous yes from the one who may give it (a round-trip by mail)."""

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # forget | organiser_commands | announcement | ...
    token: Mapped[str] = mapped_column(String(64), unique=True)
    address: Mapped[str] = mapped_column(Text)  # who must confirm
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"),
                                                       nullable=True, index=True)
    payload: Mapped[Any] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cause_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"), nullable=True)


class Introduction(Base):
    """Two participants introduced to each other by mail after the organiser's yes: once, never again."""

    __tablename__ = "introductions"
    __table_args__ = (UniqueConstraint("first_id", "second_id", name="uq_introduction_once"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # the pair, the lower participant id first
    first_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    second_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(Text, default="")  # what the introduction named
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
