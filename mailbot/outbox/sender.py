"""Draining the outbox over SMTP: oldest first, each message handed over until the server says 250.

The marks around each hand-over are the ledger's (``mailbot.outbox.ledger``): begun before
the message goes out, sent after the server's 250. A crash in between sends it
again later with the same Message-ID; nothing is ever silently lost.

A transient refusal of the first message of a round means the server is in
trouble: we stop and try again next round, without penalising that message.
A transient refusal after others went through is about that one message
(greylisting, a full mailbox): it waits with exponential backoff. A lost
connection stops the round; the message goes out again next round.

``BackgroundSender`` drains in threads while a poll is still deciding, so that
the mail server works on our replies while we work on the next messages.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from mailbot.config import Config
from mailbot.core.domain import OutboxState
from mailbot.core.errors import AuthError, TransportError
from mailbot.mail.verp import verp_address
from mailbot.outbox.blanking import FAREWELL_KINDS, blank_farewells
from mailbot.outbox.ledger import Ledger, open_ledger
from mailbot.store.db import Database, utcnow
from mailbot.store.models import OutboxMail
from mailbot.store.trouble import storage_error
from mailbot.transports import MailSender, OpenSender

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 30
CHUNK = 200
SaveCopies = Callable[[Iterable[bytes]], None]


@dataclass
class DrainReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    resent: int = 0  # begun before a crash, sent again with the same Message-ID
    error: str = ""
    auth_failed: bool = False  # the SMTP server refused our credentials


class SendingRound(Protocol):
    """One poll's sending: started before the first commit, woken after each, finished at the end."""

    def wake(self) -> None: ...

    def finish(self) -> DrainReport: ...


StartSending = Callable[[int], SendingRound]  # the number of new mails a poll reads -> its started round


@dataclass(frozen=True)
class Pending:
    id: int
    message_id: str
    recipient: str
    raw: bytes
    kind: str = ""
    return_token: str | None = None  # ``bounces.verp``: the envelope sender names this mail


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


