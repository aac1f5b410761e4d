"""The database failing under a running service, on a real PostgreSQL: stopped, out of connections, locked.

Each outage is the database's (never IMAP's, however well the IMAP logins go), said once with its cause,
retried with a growing backoff, and said to be over once; no traceback; the mail that came in meanwhile
is answered afterwards, once.
"""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from mailbot.demo.servers import SmtpSink
from tests.faults.helpers import figures, log_tail
from tests.servers.bot import Bot, interest_mail, wait_until
from tests.servers.dovecot import MailboxUser
from tests.servers.postgres import PgCluster

pytestmark = [pytest.mark.integration, pytest.mark.slow]
LEVELS = (" INFO ", " WARNING ", " ERROR ", " CRITICAL ")


def said(bot: Bot) -> list[str]:
    """What the service said at INFO and above (it runs at DEBUG, to show each attempt)."""
    return [line for line in log_tail(bot, 10**7).splitlines() if any(level in line for level in LEVELS)]


def attempts(bot: Bot, state: str) -> list[float]:
    """The backoff the service chose after each retry of the database outage ``state`` (the DEBUG lines)."""
    return [float(found.group(1)) for line in log_tail(bot, 10**7).splitlines()
            if (found := re.search(rf"database still {state} \(attempt \d+, next in ([\d.]+) s\)", line))]


@contextmanager
def running(bot: Bot) -> Iterator[subprocess.Popen[bytes]]:
    proc = bot.popen("--log-level", "debug", "run")
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)


def circle(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, cluster: PgCluster, **database: object) -> Bot:
    return Bot(tmp_path, mailbox, smtp, database={"url": cluster.database("circle"), **database})


def assert_one_outage(bot: Bot, state: str) -> None:
    lines = said(bot)
    text = log_tail(bot, 10**7)
    started = [line for line in lines if f"database {state}:" in line]
    assert len(started) == 1, "\n".join(lines)
    assert sum("database works again" in line for line in lines) == 1, "\n".join(lines)
    assert "Traceback" not in text, text[-3000:]
    assert not any("IMAP" in line and ("unavailable" in line or "works again" in line) for line in lines), lines
    delays = attempts(bot, state)
    assert len(delays) >= 2 and delays[-1] > 1.5 * delays[0], f"the backoff grows: {delays}"
    figures(f"database {state}: {len(lines)} line(s) at INFO and above, {len(delays) + 1} attempts, "
            f"backoff {delays} s, 0 tracebacks")


def test_a_stopped_database_is_said_once_backs_off_and_is_said_to_work_again(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, pg_cluster: PgCluster) -> None:
    bot = circle(tmp_path, mailbox, smtp, pg_cluster)
    mailbox.append([interest_mail(0, "anna@gemeente.example")])
    with running(bot):
        assert wait_until(lambda: len(smtp.to("anna@gemeente.example")) == 1, 60), log_tail(bot)
        pg_cluster.stop()
        mailbox.append([interest_mail(1, "bram@provincie.example")])  # IDLE wakes the service: no database
        assert wait_until(lambda: len(attempts(bot, "unavailable")) >= 4, 120, step=0.2), log_tail(bot)
        pg_cluster.start()
        assert wait_until(lambda: len(smtp.to("bram@provincie.example")) == 1, 120, step=0.2), log_tail(bot)
    assert_one_outage(bot, "unavailable")
    assert len(smtp.to("anna@gemeente.example")) == 1


def test_a_server_out_of_connections_is_said_once_and_the_mail_waits(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, pg_cluster: PgCluster) -> None:
    bot = circle(tmp_path, mailbox, smtp, pg_cluster)
    mailbox.append([interest_mail(0, "anna@gemeente.example")])
    with running(bot):
        assert wait_until(lambda: len(smtp.to("anna@gemeente.example")) == 1, 60), log_tail(bot)
        pg_cluster.stop()  # the service's connections end with the server ...
        pg_cluster.start()
        with pg_cluster.connections() as held:  # ... and every new one is someone else's
            mailbox.append([interest_mail(1, "bram@provincie.example")])
            assert wait_until(lambda: len(attempts(bot, "out of connections")) >= 3, 120, step=0.2), log_tail(bot)
            assert len(held) >= 18
        assert wait_until(lambda: len(smtp.to("bram@provincie.example")) == 1, 120, step=0.2), log_tail(bot)
    assert_one_outage(bot, "out of connections")
    assert "too many clients" in "".join(line for line in said(bot) if "out of connections:" in line)


def test_a_lock_held_elsewhere_is_waited_for_as_long_as_configured_and_its_holder_named(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, pg_cluster: PgCluster) -> None:
    bot = circle(tmp_path, mailbox, smtp, pg_cluster, lock_timeout=2, statement_timeout=20)
    mailbox.append([interest_mail(0, "anna@gemeente.example")])
    holder = sa.create_engine(str(bot.config["database"]["url"]), connect_args={"application_name": "a vacuum job"})
    with running(bot):
        assert wait_until(lambda: len(smtp.to("anna@gemeente.example")) == 1, 60), log_tail(bot)
        with holder.connect() as conn, conn.begin():
            conn.execute(sa.text("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE"))
            mailbox.append([interest_mail(1, "bram@provincie.example")])
            assert wait_until(lambda: len(attempts(bot, "locked")) >= 3, 120, step=0.2), log_tail(bot)
            # the administrator looks: one line that says what it waited for, no traceback
            status = bot.run("status")
            assert status.returncode == 1 and status.stderr.count("\n") == 1, status.stderr
            assert "database locked: " in status.stderr and "lock timeout" in status.stderr
            assert not smtp.to("bram@provincie.example")
        assert wait_until(lambda: len(smtp.to("bram@provincie.example")) == 1, 120, step=0.2), log_tail(bot)
    holder.dispose()
    assert_one_outage(bot, "locked")
    warning = next(line for line in said(bot) if "database locked:" in line)
    assert " WARNING " in warning and "database.lock_timeout is 2 s" in warning, warning
    assert re.search(r"pid \d+ \(a vacuum job, idle in transaction", warning), warning
    assert "messages AccessExclusiveLock" in warning, warning
    status = bot.run("status")
    assert status.returncode == 0, status.stderr
    assert "a lock wait last 2 s (database.lock_timeout)" in status.stdout, status.stdout
    assert "a statement may run 20 s (database.statement_timeout)" in status.stdout, status.stdout
    assert re.search(r"last error: .* database: .*lock timeout.*resolved at", status.stdout), status.stdout
