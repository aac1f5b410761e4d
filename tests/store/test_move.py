"""``mailbot move-database``: a circle with mail in flight moves from SQLite to a real PostgreSQL and runs on.

In flight: replies queued while the SMTP server was away, one the send ledger says was sent (not yet in
the outbox table), one begun and never confirmed (in doubt), and mail still unread on the IMAP server.
After the move: nothing sent twice, nothing lost, the one in doubt goes out again with its Message-ID,
and new rows get new ids (the sequences were advanced).
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from mailbot.demo.servers import SmtpSink
from mailbot.outbox.ledger import FileLedger
from tests.database import on_sqlite
from tests.faults.helpers import figures, log_tail, message_id_of
from tests.servers.bot import Bot, interest_mail, state, wait_until
from tests.servers.dovecot import MailboxUser
from tests.servers.postgres import PgCluster

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not on_sqlite(), reason="moves from SQLite: the circle starts in a file")]
PEOPLE = [f"p{i}@gemeente.example" for i in range(5)]


def outbox(bot: Bot) -> list[tuple[int, str, str, str]]:
    engine = sa.create_engine(str(bot.config["database"]["url"]))
    try:
        with engine.connect() as conn:
            if "outbox" not in sa.inspect(conn).get_table_names():
                return []
            return [tuple(r) for r in conn.execute(sa.text(  # type: ignore[misc]
                "SELECT id, recipient, message_id, state FROM outbox ORDER BY id"))]
    finally:
        engine.dispose()


def move(bot: Bot, url: str, terminal: bool = False) -> tuple[int, str, str]:
    """Run move-database; (exit code, stdout, stderr), stderr read through a terminal when ``terminal``."""
    if not terminal:
        done = bot.run("move-database", "--to", url)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(bot.argv("move-database", "--to", url), stdout=subprocess.PIPE, stderr=follower,
                            env=dict(os.environ), cwd=bot.root)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out = proc.communicate(timeout=120)[0].decode()
    os.close(leader)
    return proc.returncode, out, shown.decode(errors="replace")


def test_a_circle_with_mail_in_flight_moves_from_sqlite_to_postgresql_and_runs_on(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, pg_cluster: PgCluster) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    port = smtp.port
    smtp.stop()  # replies wait in the outbox
    mailbox.append([interest_mail(i, a) for i, a in enumerate(PEOPLE[:3])])
    target = pg_cluster.database("circle")

    service = bot.popen("run")
    try:
        assert wait_until(lambda: len(outbox(bot)) == 3 and state(bot, "last_poll") is not None, 60), log_tail(bot)
        code, _, err = move(bot, target)
        assert code == 1 and "a mailbot service is running on this database: stop it first" in err, err
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(60)

    rows = outbox(bot)
    assert [r[3] for r in rows] == ["pending"] * 3
    ledger = FileLedger(tmp_path / "mailbot.db.sent")
    sent, doubt, waiting = rows
    ledger.begin(sent[0], sent[2])
    ledger.sent(sent[0], sent[2])  # the server took it: the ledger knows, the outbox table not yet
    ledger.begin(doubt[0], doubt[2])  # the process died between DATA and the answer: in doubt
    ledger.close()
    mailbox.append([interest_mail(i + 3, a) for i, a in enumerate(PEOPLE[3:])])  # unread on the server

    code, out, shown = move(bot, target, terminal=True)
    assert code == 0, out + shown
    assert "checked: row counts and checksums are the same in both databases" in out, out
    assert "1 sent; 1 in doubt will go out again with the same Message-ID" in out, out
    assert "outbox" in shown and "3 / 3" in shown and "rows" in shown, f"progress on the terminal: {shown!r}"
    again = move(bot, target)
    assert again[0] == 1 and "the target holds data already" in again[2], again

    bot.config["database"] = {"url": target}
    bot.write()
    sink = SmtpSink(port).start()
    try:
        done = bot.run("poll")
        assert done.returncode == 0, done.stderr
        assert bot.run("poll").returncode == 0
        got = {person: sink.to(person) for person in PEOPLE}
    finally:
        sink.stop()
    assert got[sent[1]] == [], "sent before the move: never again"
    assert len(got[doubt[1]]) == 1 and message_id_of(got[doubt[1]][0].raw) == doubt[2], "in doubt: same Message-ID"
    assert len(got[waiting[1]]) == 1 and message_id_of(got[waiting[1]][0].raw) == waiting[2]
    assert all(len(got[p]) == 1 for p in PEOPLE[3:]), "the mail that came in meanwhile is answered on PostgreSQL"
    moved_on = outbox(bot)
    assert len(moved_on) == 5 and [r[0] for r in moved_on[:3]] == [r[0] for r in rows]
    assert all(r[3] == "sent" for r in moved_on), moved_on
    status = bot.run("status")
    assert status.returncode == 0 and "postgresql" in status.stdout, status.stderr
    # and back: PostgreSQL to a new SQLite file, checked the same way, and it runs on there too
    back = f"sqlite:///{tmp_path / 'back.db'}"
    code, out, err = move(bot, back)
    assert code == 0 and "checked: row counts and checksums are the same" in out, out + err
    bot.config["database"] = {"url": back}
    bot.write()
    mailbox.append([interest_mail(9, "laat@gemeente.example")])
    sink = SmtpSink(port).start()
    try:
        assert bot.run("poll").returncode == 0
        assert len(sink.to("laat@gemeente.example")) == 1 and sink.count() == 1, "only the new mail's reply"
    finally:
        sink.stop()
    figures(f"move-database SQLite -> PostgreSQL: 3 replies in flight (1 sent per the ledger, 1 in doubt), "
            f"2 mails unread; after the move 0 doubled, 0 lost, ids {[r[0] for r in moved_on]}; and back to SQLite")