class Sender:
    """What one sending round shares: the pending queue read in order, the ledger, the report.

    The SMTP connections belong to the workers of ``BackgroundSender``; ``send_one`` uses the one it is given.
    """

    def __init__(self, db: Database, config: Config, ledger: Ledger | None = None,
                 save_copies: SaveCopies | None = None) -> None:
        self.db = db
        self.config = config
        self.ledger = ledger or open_ledger(db)
        self.save_copies = save_copies
        self.report = DrainReport()
        self.stopped = False  # the server is in trouble: no more tries this round
        self._last_id = 0
        self._count_lock = threading.Lock()
        self._accepted: list[int] = []  # outbox ids, for copies in the Sent folder (smtp.save_sent)
        self._farewells: list[int] = []  # outbox ids of "your data is deleted" mails tried this round
        self._sent_ids: set[int] = set()  # sent this round: the ledger knows, the outbox table not yet
        self._waiting: dict[int, tuple[Pending, int]] = {}  # mail that waits for another to go first (after_id)

    # ---------------------------------------------------------------- reading

    def pending(self) -> list[Pending]:
        """The next mail to send, oldest first; mail that reports on another one ("we passed your question
        on") only once that one went out (``after_id``)."""
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(mailbot_read_only=True)
            rows = conn.execute(
                select(OutboxMail.id, OutboxMail.message_id, OutboxMail.recipient, OutboxMail.raw, OutboxMail.kind,
                       OutboxMail.after_id, OutboxMail.return_token)
                .where(OutboxMail.state == OutboxState.PENDING, OutboxMail.next_attempt_at <= utcnow(),
                       OutboxMail.id > self._last_id, OutboxMail.raw.is_not(None))
                .order_by(OutboxMail.id).limit(CHUNK)
            ).all()
            conn.commit()
        if rows:
            self._last_id = rows[-1].id
        done = self.ledger.sent_already(r.message_id for r in rows)
        ready = []
        for r in rows:
            if r.message_id in done:
                continue
            item = Pending(r.id, r.message_id, r.recipient, r.raw, r.kind, r.return_token)
            if r.after_id is None:
                ready.append(item)
            else:
                self._waiting[r.id] = (item, r.after_id)
        return ready + self._released()

    def _released(self) -> list[Pending]:
        """Waiting mail whose first mail went out; what waits for a mail that failed for good fails too."""
        if not self._waiting:
            return []
        firsts = {after for _, after in self._waiting.values()}
        with self._count_lock:
            sent_now = self._sent_ids & firsts
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(mailbot_read_only=True)
            states = dict(conn.execute(select(OutboxMail.id, OutboxMail.state).where(OutboxMail.id.in_(firsts))).all())
            conn.commit()
        released = []
        for outbox_id, (item, after) in list(self._waiting.items()):
            if after in sent_now or states.get(after) == OutboxState.SENT:
                released.append(item)
                del self._waiting[outbox_id]
            elif states.get(after) in (OutboxState.FAILED, OutboxState.CANCELLED, None):
                self._update(outbox_id, state=OutboxState.FAILED,
                             last_error="not sent: the mail it reports on could not be delivered")
                del self._waiting[outbox_id]
        return released

    # ---------------------------------------------------------------- sending

    def stop(self, error: str, auth: bool = False) -> None:
        self.report.error = error
        self.report.auth_failed = self.report.auth_failed or auth
        self.stopped = True
        log.warning("sending stopped: %s", error)

    def envelope_from(self, item: Pending) -> str:
        """Bounces come back to the programme address, or to its per-recipient form that proves the mail."""
        if item.return_token:
            return verp_address(self.config.programme.address, item.return_token)
        return self.config.programme.address

    def send_one(self, smtp: MailSender, item: Pending) -> bool:
        """Send one message; False when the round must stop (server trouble)."""
        if not self.ledger.begin(item.id, item.message_id):
            return True  # another round already sent it
        if item.kind in FAREWELL_KINDS:
            with self._count_lock:
                self._farewells.append(item.id)
        try:
            refused = smtp.send(self.envelope_from(item), item.recipient, item.raw)
        except TransportError as e:
            # the server may or may not have it: it stays in the queue and goes out again, same Message-ID
            self.ledger.end(item.id, item.message_id)
            self._update(item.id, last_error=str(e)[:500])
            self.stop(str(e), auth=isinstance(e, AuthError))
            return False
        if refused is None:
            self.ledger.sent(item.id, item.message_id)
            with self._count_lock:
                self._sent_ids.add(item.id)
                self.report.sent += 1
                if self.config.smtp.save_sent:
                    self._accepted.append(item.id)
            return True
        self.ledger.end(item.id, item.message_id)
        first = self.report.sent == 0
        self._refused(item.id, refused.code, refused.message, refused.permanent, penalise=not first)
        if refused.permanent:
            self.report.failed += 1
            log.warning("outbox %d refused for good: %s", item.id, refused.code)
            return True
        self.report.deferred += 1
        if first:
            self.report.error = f"SMTP server refuses for now: {refused.code} {refused.message}"
            log.warning("sending deferred: %s", self.report.error)
            return False
        return True

    def _refused(self, outbox_id: int, code: int, message: str, permanent: bool, penalise: bool) -> None:
        with self.db.engine.connect() as conn:
            attempts = conn.execute(select(OutboxMail.attempts).where(OutboxMail.id == outbox_id)).scalar() or 0
            values: dict[str, object] = {"last_error": f"{code} {message}"[:500], "attempts": attempts + 1}
            if permanent or attempts + 1 >= MAX_ATTEMPTS:
                values["state"] = OutboxState.FAILED
            else:
                values["state"] = OutboxState.PENDING
                if penalise:
                    values["next_attempt_at"] = utcnow() + backoff(attempts + 1)
            conn.execute(update(OutboxMail).where(OutboxMail.id == outbox_id).values(**values))
            conn.commit()

    def _update(self, outbox_id: int, **values: object) -> None:
        with self.db.engine.connect() as conn:
            conn.execute(update(OutboxMail).where(OutboxMail.id == outbox_id).values(**values))
            conn.commit()

    def reconcile(self) -> None:
        """Copy the ledger's marks into the outbox table; what a crash left begun goes out again."""
        self.report.resent += self.ledger.reconcile(self.db).resent

    def finish(self) -> DrainReport:
        """Copy the ledger's marks into the outbox table (and Sent copies, if asked); then forget farewells."""
        self.reconcile()
        self._save_sent_copies()
        self._blank_farewells()
        return self.report

    def _blank_farewells(self) -> None:
        """A forgotten person's "your data is deleted" mail keeps their address only until it is sent."""
        with self._count_lock:
            ids, self._farewells = self._farewells, []
        if ids:
            with self.db.session() as session:
                blank_farewells(session, ids)

    def _save_sent_copies(self) -> None:
        """smtp.save_sent: copies of what the server accepted, in the mailbox's Sent folder (best effort)."""
        with self._count_lock:
            ids, self._accepted = self._accepted, []
        if not ids or self.save_copies is None:
            return
        try:
            self.save_copies(self._raws(ids))
        except TransportError as e:
            log.warning("could not save %d sent message(s) in the Sent folder: %s", len(ids), e)

    def _raws(self, ids: list[int]) -> Iterable[bytes]:
        for start in range(0, len(ids), CHUNK):
            with self.db.engine.connect() as conn:
                conn = conn.execution_options(mailbot_read_only=True)
                raws = conn.execute(select(OutboxMail.raw).where(OutboxMail.id.in_(ids[start:start + CHUNK]))
                                    .order_by(OutboxMail.id)).scalars().all()
                conn.commit()
            yield from (raw for raw in raws if raw)


