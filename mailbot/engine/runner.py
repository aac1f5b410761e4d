"""One poll cycle: fetch -> store and decide (``decide``) -> commit -> mark on the server -> send.

The order is the guarantee. A message is stored, decided and its replies queued
in one transaction; only after that commit is it marked handled on the server.
A crash before the commit leaves the message unmarked and above ``last_uid``,
so it is fetched again; a crash after it leaves a stored row with
``marked = False``, which the next cycle marks without deciding again.
Replies go out from a ``BackgroundSender`` while the next batch is decided.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from mailbot.config import Config
from mailbot.conversation.added_questions import ask_added_questions
from mailbot.core.faults import checkpoint
from mailbot.engine.batch import Batch
from mailbot.engine.decide import Decider, HandlerFailed, parse_or_reason, raw_hash
from mailbot.mail.parse import IncomingMail
from mailbot.meetings.agenda import MEETINGS_CHANGED, current
from mailbot.outbox.queue import Outbox
from mailbot.outbox.sender import BackgroundSender, DrainReport, SaveCopies
from mailbot.store.db import Database, utcnow
from mailbot.store.models import FolderState, IncomingMessage, KeyValue
from mailbot.store.trouble import reason, storage_error
from mailbot.transports import Mailbox, OpenMailbox, OpenSender
from mailbot.wording.templates import Templates

log = logging.getLogger(__name__)
FIRST_BATCH = 10  # a small first batch gets the first replies to the sender (and the mail server) early


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
                "resent": self.drain.resent, "error": self.drain.error}


@dataclass(frozen=True)
class FolderPlan:
    """Which UIDs of the folder this cycle reads, and how."""

    uidvalidity: int
    uids: list[int]
    rescan: bool  # the UIDVALIDITY changed: everything is read again, what we know is skipped


class Runner:
    def __init__(self, config: Config, db: Database, templates: Templates, open_mailbox: OpenMailbox,
                 open_sender: OpenSender, save_copies: SaveCopies | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.config = config
        self.db = db
        self.templates = templates
        self.open_mailbox = open_mailbox
        self.open_sender = open_sender
        self.save_copies = save_copies
        self.clock = clock

    def poll(self, mailbox: Mailbox | None = None) -> PollReport:
        """Fetch and handle everything waiting (on ``mailbox`` when given), then send what was queued."""
        report = PollReport()
        with self.db.exclusive("poll"):
            started = time.perf_counter()
            box = mailbox or self.open_mailbox()  # a refused login stops us here, before anything started
            try:
                sender = BackgroundSender(self.db, self.config, self.open_sender, self.save_copies).start()
            except BaseException:
                if mailbox is None:
                    box.close()
                raise
            try:
                self.process_mailbox(box, report, on_commit=sender.wake)
                self._ask_added_questions(on_commit=sender.wake)
                report.seconds["process"] = time.perf_counter() - started
            except BaseException:
                try:
                    sender.finish()
                except Exception as e:  # noqa: BLE001 - the first error is the one to report
                    log.error("while stopping after an error, sending failed too: %s", e)
                raise
            finally:
                if mailbox is None:
                    box.close()
            report.drain = sender.finish()
            report.seconds["total"] = time.perf_counter() - started
        self._heartbeat(report)
        return report

    def process_mailbox(self, box: Mailbox, report: PollReport, on_commit: Callable[[], None] = lambda: None) -> None:
        imap = self.config.imap
        if imap.processed_folder:
            box.ensure_folder(imap.processed_folder)
        plan = self._plan(box)
        self._mark_leftovers(box, plan.uidvalidity)
        start = 0
        while start < len(plan.uids):
            size = min(imap.batch_size, FIRST_BATCH) if start == 0 else imap.batch_size
            chunk = plan.uids[start : start + size]
            start += size
            self._process_chunk(box, plan, chunk, report)
            on_commit()

    # ---------------------------------------------------------------- one chunk, one transaction

    def _process_chunk(self, box: Mailbox, plan: FolderPlan, chunk: list[int], report: PollReport) -> None:
        """Store and decide one chunk in one transaction, then mark it on the server.

        The fast path decides every message without savepoints; if a handler fails, the
        transaction is rolled back and the chunk is decided again with each message
        isolated, so that the failing one is quarantined alone.
        """
        try:
            try:
                rows, seen = self._decide_chunk(box, plan, chunk, isolate=False)
            except HandlerFailed:
                rows, seen = self._decide_chunk(box, plan, chunk, isolate=True)
        except SQLAlchemyError as e:
            raise storage_error(e, "cannot store incoming mail, nothing was marked handled") from None
        for row in rows:
            report.fetched += 1
            report.kinds[row.kind] += 1
            report.states[row.state] += 1
        # committed: now, and only now, the server may learn that these are handled
        checkpoint("after_commit")
        box.mark_handled(seen, self.config.imap.processed_folder)
        self._set_marked([row.id for row in rows])

    def _decide_chunk(self, box: Mailbox, plan: FolderPlan, chunk: list[int],
                      isolate: bool) -> tuple[list[IncomingMessage], list[int]]:
        rows: list[IncomingMessage] = []
        seen: list[int] = []
        folder = self.config.imap.folder
        with self.db.session() as session, session.no_autoflush:
            config = current(session, self.config)  # the meetings with her changes by mail
            batch = Batch(session, Outbox(session, config, self.templates, self.clock()))
            decider = Decider(config, batch, folder, plan.uidvalidity, rescan=plan.rescan, isolate=isolate)
            try:
                for group in box.fetch(chunk, self.config.imap.max_message_bytes):
                    parsed = [(fetched, parse_or_reason(fetched.raw)) for fetched in group]
                    batch.prefetch([m for _, m in parsed if isinstance(m, IncomingMail)],
                                   [raw_hash(f.raw) for f, _ in parsed])
                    for fetched, mail in parsed:
                        seen.append(fetched.uid)
                        row = decider.decide(fetched, mail)
                        if row is not None:
                            rows.append(row)
                        if session.info.pop(MEETINGS_CHANGED, False):  # she confirmed a meeting change
                            decider.config = batch.outbox.config = current(session, self.config)
                state = session.get(FolderState, folder)
                if state is not None:
                    state.last_uid = max(state.last_uid, max(chunk))
                session.flush()
            finally:
                batch.close()
        return rows, seen

    def _ask_added_questions(self, on_commit: Callable[[], None]) -> None:
        """A required question added since people finished: they are asked it, once (``added_questions``)."""
        try:
            with self.db.session() as session:
                queued = ask_added_questions(session, Outbox(session, self.config, self.templates, self.clock()))
        except SQLAlchemyError as e:
            raise storage_error(e, "cannot ask the added questions") from None
        if queued:
            on_commit()

    # ---------------------------------------------------------------- bookkeeping

    def _plan(self, box: Mailbox) -> FolderPlan:
        """Select the folder and work out what to read: new mail, everything (rescan) or the first visit."""
        folder = self.config.imap.folder
        uidvalidity = box.select(folder)
        with self.db.session() as session:
            state = session.get(FolderState, folder)
            if state is None:
                existing = box.all_uids()
                untouched = len(existing) - len(box.unseen_uids())
                if untouched:
                    log.info("first visit of %s: %d message(s) read before mailbot started are left alone",
                             folder, untouched)
                state = FolderState(folder=folder, uidvalidity=uidvalidity, last_uid=0,
                                    first_pass_until=max(existing, default=0))
                session.add(state)
            elif state.uidvalidity != uidvalidity:
                log.warning("UIDVALIDITY of %s changed (%s -> %s): rescanning, duplicates skipped by Message-ID",
                            folder, state.uidvalidity, uidvalidity)
                state.uidvalidity, state.last_uid = uidvalidity, 0
                return FolderPlan(uidvalidity, box.all_uids(), rescan=True)
            last_uid, first_pass_until = state.last_uid, state.first_pass_until
        if first_pass_until > last_uid:
            # the first visit: mail that was already read before mailbot ever ran is left alone
            uids = [u for u in box.unseen_uids() if last_uid < u <= first_pass_until] + box.uids_after(first_pass_until)
        else:
            uids = box.uids_after(last_uid)
        return FolderPlan(uidvalidity, uids, rescan=False)

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
                session.merge(KeyValue(key="last_poll", value={"at": self.clock().isoformat(timespec="milliseconds"),
                                                               **report.as_dict()}))
        except SQLAlchemyError as e:
            log.warning("could not record the heartbeat: %s", reason(e))
