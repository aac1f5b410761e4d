"""Sending from a process of its own while a poll decides: a backlog's replies go out beside the deciding,
not under its interpreter lock.

In one process the sending threads share the GIL with the deciding thread: of a 2,000-mail backlog the
senders' CPU was a fifth, and each of their wake-ups waited for the deciding thread to let go (README,
issue 29). ``SendingProcess`` starts ``python -m mailbot.outbox.process``, hands it the configuration on
its input and then one word at a time: wake (after each commit) and finish. The child runs the very same
``BackgroundSender`` and answers with the round's ``DrainReport``, or the error that ended it.

``mailbot poll`` runs one thread when it starts sending: the child is forked, has every module already and
sends at once; it opens a database engine of its own and never touches what it inherited (connections,
the IMAP socket), and leaves with ``os._exit``. Where other threads run (the service), it is spawned and
pays about half a second of imports, for a backlog only. If the poller dies, the child reads the end of its
input, sends everything that was committed, and exits. It holds the ``send`` lock meanwhile, so the
sender of a new poll waits for it, and the ledger keeps every message single.

A poll with little to do keeps the threads (``smtp.sending_process_from``): a spawned child would cost a
single reply more than it saves.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from sqlalchemy.exc import SQLAlchemyError

from mailbot.config import Config
from mailbot.core.errors import MailbotError
from mailbot.core.logs import install_redaction, setup_logging
from mailbot.outbox.sender import BackgroundSender, DrainReport, SaveCopies, SendingRound
from mailbot.store.db import Database
from mailbot.store.trouble import storage_error
from mailbot.transports import OpenSender
from mailbot.transports.servers import Servers

log = logging.getLogger(__name__)
WAKE, FINISH = "wake", "finish"  # the poller's words
REPORT, FAILED = "report", "failed"  # the child's answers
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # where ``mailbot`` is importable from, installed or not


def start_sending(db: Database, config: Config, open_sender: OpenSender, save_copies: SaveCopies | None,
                  waiting: int) -> SendingRound:
    """The round for a poll with ``waiting`` new messages: a process of its own for a backlog, threads otherwise."""
    threshold = config.smtp.sending_process_from
    if threshold is not None and waiting >= threshold:
        return SendingProcess(config).start()
    return BackgroundSender(db, config, open_sender, save_copies).start()


class SendingProcess:
    """The poller's side: start the child, tell it to wake and to finish, read its report."""

    def __init__(self, config: Config, fork: bool | None = None) -> None:
        self.config = config
        self.fork = threading.active_count() == 1 and hasattr(os, "fork") if fork is None else fork
        self.pid: int | None = None
        self._words: IO[bytes] | None = None  # to the child
        self._answers: IO[bytes] | None = None  # from the child
        self._spawned: subprocess.Popen[bytes] | None = None

    def start(self) -> SendingProcess:
        """Forked when this process runs one thread only (``mailbot poll``): the child has every module already
        and starts at once. Spawned otherwise (the service's threads might hold a lock a fork would copy)."""
        if self.fork:
            self._fork()
        else:
            self._spawn()
        self._say((self.config, logging.getLogger().level))
        return self

    def _fork(self) -> None:
        words_in, words_out = os.pipe()
        answers_in, answers_out = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: nothing of the poller is used, and it leaves without running the poller's exits
            code = 1
            try:
                os.close(words_out)
                os.close(answers_in)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                serve(os.fdopen(words_in, "rb"), os.fdopen(answers_out, "wb"))
                code = 0
            finally:
                os._exit(code)
        os.close(words_in)
        os.close(answers_out)
        self.pid, self._words, self._answers = pid, os.fdopen(words_out, "wb"), os.fdopen(answers_in, "rb")

    def _spawn(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 env=env)
        self._spawned, self.pid, self._words, self._answers = child, child.pid, child.stdin, child.stdout

    def _say(self, word: object) -> None:
        assert self._words is not None
        with contextlib.suppress(OSError):  # a child that died is told by finish(): it has no report
            pickle.dump(word, self._words)
            self._words.flush()

    def wake(self) -> None:
        self._say(WAKE)

    def finish(self) -> DrainReport:
        """Wait until everything committed so far is sent (or sending stopped); the child's report or error."""
        assert self._words is not None and self._answers is not None and self.pid is not None
        self._say(FINISH)
        with contextlib.suppress(OSError):
            self._words.close()
        answer = _read(self._answers)
        self._answers.close()
        code = self._spawned.wait() if self._spawned is not None else os.waitstatus_to_exitcode(
            os.waitpid(self.pid, 0)[1])
        if answer is None:
            log.error("the sending process ended without a report (exit code %s)", code)
            return DrainReport(error=f"the sending process ended without a report (exit code {code}); "
                                     "what it did not send goes out in the next round")
        kind, value = answer
        if kind == FAILED:
            raise value
        report: DrainReport = value
        return report


def _read(stream: IO[bytes]) -> Any:
    try:
        return pickle.load(stream)
    except (EOFError, pickle.UnpicklingError, OSError):
        return None


def _portable(error: BaseException) -> BaseException:
    """The error as the poller would have met it in a thread, in a form that crosses the pipe whole."""
    if isinstance(error, SQLAlchemyError):
        error = storage_error(error, "cannot record what was sent")
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - an error that does not survive the trip is told in words
        return MailbotError(f"sending failed: {type(error).__name__}: {error}")
    return error


def serve(words: IO[bytes], answers: IO[bytes]) -> None:
    """The child's side: the configuration, then one round, ended by FINISH or by the end of ``words``."""
    config, level = pickle.load(words)
    setup_logging(logging.getLevelName(level))
    install_redaction(config.secrets)
    log.info("sending from a process of its own (pid %d)", os.getpid())
    try:
        answer: tuple[str, object] = (REPORT, _one_round(config, words))
    except BaseException as e:  # noqa: BLE001 - told to the poller, which raises it as a thread's would be
        answer = (FAILED, _portable(e))
    with contextlib.suppress(OSError):  # the poller is gone: what was sent is in the ledger all the same
        pickle.dump(answer, answers)
        answers.flush()


def _one_round(config: Config, words: IO[bytes]) -> DrainReport:
    db = Database(config.database_url, config.database_schema, config.database_timeouts.statement,
                  config.database_timeouts.lock)
    try:
        servers = Servers(config)
        sending = BackgroundSender(db, config, servers.open_sender,
                                   servers.save_copies if config.smtp.save_sent else None).start()
        while _read(words) == WAKE:
            sending.wake()
        # FINISH, or the end of the input: the poller is done or gone, and what it committed goes out
        return sending.finish()
    finally:
        db.engine.dispose()


def main() -> None:
    # Ctrl-C reaches the whole process group: the poller decides when sending ends, and it says so
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    words = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to the log, never into the answers
    serve(words, answers)


if __name__ == "__main__":
    main()
