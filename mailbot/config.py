"""The YAML configuration, read once at start into frozen dataclasses.

Every key is documented in ``config.example.yaml``; every error names its key
(``imap.port: expected an integer, got 'abc'``) and is raised as ConfigError.
Values may be ``${ENV_VAR}`` so that secrets stay out of the file.
"""

from __future__ import annotations

import builtins
import ipaddress
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import yaml

from mailbot.answers.questionnaire import SAFE_LOADER, Questionnaire, load_default_questionnaire, load_questionnaire
from mailbot.digest.schedule import check_digest_schedule
from mailbot.errors import ConfigError
from mailbot.meetings.model import Meeting, ReminderPolicy, load_meetings, load_reminder_policy, load_timezone

LANGUAGES = ("nl", "en")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
_REQUIRED = object()
T = TypeVar("T")


@dataclass(frozen=True)
class Programme:
    name: str
    address: str
    language: str

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1].lower()


@dataclass(frozen=True)
class Organiser:
    name: str
    email: str
    language: str = "nl"


OAUTH2_PROVIDERS = ("microsoft", "google", "command")
_OAUTH2_KEYS = {
    "microsoft": ("tenant_id", "client_id", "client_secret", "scope", "authority"),
    "google": ("client_id", "client_secret", "refresh_token", "scope", "token_uri"),
    "command": ("token_command", "token_lifetime"),
}
_OAUTH2_REQUIRED = {"microsoft": ("tenant_id", "client_id", "client_secret"),
                    "google": ("client_id", "client_secret", "refresh_token"), "command": ("token_command",)}
_OAUTH2_SCOPE = {"microsoft": "https://outlook.office365.com/.default", "google": "https://mail.google.com/"}


@dataclass(frozen=True)
class OAuth2Config:
    """Where XOAUTH2 access tokens come from; see ``mailbot.auth``."""

    provider: str  # microsoft | google | command
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    tenant_id: str = ""  # microsoft
    refresh_token: str = field(default="", repr=False)  # google
    token_command: str = ""  # command: prints a token (or JSON with access_token and expires_in)
    token_lifetime: int = 300  # command: how long a plain printed token is reused, in seconds
    scope: str = ""
    authority: str = ""  # microsoft: https://login.microsoftonline.com/<tenant_id> unless given
    token_uri: str = "https://oauth2.googleapis.com/token"  # google

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.client_secret, self.refresh_token) if s)


@dataclass(frozen=True)
class ServerConfig:
    """What both IMAP and SMTP need to open an authenticated connection."""

    host: str
    port: int
    security: str  # ssl | starttls | none
    username: str
    password: str = field(repr=False)
    tls_verify: bool = True
    tls_ca_file: str | None = None
    timeout: float = 30.0
    auth: str = "password"  # password | oauth2
    oauth2: OAuth2Config | None = None  # set when auth is oauth2

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in logs: the password and the OAuth2 client secrets."""
        return tuple(s for s in (self.password, *(self.oauth2.secrets if self.oauth2 else ())) if s)


@dataclass(frozen=True)
class ImapConfig(ServerConfig):
    folder: str = "INBOX"
    processed_folder: str | None = None
    poll_interval: int = 60
    batch_size: int = 100
    max_message_bytes: int = 10_000_000
    idle: bool | None = None  # None: use IDLE when the server offers it
    idle_refresh: int = 600


@dataclass(frozen=True)
class SmtpConfig(ServerConfig):
    connections: int = 2  # sent over in parallel; 1 keeps the order of delivery strict
    save_sent: bool = False  # append a copy of each message sent to the IMAP Sent folder


@dataclass(frozen=True)
class RateLimit:
    max_replies: int = 3
    per_hours: int = 24


@dataclass(frozen=True)
class DigestConfig:
    schedule: str = "mon 08:00"
    send_empty: bool = False
    language: str = "nl"


@dataclass(frozen=True)
class RetentionConfig:
    raw_mail_days: int = 90
    after_last_meeting_days: int = 365


@dataclass(frozen=True)
class Config:
    path: Path
    timezone: ZoneInfo
    programme: Programme
    organisers: tuple[Organiser, ...]
    imap: ImapConfig
    smtp: SmtpConfig
    database_url: str
    questionnaire: Questionnaire
    meetings: tuple[Meeting, ...]
    reminders: ReminderPolicy
    rate_limit: RateLimit
    digest: DigestConfig
    retention: RetentionConfig
    templates_dir: Path | None = None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in logs or output."""
        return tuple(s for s in (*self.imap.secrets, *self.smtp.secrets) if s)


# ------------------------------------------------------------------ reading


