"""The configuration as frozen dataclasses. Each default is written here, once; the loader reads it back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.answers.questionnaire import Questionnaire
from mailbot.core.errors import ConfigError
from mailbot.meetings.model import Meeting, ReminderPolicy
from mailbot.store.trouble import LOCK_TIMEOUT, STATEMENT_TIMEOUT

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Programme:
    name: str
    address: str
    language: str = "nl"

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1].lower()


@dataclass(frozen=True)
class Organiser:
    name: str
    email: str
    language: str = "nl"


OAUTH2_PROVIDERS = ("microsoft", "google", "command")


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
    security: str = "ssl"  # ssl | starttls | none
    username: str = ""
    password: str = field(default="", repr=False)
    tls_verify: bool = True
    tls_ca_file: str | None = None
    timeout: float = 30.0
    auth: str = "password"  # password | oauth2
    oauth2: OAuth2Config | None = None  # set when auth is oauth2
    # a secret given as ${ENV_VAR} whose variable is not set: (its key, the problem). Only signing in needs it,
    # so commands that only read the database run without it; ``require_secrets`` refuses the rest
    unset_secret: tuple[str, str] | None = None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in logs: the password and the OAuth2 client secrets."""
        return tuple(s for s in (self.password, *(self.oauth2.secrets if self.oauth2 else ())) if s)

    def require_secrets(self) -> None:
        """Before signing in: a ConfigError naming the key whose environment variable is not set. A server
        we do not sign in to (SMTP on a trusted relay, no username) needs no password."""
        if self.unset_secret is not None and self.username:
            raise ConfigError(*self.unset_secret)


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
    sending_process_from: int | None = 200  # a poll with this many new mails sends from a process of its own


@dataclass(frozen=True)
class RateLimit:
    """A safety net, not the loop detector (machines are recognised by their signs and by repeating
    themselves): a person in a long conversation with us must never be cut off."""

    max_replies: int = 10
    per_hours: int = 24


@dataclass(frozen=True)
class DigestConfig:
    schedule: str = "mon 08:00"
    send_empty: bool = False
    language: str = "nl"
    grace: timedelta = timedelta(hours=12)  # a slot missed (downtime) at most this long ago is sent at start


@dataclass(frozen=True)
class RetentionConfig:
    raw_mail_days: int = 90
    after_last_meeting_days: int = 365


@dataclass(frozen=True)
class AuthenticationConfig:
    """Whose ``Authentication-Results`` headers we believe (``mailbot.mail.authresults``)."""

    trusted_servers: tuple[str, ...] = ()  # authserv-ids of the receiving servers
    server_strips_forged: bool = False  # the operator checked that the server removes forged headers


@dataclass(frozen=True)
class BouncesConfig:
    """When a delivery failure counts (``mailbot.handlers.bounce``)."""

    verp: bool = False  # per-recipient return path bot+b-<token>@domain: needs plus addressing on the mailbox
    temporary_failures: int = 3  # this many 4.x.x failures ...
    temporary_days: int = 3  # ... spread over at least this many days make an address bounced


@dataclass(frozen=True)
class BriefingConfig:
    """A meeting's themes and who gets its briefing (``meetings[].themes``, ``meetings[].briefing``)."""

    themes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # question id -> option ids
    to: tuple[str, ...] = ()  # experts or hosts, besides the organisers
    days_before: int = 10


FORWARD_KINDS = ("question", "remark", "message", "colleague", "attachment", "language", "contradiction", "forged",
                 "bounce", "rate_limit", "confirmation", "unclear", "auto_reply")
FORWARD_WHEN = ("now", "digest")
FORWARD_DEFAULT = {"auto_reply": "digest"}  # an out-of-office waits for her digest; everything else comes at once


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long one statement may run and how long it may wait for a lock another session holds (seconds).

    On SQLite the lock timeout is its busy timeout (the wait for the write lock); SQLite has no statement
    timeout of its own, so there the statement timeout is kept by a progress handler."""

    statement: int = STATEMENT_TIMEOUT
    lock: int = LOCK_TIMEOUT


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
    authentication: AuthenticationConfig = AuthenticationConfig()
    forwarding: Mapping[str, str] = field(default_factory=dict)  # reason -> now | digest (default now)
    bounces: BouncesConfig = BouncesConfig()
    briefings: Mapping[str, BriefingConfig] = field(default_factory=dict)  # meeting id -> themes and recipients
    organiser_receipts: bool = False  # a short "done" mail for each reply-all answer of hers (off: no mail)
    database_schema: str | None = None  # PostgreSQL: this circle's schema (search_path) in a shared database
    database_timeouts: DatabaseTimeouts = DatabaseTimeouts()
    questionnaire_file: Path | None = None  # when ``questionnaire:`` names a file rather than listing the questions
    # what config.yaml says of the meetings, once ``meetings.agenda`` laid the organiser's changes by mail over
    # ``meetings`` and ``briefings`` (None: they are the file's)
    file_meetings: tuple[Meeting, ...] | None = None
    file_briefings: Mapping[str, BriefingConfig] | None = None

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Everything the configuration was read from: an edit of any of them is an edit of the configuration."""
        templates = (self.templates_dir, *sorted(self.templates_dir.rglob("*"))) if self.templates_dir else ()
        return (self.path, *((self.questionnaire_file,) if self.questionnaire_file else ()), *templates)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in logs or output."""
        return tuple(s for s in (*self.imap.secrets, *self.smtp.secrets) if s)

    def require_secrets(self) -> None:
        """Before anything signs in to IMAP or SMTP: every secret is there (ConfigError naming the key)."""
        self.imap.require_secrets()
        self.smtp.require_secrets()

    def briefing(self, meeting_id: str) -> BriefingConfig:
        return self.briefings.get(meeting_id) or BriefingConfig()

    @property
    def organiser_addresses(self) -> frozenset[str]:
        return frozenset(o.email.lower() for o in self.organisers)


def default(cls: type, name: str) -> Any:
    """The default of field ``name`` of dataclass ``cls``: the one place defaults are written."""
    for f in fields(cls):
        if f.name == name:
            if f.default is not MISSING:
                return f.default
            if f.default_factory is not MISSING:
                return f.default_factory()
            break
    raise KeyError(f"{cls.__name__}.{name} has no default")
