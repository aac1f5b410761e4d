"""The sign-in settings of imap and smtp: shapes that work, and errors that name the key."""

from __future__ import annotations

import pytest

from mailbot.config import load_imap, load_smtp
from mailbot.core.errors import ConfigError

BASE = {"host": "imap.example.org", "username": "leerkring@example.org"}


def test_password_is_the_default() -> None:
    config = load_imap({**BASE, "password": "x"})
    assert config.auth == "password" and config.oauth2 is None
    assert config.tls_verify and config.idle is None and config.idle_refresh == 600


def test_microsoft_defaults() -> None:
    config = load_imap({**BASE, "auth": "oauth2", "oauth2": {"provider": "microsoft", "tenant_id": "t1",
                                                         "client_id": "c1", "client_secret": "s1"}})
    assert config.oauth2 is not None
    assert config.oauth2.authority == "https://login.microsoftonline.com/t1"
    assert config.oauth2.scope == "https://outlook.office365.com/.default"
    assert config.secrets == ("s1",)
    assert "s1" not in repr(config)


def test_google_defaults_and_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_REFRESH", "1//r")
    config = load_smtp({**BASE, "auth": "oauth2", "save_sent": True,
                    "oauth2": {"provider": "google", "client_id": "c", "client_secret": "s",
                               "refresh_token": "${GOOGLE_REFRESH}"}})
    assert config.oauth2 is not None and config.save_sent
    assert config.oauth2.scope == "https://mail.google.com/"
    assert config.oauth2.token_uri == "https://oauth2.googleapis.com/token"
    assert set(config.secrets) == {"s", "1//r"}


@pytest.mark.parametrize(("settings", "key", "problem"), [
    ({"auth": "kerberos"}, "imap.auth", "must be one of password, oauth2"),
    ({"auth": "oauth2"}, "imap.oauth2", "missing"),
    ({"auth": "oauth2", "username": ""}, "imap.username", "required with auth: oauth2"),
    ({"oauth2": {"provider": "google"}}, "imap.oauth2", "only used with auth: oauth2"),
    ({"auth": "oauth2", "oauth2": {"provider": "yahoo"}}, "imap.oauth2.provider", "must be one of"),
    ({"auth": "oauth2", "oauth2": {"provider": "microsoft", "client_id": "c", "client_secret": "s"}},
     "imap.oauth2.tenant_id", "missing"),
    ({"auth": "oauth2", "oauth2": {"provider": "command", "token_command": "x", "refresh_token": "r"}},
     "imap.oauth2.refresh_token", "not used by provider command"),
    ({"auth": "oauth2", "oauth2": {"provider": "google", "client_id": "c", "client_secret": "s",
                                   "refresh_token": "r", "token_uri": "http://evil.example/token"}},
     "imap.oauth2.token_uri", "must be an https:// URL"),
    ({"auth": "oauth2", "oauth2": {"provider": "command", "token_command": "${NO_SUCH_VARIABLE_HERE}"}},
     "imap.oauth2.token_command", "environment variable NO_SUCH_VARIABLE_HERE is not set"),
    ({"idle": "sometimes"}, "imap.idle", "expected true or false"),
    ({"idle_refresh": 1800}, "imap.idle_refresh", "at most 1740"),
])
def test_errors_name_the_key(settings: dict[str, object], key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_imap({**BASE, **settings})
    assert caught.value.key == key and problem in caught.value.problem


def test_save_sent_is_an_smtp_setting() -> None:
    with pytest.raises(ConfigError, match="imap.save_sent: unknown key"):
        load_imap({**BASE, "save_sent": True})


def test_a_backlog_sends_from_a_process_of_its_own_unless_switched_off() -> None:
    assert load_smtp({**BASE, "password": "x"}).sending_process_from == 200
    assert load_smtp({**BASE, "password": "x", "sending_process_from": 0}).sending_process_from == 0
    assert load_smtp({**BASE, "password": "x", "sending_process_from": False}).sending_process_from is None
    for wrong, problem in ((-1, "must be at least 0"), ("many", "expected an integer"), (True, "expected an integer")):
        with pytest.raises(ConfigError, match=problem) as raised:
            load_smtp({**BASE, "password": "x", "sending_process_from": wrong})
        assert raised.value.key == "smtp.sending_process_from"
