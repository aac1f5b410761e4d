"""Fixtures for the transport tests: a user on the TLS + XOAUTH2 Dovecot, SMTP servers that want TLS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.idp import IdentityProvider
from tests.servers.smtp import SecureSmtpSink
from tests.servers.tls import Certificates


@pytest.fixture
def trust_test_ca(certs: Certificates, monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP clients (msal, google-auth) trust the test CA, as they would trust a real provider's."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certs.ca))


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
