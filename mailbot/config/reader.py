"""Reading a parsed YAML mapping key by key, so that every error names its dotted key.

``Section`` refuses keys nobody asked for (``imap.prot: unknown key``) and turns
wrong types into one line the operator can act on (``imap.port: expected an
integer, got 'abc'``). Values may be ``${ENV_VAR}`` so that secrets stay out of the file.
"""

from __future__ import annotations

import builtins
import ipaddress
import os
import re
from collections.abc import Mapping
from typing import Any

from mailbot.core.errors import ConfigError
from mailbot.mail.address import address_problem

ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
REQUIRED = object()


class Section:
    """A mapping read key by key; whatever is left unread at ``done()`` is an unknown key."""

    def __init__(self, raw: object, key: str) -> None:
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise ConfigError(key, f"expected a mapping, got {kind_of(raw)}")
        self.raw: dict[str, Any] = {str(k): v for k, v in raw.items()}
        self.key = key
        self.seen: set[str] = set()

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def _get(self, name: str, default: object) -> object:
        self.seen.add(name)
        if name not in self.raw or self.raw[name] is None:
            if default is REQUIRED:
                raise ConfigError(self.path(name), "missing")
            return default
        return self.raw[name]

    def raw_value(self, name: str, default: object = None) -> object:
        return self._get(name, default)

    def str(self, name: str, default: object = REQUIRED, *, allow_empty: bool = False) -> Any:
        value = self._get(name, default)
        if value is default:
            return value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ConfigError(self.path(name), f"expected text, got {kind_of(value)}")
        text = expand_env(str(value), self.path(name))
        if not text.strip() and not allow_empty:
            raise ConfigError(self.path(name), "must not be empty")
        return text

    def secret(self, name: builtins.str,
               default: object = REQUIRED) -> tuple[Any, tuple[builtins.str, builtins.str] | None]:
        """A password or token: its text, or "" and (key, problem) when its ``${ENV_VAR}`` is not set.

        Only signing in to a server needs a secret; reading the database must not (``require_secrets``).
        """
        try:
            return self.str(name, default, allow_empty=True), None
        except ConfigError as e:
            if not isinstance(self.raw.get(name), str) or not ENV_REF.search(self.raw[name]) \
                    or "is not set" not in e.problem:
                raise
            return "", (e.key, e.problem)

    def int(self, name: builtins.str, default: object = REQUIRED, *, minimum: int | None = None,
            maximum: int | None = None) -> Any:
        value = self._get(name, default)
        if value is default:
            return value
        if isinstance(value, str):
            value = expand_env(value, self.path(name))
            try:
                value = int(value)
            except ValueError:
                raise ConfigError(self.path(name), f"expected an integer, got {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(self.path(name), f"expected an integer, got {kind_of(value)}")
        if minimum is not None and value < minimum:
            raise ConfigError(self.path(name), f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise ConfigError(self.path(name), f"must be at most {maximum}, got {value}")
        return value

    def bool(self, name: builtins.str, default: object = REQUIRED) -> Any:
        value = self._get(name, default)
        if value is default:
            return value
        if isinstance(value, str):
            lowered = expand_env(value, self.path(name)).strip().lower()
            if lowered in ("true", "yes", "on", "1"):
                return True
            if lowered in ("false", "no", "off", "0"):
                return False
        if not isinstance(value, bool):
            raise ConfigError(self.path(name), f"expected true or false, got {value!r}")
        return value

    def choice(self, name: builtins.str, choices: tuple[builtins.str, ...], default: object = REQUIRED) -> Any:
        value = self.str(name, default)
        if value is default:
            return value
        if value not in choices:
            raise ConfigError(self.path(name), f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    def email(self, name: builtins.str, default: object = REQUIRED) -> Any:
        value = self.str(name, default)
        if value is default:
            return value
        problem = address_problem(value.strip())
        if problem:
            raise ConfigError(self.path(name), f"not an email address ({problem}): {value!r}")
        return value.strip()

    def done(self) -> None:
        unknown = sorted(set(self.raw) - self.seen)
        if unknown:
            raise ConfigError(self.path(unknown[0]), "unknown key")


def expand_env(value: str, key: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise ConfigError(key, f"environment variable {name} is not set")
        return os.environ[name]

    return ENV_REF.sub(replace, value)


def kind_of(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