class BackgroundSender:
    """Drains the outbox in threads while the caller keeps queueing; ``wake`` after each commit.

    ``smtp.connections`` workers share one queue, oldest first, each with its own
    connection: while the server digests one message, the next is on its way.
    """

    def __init__(self, db: Database, config: Config, open_sender: OpenSender,
                 save_copies: SaveCopies | None = None) -> None:
        self.db = db
        self.config = config
        self.open_sender = open_sender
        self._cond = threading.Condition()
        self._done = False
        self._final_look = False
        self._buffer: collections.deque[Pending] = collections.deque()
        self._held = contextlib.ExitStack()
        self.sender = Sender(db, config, save_copies=save_copies)
        self._workers = [threading.Thread(target=self._work, name=f"mailbot-sender-{i}", daemon=True)
                         for i in range(max(1, config.smtp.connections))]
        self.errors: list[BaseException] = []

    def start(self) -> BackgroundSender:
        self._held.enter_context(self.db.exclusive("send"))
        try:
            self.sender.reconcile()
        except BaseException:
            self._held.close()
            raise
        for worker in self._workers:
            worker.start()
        return self

    def wake(self) -> None:
        with self._cond:
            self._final_look = False
            self._cond.notify_all()

    def _take(self) -> Pending | None:
        with self._cond:
            while not self.sender.stopped:
                if self._buffer:
                    return self._buffer.popleft()
                items = self.sender.pending()
                if items:
                    self._buffer.extend(items)
                    continue
                if self._done:
                    if self._final_look:
                        return None
                    self._final_look = True  # everything committed before finish() is visible now
                    continue
                self._cond.wait(0.5)
            return None

    def _work(self) -> None:
        smtp: MailSender | None = None
        try:
            while (item := self._take()) is not None:
                if smtp is None:
                    try:
                        smtp = self.open_sender()
                    except TransportError as e:
                        self.sender.stop(str(e), auth=isinstance(e, AuthError))
                        return
                if not self.sender.send_one(smtp, item):
                    self.sender.stopped = True
                    smtp.close()
                    smtp = None
        except BaseException as e:  # noqa: BLE001 - handed to the thread that joins us
            self.errors.append(e)
        finally:
            if smtp is not None:
                smtp.close()

    def finish(self) -> DrainReport:
        """Wait until everything queued so far is sent (or sending stopped); return the report."""
        with self._cond:
            self._done = True
            self._cond.notify_all()
        for worker in self._workers:
            worker.join()
        with self._held:
            try:
                report = self.sender.finish()
            finally:
                self.sender.ledger.close()
        if self.errors:
            error = self.errors[0]
            if isinstance(error, SQLAlchemyError):
                raise storage_error(error, "cannot record what was sent") from None
            raise error
        return report


def drain(db: Database, config: Config, open_sender: OpenSender, save_copies: SaveCopies | None = None) -> DrainReport:
    """Send every pending message that is due, oldest first; return what happened."""
    return BackgroundSender(db, config, open_sender, save_copies).start().finish()
