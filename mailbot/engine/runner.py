"""One poll cycle: fetch -> store and decide (``decide``) -> commit -> mark on the server -> send.

The order is the guarantee. A message is stored, decided and its replies queued
in one transaction; only after that commit is it marked handled on the server.
A crash before the commit leaves the message unmarked and above ``last_uid``,
so it is fetched again; a crash after it leaves a stored row with
``marked = False``, which the next cycle marks without deciding again.
Replies go out while the next batch is decided (``start_sending``: a ``BackgroundSender`` in threads, or for
a backlog ``mailbot.outbox.process``'s process of its own), and the next group of
messages is fetched (``FetchAhead``, read-only: ``BODY.PEEK``) while this one is decided; every IMAP
command still goes over the one connection, one at a time, in the order the cycle gives them.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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
from mailbot.outbox.sender import BackgroundSender, DrainReport, SaveCopies, SendingRound, StartSending
from mailbot.store.db import Database, utcnow
from mailbot.store.models import FolderState, IncomingMessage
from mailbot.store.state import put_state
from mailbot.store.trouble import reason, storage_error
from mailbot.transports import Fetched, Mailbox, OpenMailbox, OpenSender
from mailbot.wording.templates import Templates

log = logging.getLogger(__name__)
FIRST_BATCH = 10  # a small first batch gets the first replies to the sender (and the mail server) early


def batch_sizes(total: int, batch: int, small: int = FIRST_BATCH) -> list[int]:
    """How ``total`` messages are cut into transactions: small at both ends, ``batch`` between.

    The first is small so that the first replies leave early; the last ones halve (..., 80, 40, 20, 10)
    so that sending, which follows each commit, ends soon after the deciding does.
    """
    head = min(small, batch, total)
    rest = total - head
    tail: list[int] = []
    size = small
    while size < batch and rest > 0:
        tail.append(min(size, rest))
        rest -= tail[-1]
        size *= 2
    middle = [batch] * (rest // batch) + ([rest % batch] if rest % batch else [])
    return [n for n in (head, *middle, *reversed(tail)) if n]


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


class FetchAhead:
    """Fetches the next group of messages on an IMAP thread of its own while the runner decides this one.

    The mailbox is only ever used from that thread, so its commands keep their order: the next chunk's
    fetch may go before this chunk's mark (it only reads, without setting \\Seen), never the other way
    round. Memory stays bounded: one group (``Mailbox.fetch`` bounds its bytes) is fetched ahead, no more.
    """

    def __init__(self, box: Mailbox, chunks: list[list[int]], max_bytes: int) -> None:
        self.box = box
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mailbot-imap")
        self._stream = self._groups(chunks, max_bytes)  # runs on the worker only
        self._next: Future[tuple[int, list[Fetched] | None] | None] = self._worker.submit(next, self._stream, None)

    def _groups(self, chunks: list[list[int]], max_bytes: int) -> Iterator[tuple[int, list[Fetched] | None]]:
        for index, chunk in enumerate(chunks):
            for group in self.box.fetch(chunk, max_bytes):
                yield index, group
            yield index, None  # the chunk is complete: the runner learns it without waiting for the next one

    def chunk(self, index: int) -> Iterator[list[Fetched]]:
        """The groups of chunk ``index``, each fetched while the one before is decided."""
        while True:
            item = self._next.result()  # an IMAP error is raised here, in the runner's thread
            if item is None:
                return
            self._next = self._worker.submit(next, self._stream, None)
            found, group = item
            if found != index:
                raise RuntimeError(f"fetch ahead: chunk {found} arrived while chunk {index} was read")
            if group is None:
                return
            yield group

    def refetch(self, chunk: list[int], max_bytes: int) -> Iterator[list[Fetched]]:
        """The chunk again (decided once more, message by message), after what is fetched ahead."""
        groups = self._worker.submit(lambda: list(self.box.fetch(chunk, max_bytes))).result()
        yield from groups

    def mark_handled(self, uids: list[int], move_to: str | None) -> None:
        self._worker.submit(self.box.mark_handled, uids, move_to).result()

    def close(self) -> None:
        self._next.cancel()
        self._worker.shutdown(wait=True)


class Runner:
    def __init__(self, config: Config, db: Database, templates: Templates, open_mailbox: OpenMailbox,
                 open_sender: OpenSender, save_copies: SaveCopies | None = None,
                 clock: Callable[[], datetime] = utcnow, start_sending: StartSending | None = None) -> None:
        self.config = config
        self.db = db
        self.templates = templates
        self.open_mailbox = open_mailbox
        self.open_sender = open_sender
        self.save_copies = save_copies
        self.clock = clock
        self.start_sending = start_sending or self._start_threads  # given the number of new mails

    def poll(self, mailbox: Mailbox | None = None) -> PollReport:
        """Fetch and handle everything waiting (on ``mailbox`` when given), then send what was queued."""
        report = PollReport()
        with self.db.exclusive("poll"):
            started = time.perf_counter()
            box = mailbox or self.open_mailbox()  # a refused login stops us here, before anything started
            sender: SendingRound | None = None
            try:
                plan = self._prepare(box)
                sender = self.start_sending(len(plan.uids))
                self._process(box, plan, report, on_commit=sender.wake)
                self._ask_added_questions(on_commit=sender.wake)
                report.seconds["process"] = time.perf_counter() - started
            except BaseException:
                self._send_after_failure(sender)
                raise
            finally:
                if mailbox is None:
                    box.close()
            report.drain = sender.finish()
            report.seconds["total"] = time.perf_counter() - started
        self._heartbeat(report)
        return report

    def _start_threads(self, waiting: int) -> SendingRound:
        return BackgroundSender(self.db, self.config, self.open_sender, self.save_copies).start()

    def _send_after_failure(self, sender: SendingRound | None) -> None:
        """What was committed before a failure still goes out: the mailbox may be what failed, not the SMTP server."""
        try:
            (sender or self.start_sending(0)).finish()
        except Exception as e:  # noqa: BLE001 - the first error is the one to report
            log.error("while stopping after an error, sending failed too: %s", e)

    def _prepare(self, box: Mailbox) -> FolderPlan:
        """What this cycle reads; messages an earlier run committed but did not mark are marked first."""
        imap = self.config.imap
        if imap.processed_folder:
            box.ensure_folder(imap.processed_folder)
        plan = self._plan(box)
        self._mark_leftovers(box, plan.uidvalidity)
        return plan

    def _process(self, box: Mailbox, plan: FolderPlan, report: PollReport, on_commit: Callable[[], None]) -> None:
        imap = self.config.imap
        chunks: list[list[int]] = []
        start = 0
        for size in batch_sizes(len(plan.uids), imap.batch_size):
            chunks.append(plan.uids[start : start + size])
            start += size
        if not chunks:
            return
        ahead = FetchAhead(box, chunks, imap.max_message_bytes)
        try:
            for index, chunk in enumerate(chunks):
                self._process_chunk(ahead, plan, index, chunk, report)
                on_commit()
        finally:
            ahead.close()

    # ---------------------------------------------------------------- one chunk, one transaction

    def _process_chunk(self, ahead: FetchAhead, plan: FolderPlan, index: int, chunk: list[int],
                       report: PollReport) -> None:
        """Store and decide one chunk in one transaction, then mark it on the server.

        The fast path decides every message without savepoints; if a handler fails, the
        transaction is rolled back and the chunk is decided again with each message
        isolated, so that the failing one is quarantined alone.
        """
        try:
            try:
                rows, seen = self._decide_chunk(ahead.chunk(index), plan, chunk, isolate=False)
            except HandlerFailed:
                for _ in ahead.chunk(index):
                    pass  # what was left of the chunk ahead; the chunk is read again as a whole
                rows, seen = self._decide_chunk(ahead.refetch(chunk, self.config.imap.max_message_bytes), plan,
                                                chunk, isolate=True)
        except SQLAlchemyError as e:
            raise storage_error(e, "cannot store incoming mail, nothing was marked handled") from None
        for row in rows:
            report.fetched += 1
            report.kinds[row.kind] += 1
            report.states[row.state] += 1
        # committed: now, and only now, the server may learn that these are handled
        checkpoint("after_commit")
        ahead.mark_handled(seen, self.config.imap.processed_folder)
        self._set_marked([row.id for row in rows])

    def _decide_chunk(self, groups: Iterator[list[Fetched]], plan: FolderPlan, chunk: list[int],
                      isolate: bool) -> tuple[list[IncomingMessage], list[int]]:
        rows: list[IncomingMessage] = []
        seen: list[int] = []
        folder = self.config.imap.folder
        with self.db.session() as session, session.no_autoflush:
            config = current(session, self.config)  # the meetings with her changes by mail
            batch = Batch(session, Outbox(session, config, self.templates, self.clock()))
            decider = Decider(config, batch, folder, plan.uidvalidity, rescan=plan.rescan, isolate=isolate)
            try:
                for group in groups:
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
                at = self.clock().isoformat(timespec="milliseconds")
                put_state(session, "last_poll", {"at": at, **report.as_dict()})
        except SQLAlchemyError as e:
            log.warning("could not record the heartbeat: %s", reason(e))
