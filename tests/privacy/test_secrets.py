"""Secrets never reach logs, exceptions or command output; a readable config with a literal password is refused.

Logs are captured at DEBUG from every logger (imapclient's protocol trace too) with the
redaction filter *not* installed, so that a leak is caught where it starts rather than
hidden by ``RedactSecrets``; command output is checked as an operator would see it.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from mailbot.app import App, open_app
from mailbot.config import load_config
from mailbot.conversation.tokens import find_tokens
from mailbot.core.errors import AuthError
from mailbot.demo.servers import Delivery, SmtpSink, free_port
from mailbot.engine.runner import PollReport
from tests.servers.bot import Bot, interest_mail
from tests.servers.dovecot import MailboxUser

pytestmark = pytest.mark.integration
SMTP_USER, SMTP_PASSWORD = "mailbot", "smtp-Geheim-7b1c9e"
TEST_SERVER_LOGGERS = ("mail.log", "mail.debug", "pymap")  # the test's own servers (aiosmtpd, pymap), not mailbot


class _Accept:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.sink.add(Delivery(envelope.mail_from, tuple(r.lower() for r in envelope.rcpt_tos),
                               bytes(envelope.original_content or envelope.content), 0.0))
        return "250 OK"


def _check_password(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.login == SMTP_USER.encode() \
        and data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # False: the server answers 535 itself


@pytest.fixture
def auth_smtp() -> Iterator[SmtpSink]:
    """An SMTP server that wants a login (over plain text on loopback, for the test only)."""
    sink = SmtpSink(port=free_port())
    controller = Controller(_Accept(sink), hostname="127.0.0.1", port=sink.port, authenticator=_check_password,
                            auth_require_tls=False)
    controller.start()
    yield sink
    controller.stop()
    asyncio.set_event_loop(None)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    for name in ("imapclient", "imapclient.imaplib", "apscheduler"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield caplog


def secrets_of(bot: Bot) -> list[str]:
    """Each configured secret, plus the forms a protocol trace would carry it in."""
    plain = [bot.mailbox.password, SMTP_PASSWORD]
    encoded = [base64.b64encode(f"\0{SMTP_USER}\0{SMTP_PASSWORD}".encode()).decode(),
               base64.b64encode(SMTP_PASSWORD.encode()).decode()]
    return plain + encoded


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(r) + (formatter.formatException(r.exc_info) if r.exc_info else "")
                     for r in caplog.records if not r.name.startswith(TEST_SERVER_LOGGERS))


def exception_text(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)) + repr(error) + repr(error.args)


def unredacted_app(bot: Bot) -> App:
    """The app as ``load_app`` builds it, minus the log filter: leaks must not depend on it."""
    return open_app(load_config(bot.path))


def make_bot(tmp_path: Path, mailbox: MailboxUser, sink: SmtpSink, monkeypatch: pytest.MonkeyPatch) -> Bot:
    monkeypatch.setenv("MAILBOT_TEST_SMTP_PASSWORD", SMTP_PASSWORD)
    return Bot(tmp_path, mailbox, sink, smtp={"username": SMTP_USER, "password": "${MAILBOT_TEST_SMTP_PASSWORD}"})


def assert_nowhere(secrets: list[str], **places: str) -> None:
    for where, text in places.items():
        for secret in secrets:
            assert secret not in text, f"a configured secret appears in {where}"


def test_a_working_poll_logs_no_secret(tmp_path: Path, mailbox: MailboxUser, auth_smtp: SmtpSink,
                                       debug_logs: pytest.LogCaptureFixture,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bot = make_bot(tmp_path, mailbox, auth_smtp, monkeypatch)
    mailbox.append([interest_mail(1, "anna@gemeente.example")])
    report: PollReport = unredacted_app(bot).runner.poll()
    assert report.drain.sent == 1 and not report.drain.error, "the login to SMTP worked"
    assert any(r.name.startswith("imapclient") for r in debug_logs.records), "the IMAP trace was captured"
    status, messages = bot.run("--log-level", "debug", "status"), bot.run("--log-level", "debug", "messages")
    assert status.returncode == 0 and messages.returncode == 0
    assert_nowhere(secrets_of(bot), logs=logged_text(debug_logs), status=status.stdout + status.stderr,
                   messages=messages.stdout + messages.stderr)


def test_refused_logins_reveal_no_secret(tmp_path: Path, mailbox: MailboxUser, auth_smtp: SmtpSink,
                                        debug_logs: pytest.LogCaptureFixture,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    bot = make_bot(tmp_path, mailbox, auth_smtp, monkeypatch)
    secrets = secrets_of(bot)
    monkeypatch.setenv("MAILBOT_TEST_SMTP_PASSWORD", SMTP_PASSWORD + "-wrong")
    mailbox.append([interest_mail(1, "anna@gemeente.example")])
    report = unredacted_app(bot).runner.poll()
    assert "login refused" in report.drain.error
    wrong_smtp = [SMTP_PASSWORD + "-wrong", base64.b64encode(f"\0{SMTP_USER}\0{SMTP_PASSWORD}-wrong".encode()).decode()]

    os.environ["MAILBOT_TEST_IMAP_PASSWORD"] = bot.mailbox.password + "-wrong"
    wrong_imap = bot.mailbox.password + "-wrong"
    try:
        with pytest.raises(AuthError) as refused:
            unredacted_app(bot).runner.poll()
        poll = bot.run("--log-level", "debug", "poll")
        check = bot.run("--log-level", "debug", "check-config")
        status = bot.run("--log-level", "debug", "status", "--format", "json")
    finally:
        os.environ["MAILBOT_TEST_IMAP_PASSWORD"] = bot.mailbox.password
    assert "login refused" in str(refused.value) and poll.returncode == 3 and check.returncode == 3
    assert_nowhere(secrets + wrong_smtp + [wrong_imap], logs=logged_text(debug_logs),
                   exception=exception_text(refused.value), poll=poll.stdout + poll.stderr,
                   check_config=check.stdout + check.stderr, status=status.stdout + status.stderr)


def test_confirmation_tokens_are_not_logged(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink,
                                            debug_logs: pytest.LogCaptureFixture) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, "anna@gemeente.example", subject="Verzoek",
                                  body="Wilt u mijn gegevens verwijderen?\n")])
    bot.poll()
    [confirm] = smtp.to("anna@gemeente.example")
    tokens = find_tokens(str(confirm.message["Subject"]), "")
    assert tokens
    messages = bot.run("--log-level", "debug", "messages")
    assert_nowhere(sorted(tokens), logs=logged_text(debug_logs), messages_stderr=messages.stderr)


@pytest.mark.parametrize("mode, password, refused", [
    (0o644, "letterlijk-geheim", True),
    (0o640, "letterlijk-geheim", True),
    (0o600, "letterlijk-geheim", False),
    (0o644, "${MAILBOT_TEST_IMAP_PASSWORD}", False),
])
def test_a_literal_password_in_a_readable_config_is_refused(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink, mode: int, password: str, refused: bool) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    bot.config["imap"]["password"] = password
    bot.write()
    os.chmod(bot.path, mode)
    status = bot.run("status")
    if refused:
        assert status.returncode == 2 and "imap.password" in status.stderr and "chmod 600" in status.stderr
        assert password not in status.stderr + status.stdout
    else:
        assert status.returncode == 0, status.stderr
