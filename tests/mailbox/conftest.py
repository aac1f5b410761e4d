"""Fixtures for the mailbox tests: one CA, one identity provider and one TLS + XOAUTH2 Dovecot per session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mailbox.servers import Certificates, Dovecot, IdentityProvider, SecureSmtpSink, make_certificates
from tests.mailservers import Mailbox, dovecot_binary


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
    exe = dovecot_binary()
    if exe is None:
        pytest.skip("needs Dovecot (and root): TLS, XOAUTH2 and restarts are tested against the real thing")
    server = Dovecot(exe, certs, idp).start()
    yield server
    server.cleanup()


@pytest.fixture
def box(secure_dovecot: Dovecot) -> Mailbox:
    """A fresh user on the TLS + XOAUTH2 Dovecot."""
    return secure_dovecot.mailbox()


@pytest.fixture
def trust_test_ca(certs: Certificates, monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP clients (msal, google-auth) trust the test CA, as they would trust a real provider's."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certs.ca))


@pytest.fixture(autouse=True)
def fresh_tokens() -> Iterator[None]:
    """Each test starts without cached access tokens."""
    from mailbot.auth import tokens

    tokens._registry.clear()
    yield
    tokens._registry.clear()


@pytest.fixture
def starttls_smtp(certs: Certificates, idp: IdentityProvider) -> Iterator[SecureSmtpSink]:
    sink = SecureSmtpSink(certs, "starttls", idp).start()
    yield sink
    sink.stop()


@pytest.fixture
def ssl_smtp(certs: Certificates, idp: IdentityProvider) -> Iterator[SecureSmtpSink]:
    sink = SecureSmtpSink(certs, "ssl", idp).start()
    yield sink
    sink.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # aiosmtpd warns (as a UserWarning, in its server thread) about AUTH over implicit TLS, which it cannot see
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"))
