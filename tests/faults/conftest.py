"""Fixtures of the fault suite: a private Dovecot that a test may stop, and the FIGURES summary.

Every fault test reports what it did in one line starting with ``FIGURES:`` (for the README);
the lines are printed at once and repeated at the end of the run, so they show without ``-s``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.helpers import FIGURES
from tests.servers.dovecot import Dovecot, MailboxUser, dovecot_binary


@pytest.fixture
def private_dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this test's own, which it may stop and start without disturbing the others."""
    exe = dovecot_binary()
    if exe is None:
        pytest.skip("needs Dovecot (and root) to stop and restart an IMAP server")
    server = Dovecot(exe)
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def private_mailbox(private_dovecot: Dovecot) -> MailboxUser:
    return private_dovecot.new_user()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("fault suite figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
