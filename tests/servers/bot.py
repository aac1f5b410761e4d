"""A bot configured against the test servers, driven in-process or as a real `mailbot` process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from mailbot.app import App, load_app
from mailbot.demo.servers import Delivery, SmtpSink
from mailbot.digest.send import preview_digest
from mailbot.engine.reports import messages, participants
from mailbot.engine.runner import PollReport
from mailbot.wording.templates import Rendered
from tests.database import database_url
from tests.servers.dovecot import MailboxUser

BOT = "leerkring@example.org"
ORGANISER = "organiser@example.org"


class Bot:
    def __init__(self, root: Path, mailbox: MailboxUser, sink: SmtpSink, **extra: Any) -> None:
        self.root = root
        self.mailbox = mailbox
        self.smtp = sink
        self.config: dict[str, Any] = {
            "timezone": "Europe/Amsterdam",
            "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": BOT, "language": "nl"},
            "organisers": [{"name": "Organiser", "email": ORGANISER}],
            "imap": {"host": "127.0.0.1", "port": mailbox.port, "security": "none", "username": mailbox.user,
                     "password": "${MAILBOT_TEST_IMAP_PASSWORD}", "folder": "INBOX",
                     "processed_folder": "Processed", "poll_interval": 60},
            "smtp": {"host": "127.0.0.1", "port": sink.port, "security": "none", "username": "", "password": ""},
            "database": {"url": database_url(root)},
        }
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(self.config.get(key), dict):
                self.config[key].update(value)
            else:
                self.config[key] = value
        os.environ["MAILBOT_TEST_IMAP_PASSWORD"] = mailbox.password
        self.path = root / "config.yaml"
        self.write()

    def write(self) -> None:
        self.path.write_text(yaml.safe_dump(self.config, allow_unicode=True, sort_keys=False))
        os.chmod(self.path, 0o600)

    def app(self) -> App:
        return load_app(str(self.path))

    def poll(self) -> PollReport:
        return self.app().runner.poll()

    def digest_preview(self, lang: str | None = None) -> Rendered:
        app = self.app()
        return preview_digest(app.db, app.config, app.templates, lang=lang)

    def participants(self) -> dict[str, dict[str, Any]]:
        app = self.app()
        with app.db.session() as session:
            return {p["email"]: p for p in participants(session, app.config.questionnaire)}

    def messages(self) -> list[dict[str, Any]]:
        app = self.app()
        with app.db.session() as session:
            return messages(session)

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "mailbot", "--config", str(self.path), *args]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.argv(*args), capture_output=True, text=True, timeout=timeout,
                              env=dict(os.environ), cwd=self.root)

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        log = open(self.root / "bot.log", "ab")  # noqa: SIM115 - handed to the child
        try:
            return subprocess.Popen(self.argv(*args), stdout=log, stderr=log, env=dict(os.environ), cwd=self.root,
                                    start_new_session=True)
        finally:
            log.close()

    def json(self, *args: str) -> Any:
        p = self.run(*args)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout)


def wait_until(condition: Callable[..., object], timeout: float, step: float = 0.02) -> bool:
    """Wait for an event (``condition`` true), at most ``timeout`` seconds: a ceiling, never the expected time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def state(bot: Bot, key: str) -> dict[str, object] | None:
    """A runtime value the bot keeps in its database (``last_poll``, ``last_error``), read without the app."""
    return _read(bot, lambda conn: _decoded(conn.execute(sa.text("SELECT value FROM state WHERE key = :k"),
                                                         {"k": key}).scalar()), "state")


def polls_done(bot: Bot, polls: int, timeout: float = 60) -> bool:
    """Wait until the running service has finished ``polls`` more poll cycles (its heartbeat changed as often).

    What a cycle would still do (a reply sent twice, a configuration read again) has happened by then:
    the event to wait for before saying that something did *not* happen.
    """
    seen = [state(bot, "last_poll")]

    def advanced() -> bool:
        now = state(bot, "last_poll")
        if now != seen[-1]:
            seen.append(now)
        return len(seen) > polls

    return wait_until(advanced, timeout)


def quiescent(bot: Bot) -> bool:
    """Everything stored is marked handled and nothing waits to be sent: no further mail can come out.

    Every reply is queued in the transaction that decided its mail, so once each stored message is
    marked and the outbox holds nothing pending or half-sent, the bot has said all it will say.
    """
    def check(conn: sa.Connection) -> bool:
        waiting = conn.execute(sa.text("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')")).scalar()
        unmarked = conn.execute(sa.text("SELECT count(*) FROM messages WHERE NOT marked")).scalar()
        return waiting == 0 and unmarked == 0

    return bool(_read(bot, check, "outbox"))


def _decoded(value: object) -> dict[str, object] | None:
    return (json.loads(value) if isinstance(value, str) else value) if value is not None else None  # type: ignore[return-value]


def _read(bot: Bot, query: Callable[[sa.Connection], Any], table: str) -> Any:
    url = str(bot.config["database"]["url"])
    if url.startswith("sqlite") and not (bot.root / "mailbot.db").exists():
        return None
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if table not in sa.inspect(conn).get_table_names():
                return None
            return query(conn)
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def of_kind(smtp: SmtpSink, address: str, kind: str) -> list[Delivery]:
    """The mails of one kind (``MailKind``) that reached ``address``: the kind is in our Message-ID."""
    return [d for d in smtp.to(address) if f"mailbot.{kind}." in str(d.message["Message-ID"])]


def text_of(delivery: Delivery) -> str:
    """The plain-text body of a delivered mail ("" when it has none)."""
    body = delivery.message.get_body(preferencelist=("plain",))
    return str(body.get_content()) if body is not None else ""


def kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def interest_mail(i: int, address: str, name: str = "Test Deelnemer", lang: str = "nl",
                  body: str | None = None, subject: str | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = f"{name} <{address}>"
    m["To"] = BOT
    m["Subject"] = subject or ("Aanmelding leerkring" if lang == "nl" else "Registration learning circle")
    m["Date"] = format_datetime(datetime.now(UTC))
    m["Message-ID"] = make_msgid(f"interest{i}", domain=address.split("@")[1])
    m.set_content(body or (
        f"Beste organisatie,\n\nGraag meld ik mij aan voor de leerkring.\n\nMet vriendelijke groet,\n{name}\n"
        if lang == "nl" else
        f"Dear organisers,\n\nI would like to take part in the learning circle.\n\nKind regards,\n{name}\n"))
    return m.as_bytes()


def people(n: int, prefix: str = "p") -> list[str]:
    return [f"{prefix}{i:04d}@org{i % 7}.example" for i in range(n)]
