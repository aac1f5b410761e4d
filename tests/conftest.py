"""Shared fixtures: real mail servers on loopback and a bot configured against them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mailbot.devservers import SmtpSink
from tests.mailservers import Dovecot, Mailbox, PymapMailbox, dovecot_binary


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot | None]:
    exe = dovecot_binary()
    if exe is None:
        if os.environ.get("MAILBOT_REQUIRE_DOVECOT") == "1":
            pytest.fail("MAILBOT_REQUIRE_DOVECOT=1 but dovecot is not installed (or we are not root)")
        yield None
        return
    server = Dovecot(exe)
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def mailbox(dovecot: Dovecot | None) -> Iterator[Mailbox]:
    """A fresh, empty mailbox on Dovecot (or pymap when Dovecot is not available)."""
    if dovecot is not None:
        yield Mailbox("dovecot", dovecot.port, dovecot.add_user())
        return
    box = PymapMailbox()
    yield box
    box.close()


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


def _binary(*names: str) -> str | None:
    import shutil

    return next((found for name in names if (found := shutil.which(name)) is not None), None)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, to open exports as a spreadsheet would (``apt-get install libreoffice-calc-nogui``)."""
    found = _binary("soffice", "libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui; .ci/run does")
    return found


@pytest.fixture(scope="session")
def chromium() -> str:
    """Headless Chromium, to photograph rendered mail (``apt-get install chromium``)."""
    found = _binary("chromium", "chromium-browser", "google-chrome")
    if found is None:
        pytest.skip("Chromium is not installed: apt-get install chromium; .ci/run does")
    return found
