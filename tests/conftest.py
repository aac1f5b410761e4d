"""Shared fixtures: real mail servers on loopback (``tests.servers``) and in-memory fakes (``tests.fakes``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot.demo.servers import SmtpSink
from tests.servers.dovecot import Dovecot, MailboxUser, PymapMailboxUser, dovecot_binary
from tests.servers.idp import IdentityProvider
from tests.servers.postgres import PgCluster, postgres_installed
from tests.servers.tls import Certificates, make_certificates

# Fixtures that start a real server or program: a test that asks for one is an integration test, whether or
# not its module says so, and ``make check`` (the inner loop) leaves it to ``make test``.
REAL_PARTS = frozenset({"dovecot", "mailbox", "smtp", "secure_dovecot", "box", "idp", "private_dovecot",
                        "private_mailbox", "own_dovecot", "chromium", "soffice", "pg_cluster"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if REAL_PARTS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot | None]:
    exe = dovecot_binary()
    if exe is None:
        if os.environ.get("MAILBOT_REQUIRE_DOVECOT") == "1":
            pytest.fail("MAILBOT_REQUIRE_DOVECOT=1 but dovecot is not installed (or we are not root)")
        yield None
        return
    server = Dovecot(exe).start()
    yield server
    server.cleanup()


@pytest.fixture
def mailbox(dovecot: Dovecot | None) -> Iterator[MailboxUser]:
    """A fresh, empty mailbox on Dovecot (or pymap when Dovecot is not available)."""
    if dovecot is not None:
        yield dovecot.new_user()
        return
    box = PymapMailboxUser()
    yield box
    box.close()


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def certs() -> Iterator[Certificates]:
    with tempfile.TemporaryDirectory(prefix="mailbot-certs-") as folder:
        os.chmod(folder, 0o755)  # Dovecot reads the certificate as root, its login processes do not need it
        yield make_certificates(Path(folder))


@pytest.fixture(scope="session")
def idp(certs: Certificates) -> Iterator[IdentityProvider]:
    provider = IdentityProvider(certs).start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def secure_dovecot(certs: Certificates, idp: IdentityProvider) -> Iterator[Dovecot]:
    """Dovecot with STARTTLS, implicit TLS, passwords and XOAUTH2."""
    exe = dovecot_binary()
    if exe is None:
        pytest.skip("needs Dovecot (and root): TLS, XOAUTH2 and restarts are tested against the real thing")
    server = Dovecot(exe, certs, idp).start()
    yield server
    server.cleanup()


@pytest.fixture
def box(secure_dovecot: Dovecot) -> MailboxUser:
    """A fresh user on the TLS + XOAUTH2 Dovecot."""
    return secure_dovecot.new_user()
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


@pytest.fixture
def pg_cluster() -> Iterator[PgCluster]:
    """A private PostgreSQL server of this test's own, to stop, start, lock and exhaust (few connections)."""
    if not postgres_installed():
        pytest.skip("needs PostgreSQL (apt-get install postgresql) and root: .ci/run has both")
    cluster = PgCluster("max_connections=20", "superuser_reserved_connections=2").start()
    yield cluster
    cluster.cleanup()


@pytest.fixture(scope="session", autouse=True)
def _test_schemas() -> Iterator[None]:
    """On a database server (MAILBOT_TEST_DATABASE_URL), the schemas the tests made go at the end; those of
    earlier sessions that died before their end go at the start."""
    from tests.database import drop_test_schemas

    drop_test_schemas(stale=True)
    yield
    drop_test_schemas()