class Section:
    """A mapping read key by key; whatever is left unread at ``done()`` is an unknown key."""

    def __init__(self, raw: object, key: str) -> None:
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise ConfigError(key, f"expected a mapping, got {_kind(raw)}")
        self.raw: dict[str, Any] = {str(k): v for k, v in raw.items()}
        self.key = key
        self.seen: set[str] = set()

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def _get(self, name: str, default: object) -> object:
        self.seen.add(name)
        if name not in self.raw or self.raw[name] is None:
            if default is _REQUIRED:
                raise ConfigError(self.path(name), "missing")
            return default
        return self.raw[name]

    def raw_value(self, name: str, default: object = None) -> object:
        return self._get(name, default)

    def str(self, name: str, default: object = _REQUIRED, *, allow_empty: bool = False) -> Any:
        value = self._get(name, default)
        if value is default:
            return value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ConfigError(self.path(name), f"expected text, got {_kind(value)}")
        text = expand_env(str(value), self.path(name))
        if not text.strip() and not allow_empty:
            raise ConfigError(self.path(name), "must not be empty")
        return text

    def int(self, name: builtins.str, default: object = _REQUIRED, *, minimum: int | None = None,
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
            raise ConfigError(self.path(name), f"expected an integer, got {_kind(value)}")
        if minimum is not None and value < minimum:
            raise ConfigError(self.path(name), f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise ConfigError(self.path(name), f"must be at most {maximum}, got {value}")
        return value

    def bool(self, name: builtins.str, default: object = _REQUIRED) -> Any:
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

    def choice(self, name: builtins.str, choices: tuple[builtins.str, ...], default: object = _REQUIRED) -> Any:
        value = self.str(name, default)
        if value is default:
            return value
        if value not in choices:
            raise ConfigError(self.path(name), f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    def email(self, name: builtins.str, default: object = _REQUIRED) -> Any:
        value = self.str(name, default)
        if value is default:
            return value
        if not _EMAIL.match(value):
            raise ConfigError(self.path(name), f"not an email address: {value!r}")
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

    return _ENV_REF.sub(replace, value)


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ------------------------------------------------------------------ sections


def _server(section: Section, default_port: int, cls: Callable[..., T], **extra: object) -> T:
    host = section.str("host")
    security = section.choice("security", ("ssl", "starttls", "none"), "ssl")
    if security == "none" and not is_loopback(host):
        raise ConfigError(section.path("security"), f"'none' sends passwords in clear text; refused for {host}")
    tls_ca_file = section.str("tls_ca_file", None)
    if tls_ca_file is not None and not Path(tls_ca_file).is_file():
        raise ConfigError(section.path("tls_ca_file"), f"no such file: {tls_ca_file}")
    username = section.str("username", "", allow_empty=True)
    auth = section.choice("auth", ("password", "oauth2"), "password")
    oauth2 = None
    if auth == "oauth2":
        if not username:
            raise ConfigError(section.path("username"), "required with auth: oauth2 (the mailbox to sign in to)")
        oauth2 = _oauth2(section.raw_value("oauth2", None), section.path("oauth2"))
    elif section.raw_value("oauth2", None) is not None:
        raise ConfigError(section.path("oauth2"), "only used with auth: oauth2")
    return cls(
        host=host,
        port=section.int("port", default_port, minimum=1, maximum=65535),
        security=security,
        username=username,
        password=section.str("password", "", allow_empty=True),
        tls_verify=section.bool("tls_verify", True),
        tls_ca_file=tls_ca_file,
        timeout=float(section.int("timeout", 30, minimum=1)),
        auth=auth,
        oauth2=oauth2,
        **extra,
    )


def _oauth2(raw: object, key: str) -> OAuth2Config:
    if raw is None:
        raise ConfigError(key, "missing: auth: oauth2 needs a provider (microsoft, google or command)")
    s = Section(raw, key)
    provider = s.choice("provider", OAUTH2_PROVIDERS)
    allowed = _OAUTH2_KEYS[provider]
    for name in sorted(set(s.raw) - {"provider", *allowed}):
        raise ConfigError(s.path(name), f"not used by provider {provider} (it uses {', '.join(allowed)})")
    values: dict[str, Any] = {}
    for name in allowed:
        if name == "token_lifetime":
            values[name] = s.int(name, 300, minimum=10)
        elif name in ("authority", "token_uri", "scope"):
            values[name] = s.str(name, None)
        else:
            values[name] = s.str(name, _REQUIRED if name in _OAUTH2_REQUIRED[provider] else "")
    if "scope" in values and values["scope"] is None:
        values["scope"] = _OAUTH2_SCOPE[provider]
    if provider == "microsoft" and values["authority"] is None:
        values["authority"] = f"https://login.microsoftonline.com/{values['tenant_id']}"
    if values.get("token_uri") is None:
        values.pop("token_uri", None)
    for name in ("authority", "token_uri"):
        url = values.get(name)
        if url is not None and not str(url).startswith("https://"):
            raise ConfigError(s.path(name), f"must be an https:// URL, got {url!r}")
    s.done()
    return OAuth2Config(provider=provider, **values)


def _imap(raw: object) -> ImapConfig:
    s = Section(raw, "imap")
    extra = {
        "folder": s.str("folder", "INBOX"),
        "processed_folder": s.str("processed_folder", None),
        "poll_interval": s.int("poll_interval", 60, minimum=1),
        "batch_size": s.int("batch_size", 100, minimum=1, maximum=5000),
        "max_message_bytes": s.int("max_message_bytes", 10_000_000, minimum=10_000),
        "idle": s.bool("idle", None),
        "idle_refresh": s.int("idle_refresh", 600, minimum=10, maximum=1740),
    }
    config = _server(s, 993, ImapConfig, **extra)
    s.done()
    return config


def _smtp(raw: object) -> SmtpConfig:
    s = Section(raw, "smtp")
    config = _server(s, 465, SmtpConfig, connections=s.int("connections", 2, minimum=1, maximum=8),
                     save_sent=s.bool("save_sent", False))
    s.done()
    return config


def _organisers(raw: object, default_language: str) -> tuple[Organiser, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError("organisers", "expected a list with at least one organiser")
    out = []
    for i, item in enumerate(raw):
        s = Section(item, f"organisers[{i}]")
        out.append(Organiser(name=s.str("name"), email=s.email("email"),
                             language=s.choice("language", LANGUAGES, default_language)))
        s.done()
    return tuple(out)


def parse_config(raw: object, path: Path) -> Config:
    """Validate the parsed YAML document; raise ConfigError naming the first bad key."""
    top = Section(raw, "")
    timezone = load_timezone(top.str("timezone", "Europe/Amsterdam"))
    p = Section(top.raw_value("programme", _REQUIRED), "programme")
    programme = Programme(name=p.str("name"), address=p.email("address"),
                          language=p.choice("language", LANGUAGES, "nl"))
    p.done()
    organisers = _organisers(top.raw_value("organisers", _REQUIRED), programme.language)
    imap = _imap(top.raw_value("imap", _REQUIRED))
    smtp = _smtp(top.raw_value("smtp", _REQUIRED))
    d = Section(top.raw_value("database", {}), "database")
    database_url = d.str("url", "sqlite:///mailbot.db")
    d.done()
    raw_questionnaire = top.raw_value("questionnaire", None)
    questionnaire = (load_default_questionnaire(LANGUAGES) if raw_questionnaire is None
                     else load_questionnaire(raw_questionnaire, LANGUAGES, path.parent))
    meetings = load_meetings(top.raw_value("meetings", []) or [], timezone, languages=LANGUAGES,
                             default_language=programme.language)
    reminders = load_reminder_policy(top.raw_value("reminders", None))
    r = Section(top.raw_value("rate_limit", {}), "rate_limit")
    rate_limit = RateLimit(max_replies=r.int("max_replies", 3, minimum=0),
                           per_hours=r.int("per_hours", 24, minimum=1))
    r.done()
    g = Section(top.raw_value("digest", {}), "digest")
    schedule = g.str("schedule", "mon 08:00")
    check_digest_schedule(schedule)
    digest = DigestConfig(schedule=schedule, send_empty=g.bool("send_empty", False),
                          language=g.choice("language", LANGUAGES, programme.language))
    g.done()
    t = Section(top.raw_value("retention", {}), "retention")
    retention = RetentionConfig(raw_mail_days=t.int("raw_mail_days", 90, minimum=1),
                                after_last_meeting_days=t.int("after_last_meeting_days", 365, minimum=1))
    t.done()
    templates = top.str("templates", None)
    top.done()
    return Config(
        path=path, timezone=timezone, programme=programme, organisers=organisers, imap=imap, smtp=smtp,
        database_url=database_url, questionnaire=questionnaire, meetings=meetings, reminders=reminders,
        rate_limit=rate_limit, digest=digest, retention=retention,
        templates_dir=(path.parent / templates) if templates else None,
    )


def load_config(path: Path) -> Config:
    """Read, check and parse the configuration file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("", f"configuration file not found: {path}") from None
    except OSError as e:
        raise ConfigError("", f"cannot read configuration file {path}: {e.strerror}") from None
    try:
        raw = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError("", f"{path} is not valid YAML{where}: {getattr(e, 'problem', e)}") from None
    _refuse_exposed_secrets(path, raw)
    return parse_config(raw, path)


def _refuse_exposed_secrets(path: Path, raw: object) -> None:
    """A literal password in a file others can read is a leak waiting to happen."""
    if not isinstance(raw, Mapping):
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not mode & (stat.S_IRGRP | stat.S_IROTH):
        return
    for section in ("imap", "smtp"):
        values = raw.get(section)
        if not isinstance(values, Mapping):
            continue
        found = values.get("oauth2")
        oauth2: Mapping[str, object] = found if isinstance(found, Mapping) else {}
        candidates = {f"{section}.password": values.get("password"),
                      f"{section}.oauth2.client_secret": oauth2.get("client_secret"),
                      f"{section}.oauth2.refresh_token": oauth2.get("refresh_token")}
        for key, value in candidates.items():
            if isinstance(value, str) and value and not _ENV_REF.fullmatch(value.strip()):
                raise ConfigError(key, f"a literal secret in {path}, which others can read: "
                                       f"use ${{ENV_VAR}} or chmod 600 the file")
