"""One poll cycle: fetch -> store -> classify -> handle -> commit -> mark on the server -> drain the outbox.

The order is the guarantee. A message is stored, decided and its replies queued
in one transaction; only after that commit is it marked handled on the server.
A crash before the commit leaves the message unmarked and above ``last_uid``,
so it is fetched again; a crash after it leaves a stored row with
``marked = False``, which the next cycle marks without deciding again.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from mailbot.answers.parse_reply import looks_like_answers
from mailbot.batch import Batch
from mailbot.classify import classify
from mailbot.config import Config
from mailbot.errors import StorageError
from mailbot.faults import checkpoint
from mailbot.handlers import HandlerContext, Outcome
from mailbot.handlers.dispatch import handler_for
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.outbox import Outbox
from mailbot.privacy.tokens import find_tokens
from mailbot.rules import Facts
from mailbot.sender import BackgroundSender, DrainReport
from mailbot.store.db import Database, utcnow
from mailbot.store.models import FolderState, IncomingMessage, KeyValue, OutboxMail, Participant
from mailbot.templates import Templates
from mailbot.transports.imap import Fetched, Mailbox

log = logging.getLogger(__name__)
decisions = logging.getLogger("mailbot.decision")
WAITING_FOR_ANSWERS = ("questionnaire_sent", "partially_answered", "answered")


@dataclass
class PollReport:
    fetched: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    drain: DrainReport = field(default_factory=DrainReport)
    seconds: dict[str, float] = field(default_factory=dict)  # where the cycle spent its time

    def as_dict(self) -> dict[str, Any]:
        return {"fetched": self.fetched, "kinds": dict(self.kinds), "states": dict(self.states),
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
                "sent": self.drain.sent, "deferred": self.drain.deferred, "failed": self.drain.failed,
                "error": self.drain.error}


def raw_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Runner:
    def __init__(self, config: Config, db: Database, templates: Templates,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.config = config
        self.db = db
        self.templates = templates
        self.clock = clock

    # ---------------------------------------------------------------- the cycle

    def poll(self, mailbox: Mailbox | None = None) -> PollReport:
        """Fetch and handle everything waiting, then send what was queued."""
        report = PollReport()
        # the sender thread waits on the SMTP server four times a message; with the default 5 ms
        # switch interval each wake-up would wait for the deciding thread to let go of the GIL
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0001)
        try:
            return self._poll(mailbox, report)
        finally:
            sys.setswitchinterval(switch_interval)

    def _poll(self, mailbox: Mailbox | None, report: PollReport) -> PollReport:
        with self.db.exclusive("poll"):
            started = time.perf_counter()
            sender = BackgroundSender(self.db, self.config).start()
            own = mailbox is None
            box = mailbox or Mailbox(self.config.imap)
            try:
                if own:
                    box.connect()
                self.process_mailbox(box, report, on_commit=sender.wake)
                report.seconds["process"] = time.perf_counter() - started
            except BaseException:
                if own:
                    box.close()
                try:
                    sender.finish()
                except Exception as e:  # noqa: BLE001 - the first error is the one to report
                    log.error("while stopping after an error, sending failed too: %s", e)
                raise
            if own:
                box.close()
            report.drain = sender.finish()
            report.seconds["total"] = time.perf_counter() - started
        self._heartbeat(report)
        return report

    def process_mailbox(self, box: Mailbox, report: PollReport,
                        on_commit: Callable[[], None] = lambda: None) -> None:
        imap = self.config.imap
        if imap.processed_folder:
            box.ensure_folder(imap.processed_folder)
        uidvalidity = box.select(imap.folder)
        rescan = self._prepare_folder(uidvalidity, box)
        self._mark_leftovers(box, uidvalidity)
        last_uid, first_pass_until = self._last_uid(imap.folder)
        if rescan:
            uids = box.all_uids()
        elif first_pass_until > last_uid:
            # the first visit: mail that was already read before mailbot ever ran is left alone
            uids = [u for u in box.unseen_uids() if last_uid < u <= first_pass_until] \
                + box.uids_after(first_pass_until)
        else:
            uids = box.uids_after(last_uid)
        start = 0
        while start < len(uids):
            # a small first batch gets the first replies to the sender (and the mail server) early
            size = min(imap.batch_size, FIRST_BATCH) if start == 0 else imap.batch_size
            chunk = uids[start : start + size]
            start += size
            self._process_chunk(box, uidvalidity, chunk, rescan, report)
            on_commit()

    def _process_chunk(self, box: Mailbox, uidvalidity: int, chunk: list[int], rescan: bool,
                       report: PollReport) -> None:
        """Store and decide one chunk in one transaction, then mark it on the server.

        The fast path runs every handler without savepoints; if one fails, the whole
        transaction is rolled back and the chunk is done again carefully, each message
        in a savepoint of its own, so the failing one is quarantined alone.
        """
        try:
            try:
                rows, seen_uids = self._decide_chunk(box, uidvalidity, chunk, rescan, careful=False)
            except _HandlerFailed:
                rows, seen_uids = self._decide_chunk(box, uidvalidity, chunk, rescan, careful=True)
        except (DBAPIError, SQLAlchemyError) as e:
            raise StorageError(f"cannot store incoming mail, nothing was marked handled: {_db_reason(e)}") from None
        for row in rows:
            report.fetched += 1
            report.kinds[row.kind] += 1
            report.states[row.state] += 1
        # committed: now, and only now, the server may learn that these are handled
        checkpoint("after_commit")
        box.mark_handled(seen_uids, self.config.imap.processed_folder)
        self._set_marked([row.id for row in rows])

    def _decide_chunk(self, box: Mailbox, uidvalidity: int, chunk: list[int], rescan: bool,
                      careful: bool) -> tuple[list[IncomingMessage], list[int]]:
        rows: list[IncomingMessage] = []
        seen_uids: list[int] = []
        with self.db.session() as session, session.no_autoflush:
            batch = Batch(session, Outbox(session, self.config, self.templates, self.clock()))
            for group in _byte_groups(box.fetch(chunk, self.config.imap.max_message_bytes), GROUP_BYTES):
                parsed = [(fetched, _parse_or_reason(fetched.raw)) for fetched in group]
                batch.prefetch([m for _, m in parsed if isinstance(m, IncomingMail)],
                               [raw_hash(f.raw) for f, _ in parsed], self.config.rate_limit.per_hours)
                for fetched, mail in parsed:
                    seen_uids.append(fetched.uid)
                    row = self._store_and_decide(batch, fetched, mail, uidvalidity, rescan, careful)
                    if row is not None:
                        rows.append(row)
            state = session.get(FolderState, self.config.imap.folder)
            if state is not None:
                state.last_uid = max(state.last_uid, max(chunk))
            session.flush()
        return rows, seen_uids

    # ---------------------------------------------------------------- one message

    def _store_and_decide(self, batch: Batch, fetched: Fetched, mail: IncomingMail | str, uidvalidity: int,
                          rescan: bool, careful: bool) -> IncomingMessage | None:
        now = batch.outbox.now
        digest = raw_hash(fetched.raw)
        row = IncomingMessage(folder=self.config.imap.folder, uidvalidity=uidvalidity, uid=fetched.uid,
                              raw_hash=digest, size=fetched.size, raw=fetched.raw, received_at=now, kind="",
                              rule="", state="new", reason="", marked=False, digested=False)
        if isinstance(mail, str):
            row.message_id = _raw_message_id(fetched.raw)
            batch.remember_message("", digest)
            return self._quarantine(batch.session, row, "malformed", mail)
        row.message_id = mail.message_id[:998]
        row.sender = mail.sender
        row.sender_name = mail.sender_name[:200]
        row.subject = mail.subject[:2000]
        row.sent_date = _to_utc(mail.date) if mail.date else None
        row.excerpt = mail.new_text[:500]
        duplicate = batch.known(mail.message_id, digest)
        batch.remember_message(mail.message_id, digest)
        if rescan and duplicate:
            return None  # the same message at a new UID after UIDVALIDITY changed: already handled
        if fetched.truncated:
            return self._quarantine(batch.session, row, "oversized",
                                    f"{fetched.size} bytes is over imap.max_message_bytes "
                                    f"({self.config.imap.max_message_bytes}); only its header was stored")
        participant = batch.participant(mail.sender) if mail.sender else None
        facts = self._facts(batch.session, mail, duplicate, participant)
        batch.session.add(row)
        classification = classify(mail, facts)
        row.kind, row.rule = classification.kind, classification.rule
        outcome = self._handle(batch, row, mail, participant, now, careful)
        row.state, row.reason = outcome.state, outcome.reason[:2000]
        decisions.info("message uid %s: kind=%s rule=%s state=%s: %s", row.uid, row.kind, row.rule, row.state,
                       row.reason)
        return row

    def _handle(self, batch: Batch, row: IncomingMessage, mail: IncomingMail, participant: Participant | None,
                now: datetime, careful: bool) -> Outcome:
        if row.kind == "unknown":
            return Outcome("quarantined", "no sender address to act on")
        session = batch.session
        ctx = HandlerContext(session=session, config=self.config, now=now, row=row, mail=mail,
                             participant=participant, outbox=batch.outbox, lookups=batch)
        if not careful:
            try:
                return handler_for(row.kind)(ctx, row.kind)
            except (DBAPIError, SQLAlchemyError):
                raise
            except Exception as e:  # noqa: BLE001 - redo the chunk carefully, see _process_chunk
                log.warning("message uid %s: handler for %s failed (%s); redoing the batch carefully",
                            row.uid, row.kind, e)
                raise _HandlerFailed() from e
        session.flush()
        savepoint = session.begin_nested()
        queued_before = len(batch.outbox.queued)
        try:
            outcome = handler_for(row.kind)(ctx, row.kind)
            session.flush()
            savepoint.commit()
            return outcome
        except (DBAPIError, SQLAlchemyError):
            raise  # the database itself is in trouble: stop, mark nothing
        except Exception as e:  # noqa: BLE001 - one bad message must never stop the loop
            savepoint.rollback()
            del batch.outbox.queued[queued_before:]
            batch.forget_unsaved()
            log.error("message uid %s: handler for %s failed: %s", row.uid, row.kind, e)
            detail = "".join(traceback.format_exception_only(type(e), e)).strip()
            if row not in session:
                session.add(row)
            return Outcome("quarantined", f"handler {row.kind} failed: {detail}"[:2000])

    def _quarantine(self, session: Session, row: IncomingMessage, kind: str, reason: str) -> IncomingMessage:
        row.kind, row.rule, row.state, row.reason = kind, kind, "quarantined", reason[:2000]
        session.add(row)
        decisions.info("message uid %s: kind=%s state=quarantined: %s", row.uid, kind, reason)
        return row

    def _facts(self, session: Session, mail: IncomingMail, duplicate: bool,
               participant: Participant | None) -> Facts:
        config = self.config
        participant_status = participant.status if participant is not None else None
        replies_to = None
        if mail.thread_ids:
            replies_to = session.scalar(select(OutboxMail.kind).where(OutboxMail.message_id.in_(mail.thread_ids))
                                        .order_by(OutboxMail.id.desc()).limit(1))
        carries = False
        if replies_to is None and participant_status in WAITING_FOR_ANSWERS:
            carries = looks_like_answers(mail.text, config.questionnaire)
        return Facts(own_addresses=frozenset({config.programme.address.lower()}), own_domain=config.programme.domain,
                     duplicate=duplicate, participant_status=participant_status, replies_to=replies_to,
                     carries_questionnaire=carries, reply_tokens=find_tokens(mail.subject, mail.text))

    # ---------------------------------------------------------------- bookkeeping

    def _prepare_folder(self, uidvalidity: int, box: Mailbox) -> bool:
        """Record the folder's UIDVALIDITY; True when we must rescan (the UIDVALIDITY changed)."""
        folder = self.config.imap.folder
        with self.db.session() as session:
            state = session.get(FolderState, folder)
            if state is None:
                existing = box.all_uids()
                untouched = len(existing) - len(box.unseen_uids())
                if untouched:
                    log.info("first visit of %s: %d message(s) read before mailbot started are left alone",
                             folder, untouched)
                session.add(FolderState(folder=folder, uidvalidity=uidvalidity, last_uid=0,
                                        first_pass_until=max(existing, default=0)))
                return False
            if state.uidvalidity != uidvalidity:
                log.warning("UIDVALIDITY of %s changed (%s -> %s): rescanning, duplicates skipped by Message-ID",
                            folder, state.uidvalidity, uidvalidity)
                state.uidvalidity = uidvalidity
                state.last_uid = 0
                return True
        return False

    def _last_uid(self, folder: str) -> tuple[int, int]:
        with self.db.session() as session:
            state = session.get(FolderState, folder)
            return (state.last_uid, state.first_pass_until) if state else (0, 0)

    def _mark_leftovers(self, box: Mailbox, uidvalidity: int) -> None:
        """Messages committed by an earlier run that crashed before telling the server."""
        with self.db.session() as session:
            rows = session.execute(select(IncomingMessage.id, IncomingMessage.uid).where(
                IncomingMessage.marked.is_(False), IncomingMessage.folder == self.config.imap.folder,
                IncomingMessage.uidvalidity == uidvalidity)).all()
        if rows:
            box.mark_handled([uid for _, uid in rows], self.config.imap.processed_folder)
            self._set_marked([row_id for row_id, _ in rows])

    def _set_marked(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.db.session() as session:
            session.execute(update(IncomingMessage).where(IncomingMessage.id.in_(ids)).values(marked=True))

    def _heartbeat(self, report: PollReport) -> None:
        try:
            with self.db.session() as session:
                session.merge(KeyValue(key="last_poll", value={"at": self.clock().isoformat(timespec="seconds"),
                                                               **report.as_dict()}))
        except SQLAlchemyError as e:
            log.warning("could not record the heartbeat: %s", _db_reason(e))


def _to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        return moment.replace(tzinfo=None)


FIRST_BATCH = 10
GROUP_BYTES = 16_000_000  # messages parsed and looked up together; bounds memory, not the batch size


_MESSAGE_ID_LINE = re.compile(rb"^message-id:[ \t]*(<[^<>\s]{1,900}>)", re.IGNORECASE | re.MULTILINE)


def _raw_message_id(raw: bytes) -> str:
    """The Message-ID of a message we could not parse, when its header still shows one."""
    found = _MESSAGE_ID_LINE.search(raw[:200_000])
    return found.group(1).decode("ascii", "replace") if found else ""


def _parse_or_reason(raw: bytes) -> IncomingMail | str:
    try:
        return parse_mail(raw)
    except MalformedMail as e:
        return e.reason


def _byte_groups(items: Iterable[Fetched], limit: int) -> Iterator[list[Fetched]]:
    group: list[Fetched] = []
    size = 0
    for item in items:
        group.append(item)
        size += len(item.raw)
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group


class _HandlerFailed(Exception):
    """A handler raised on the fast path: the batch is redone message by message."""


def _db_reason(error: Exception) -> str:
    orig = getattr(error, "orig", None)
    return str(orig or error).splitlines()[0][:300]
