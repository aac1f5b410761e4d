"""The YAML configuration file -> ``Config``: read once, checked whole, every error naming its key.

Every key is documented in ``config.example.yaml``. Defaults live on the
dataclasses in ``config.model`` and are read from there (``default``), so they
are written once.
"""

from __future__ import annotations

import importlib.util
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml

from mailbot.answers.questionnaire import (
    SAFE_LOADER,
    load_default_questionnaire,
    load_questionnaire,
    questionnaire_path,
)
from mailbot.config.briefing import load_briefings, split_briefings
from mailbot.config.model import (
    FORWARD_DEFAULT,
    FORWARD_KINDS,
    FORWARD_WHEN,
    LANGUAGES,
    OAUTH2_PROVIDERS,
    AuthenticationConfig,
    BouncesConfig,
    Config,
    DatabaseTimeouts,
    DigestConfig,
    ImapConfig,
    OAuth2Config,
    Organiser,
    Programme,
    RateLimit,
    RetentionConfig,
    ServerConfig,
    SmtpConfig,
    default,
)
from mailbot.config.reader import ENV_REF, REQUIRED, Section, is_loopback
from mailbot.config.schedule import parse_schedule
from mailbot.core.errors import ConfigError
from mailbot.core.paths import shipped_templates_dir
from mailbot.meetings.durations import duration_key, parse_duration
from mailbot.meetings.model import load_meetings, load_reminder_policy, load_timezone

T = TypeVar("T", bound=ServerConfig)

_OAUTH2_KEYS = {
    "microsoft": ("tenant_id", "client_id", "client_secret", "scope", "authority"),
    "google": ("client_id", "client_secret", "refresh_token", "scope", "token_uri"),
    "command": ("token_command", "token_lifetime"),
}
_OAUTH2_REQUIRED = {"microsoft": ("tenant_id", "client_id", "client_secret"),
                    "google": ("client_id", "client_secret", "refresh_token"), "command": ("token_command",)}
_OAUTH2_SECRETS = frozenset({"client_secret", "refresh_token"})  # only signing in needs them (``require_secrets``)
_OAUTH2_SCOPE = {"microsoft": "https://outlook.office365.com/.default", "google": "https://mail.google.com/"}
# provider -> (a module it needs, the extra that installs it)
_OAUTH2_EXTRAS = {"microsoft": ("msal", "microsoft"), "google": ("google.auth", "google")}
DEFAULT_DATABASE_URL = "sqlite:///mailbot.db"
SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _server(section: Section, default_port: int, cls: Callable[..., T], base: Path | None = None,
            **extra: object) -> T:
    host = section.str("host")
    security = section.choice("security", ("ssl", "starttls", "none"), default(ServerConfig, "security"))
    if security == "none" and not is_loopback(host):
        raise ConfigError(section.path("security"), f"'none' sends passwords in clear text; refused for {host}")
    tls_ca_file = section.str("tls_ca_file", None)
    if tls_ca_file is not None and base is not None:
        tls_ca_file = str(base / tls_ca_file)  # relative to the configuration file, like every path in it
    if tls_ca_file is not None and not Path(tls_ca_file).is_file():
        raise ConfigError(section.path("tls_ca_file"), f"no such file: {tls_ca_file}")
    username = section.str("username", "", allow_empty=True)
    auth = section.choice("auth", ("password", "oauth2"), default(ServerConfig, "auth"))
    oauth2, unset = None, None
    if auth == "oauth2":
        if not username:
            raise ConfigError(section.path("username"), "required with auth: oauth2 (the mailbox to sign in to)")
        oauth2, unset = _oauth2(section.raw_value("oauth2", None), section.path("oauth2"))
    elif section.raw_value("oauth2", None) is not None:
        raise ConfigError(section.path("oauth2"), "only used with auth: oauth2")
    password, unset_password = section.secret("password", "")
    return cls(
        host=host,
        port=section.int("port", default_port, minimum=1, maximum=65535),
        security=security,
        username=username,
        password=password,
        tls_verify=section.bool("tls_verify", default(ServerConfig, "tls_verify")),
        tls_ca_file=tls_ca_file,
        timeout=float(section.int("timeout", int(default(ServerConfig, "timeout")), minimum=1)),
        auth=auth,
        oauth2=oauth2,
        unset_secret=unset_password or unset,
        **extra,
    )


def _oauth2(raw: object, key: str) -> tuple[OAuth2Config, tuple[str, str] | None]:
    if raw is None:
        raise ConfigError(key, "missing: auth: oauth2 needs a provider (microsoft, google or command)")
    s = Section(raw, key)
    provider = s.choice("provider", OAUTH2_PROVIDERS)
    if provider in _OAUTH2_EXTRAS:
        module, extra = _OAUTH2_EXTRAS[provider]
        if not _installed(module):
            raise ConfigError(s.path("provider"), f"{provider} sign-in needs an optional part of mailbot: "
                                                  f"pip install 'mailbot[{extra}]'")
    allowed = _OAUTH2_KEYS[provider]
    for name in sorted(set(s.raw) - {"provider", *allowed}):
        raise ConfigError(s.path(name), f"not used by provider {provider} (it uses {', '.join(allowed)})")
    values: dict[str, Any] = {}
    unset: tuple[str, str] | None = None
    for name in allowed:
        if name in _OAUTH2_SECRETS:
            values[name], missing = s.secret(name, REQUIRED if name in _OAUTH2_REQUIRED[provider] else "")
            unset = unset or missing
        elif name == "token_lifetime":
            values[name] = s.int(name, default(OAuth2Config, name), minimum=10)
        elif name in ("authority", "token_uri", "scope"):
            values[name] = s.str(name, None)
        else:
            values[name] = s.str(name, REQUIRED if name in _OAUTH2_REQUIRED[provider] else "")
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
    return OAuth2Config(provider=provider, **values), unset


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # the parent package of a dotted name is missing
        return False


def load_imap(raw: object, base: Path | None = None) -> ImapConfig:
    s = Section(raw, "imap")

    def d(name: str) -> Any:
        return default(ImapConfig, name)

    extra = {
        "folder": s.str("folder", d("folder")),
        "processed_folder": s.str("processed_folder", d("processed_folder")),
        "poll_interval": s.int("poll_interval", d("poll_interval"), minimum=1),
        "batch_size": s.int("batch_size", d("batch_size"), minimum=1, maximum=5000),
        "max_message_bytes": s.int("max_message_bytes", d("max_message_bytes"), minimum=10_000),
        "idle": s.bool("idle", d("idle")),
        "idle_refresh": s.int("idle_refresh", d("idle_refresh"), minimum=10, maximum=1740),
    }
    if extra["processed_folder"] is not None and extra["processed_folder"] == extra["folder"]:
        raise ConfigError(s.path("processed_folder"), f"the same folder as imap.folder ({extra['folder']!r}): every "
                                                      "poll would read the handled mail again; use another folder "
                                                      "or leave it out")
    config = _server(s, 993, ImapConfig, base, **extra)
    s.done()
    return config


def load_smtp(raw: object, base: Path | None = None) -> SmtpConfig:
    s = Section(raw, "smtp")
    config = _server(s, 465, SmtpConfig, base,
                     connections=s.int("connections", default(SmtpConfig, "connections"), minimum=1, maximum=8),
                     save_sent=s.bool("save_sent", default(SmtpConfig, "save_sent")),
                     sending_process_from=_sending_process_from(s))
    s.done()
    return config


def _sending_process_from(s: Section) -> int | None:
    """How many new mails make a poll send from a process of its own: a number (0: always), or false (never)."""
    if s.raw_value("sending_process_from") is False:
        return None
    value: int = s.int("sending_process_from", default(SmtpConfig, "sending_process_from"), minimum=0)
    return value


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


def _rate_limit(raw: object) -> RateLimit:
    s = Section(raw, "rate_limit")
    limit = RateLimit(max_replies=s.int("max_replies", default(RateLimit, "max_replies"), minimum=0),
                      per_hours=s.int("per_hours", default(RateLimit, "per_hours"), minimum=1))
    s.done()
    return limit


def _digest(raw: object, language: str) -> DigestConfig:
    s = Section(raw, "digest")
    schedule = s.str("schedule", default(DigestConfig, "schedule"))
    parse_schedule(schedule)  # a schedule that cannot be read is an error now, not on Monday
    grace_text = s.str("grace", duration_key(default(DigestConfig, "grace")))
    try:
        grace = parse_duration(grace_text)
    except ValueError as e:
        raise ConfigError(s.path("grace"), str(e)) from None
    digest = DigestConfig(schedule=schedule, send_empty=s.bool("send_empty", default(DigestConfig, "send_empty")),
                          language=s.choice("language", LANGUAGES, language), grace=grace)
    s.done()
    return digest


def _retention(raw: object) -> RetentionConfig:
    s = Section(raw, "retention")
    retention = RetentionConfig(
        raw_mail_days=s.int("raw_mail_days", default(RetentionConfig, "raw_mail_days"), minimum=1),
        after_last_meeting_days=s.int("after_last_meeting_days", default(RetentionConfig, "after_last_meeting_days"),
                                      minimum=1))
    s.done()
    return retention


def _authentication(raw: object) -> AuthenticationConfig:
    s = Section(raw, "authentication")
    servers = s.raw_value("trusted_servers", [])
    if not isinstance(servers, list) or not all(isinstance(x, str) and x.strip() for x in servers):
        raise ConfigError(s.path("trusted_servers"), "expected a list of server names (authserv-ids)")
    config = AuthenticationConfig(trusted_servers=tuple(x.strip().lower() for x in servers),
                                  server_strips_forged=s.bool("server_strips_forged",
                                                              default(AuthenticationConfig, "server_strips_forged")))
    s.done()
    return config


def _bounces(raw: object) -> BouncesConfig:
    s = Section(raw, "bounces")
    config = BouncesConfig(
        verp=s.bool("verp", default(BouncesConfig, "verp")),
        temporary_failures=s.int("temporary_failures", default(BouncesConfig, "temporary_failures"), minimum=1),
        temporary_days=s.int("temporary_days", default(BouncesConfig, "temporary_days"), minimum=0))
    s.done()
    return config


def _forwarding(raw: object) -> dict[str, str]:
    s = Section(raw, "forwarding")
    chosen = {kind: s.choice(kind, FORWARD_WHEN, FORWARD_DEFAULT.get(kind, "now")) for kind in FORWARD_KINDS}
    s.done()
    return chosen


def parse_config(raw: object, path: Path) -> Config:
    """Validate the parsed YAML document; raise ConfigError naming the first bad key."""
    top = Section(raw, "")
    timezone = load_timezone(top.str("timezone", "Europe/Amsterdam"))
    p = Section(top.raw_value("programme", REQUIRED), "programme")
    programme = Programme(name=p.str("name"), address=p.email("address"),
                          language=p.choice("language", LANGUAGES, default(Programme, "language")))
    p.done()
    organisers = _organisers(top.raw_value("organisers", REQUIRED), programme.language)
    for i, organiser in enumerate(organisers):
        if organiser.email.lower() == programme.address.lower():
            raise ConfigError(f"organisers[{i}].email", f"the same as programme.address ({programme.address}): the "
                                                        "organiser needs her own address, or the bot answers itself")
    imap = load_imap(top.raw_value("imap", REQUIRED), path.parent)
    smtp = load_smtp(top.raw_value("smtp", REQUIRED), path.parent)
    d = Section(top.raw_value("database", {}), "database")
    database_url = resolve_database_url(d.str("url", DEFAULT_DATABASE_URL), path.parent)
    database_schema = d.str("schema", None)
    if database_schema is not None and not SCHEMA_NAME.fullmatch(database_schema):
        raise ConfigError("database.schema", f"expected a lower-case name of letters, digits and _, got "
                                             f"{database_schema!r}")
    if database_schema is not None and database_url.startswith("sqlite"):
        raise ConfigError("database.schema", "only for PostgreSQL: give each circle its own SQLite file instead")
    timeouts = DatabaseTimeouts(
        statement=d.int("statement_timeout", default(DatabaseTimeouts, "statement"), minimum=1, maximum=86400),
        lock=d.int("lock_timeout", default(DatabaseTimeouts, "lock"), minimum=1, maximum=86400))
    if timeouts.lock > timeouts.statement:
        raise ConfigError("database.lock_timeout", f"{timeouts.lock} s is longer than database.statement_timeout "
                                                   f"({timeouts.statement} s), which would end the wait first")
    d.done()
    raw_questionnaire = top.raw_value("questionnaire", None)
    questionnaire = (load_default_questionnaire(LANGUAGES) if raw_questionnaire is None
                     else load_questionnaire(raw_questionnaire, LANGUAGES, path.parent))
    raw_meetings, briefing_keys = split_briefings(top.raw_value("meetings", []) or [])
    meetings = load_meetings(raw_meetings, timezone, languages=LANGUAGES, default_language=programme.language)
    briefings = load_briefings(briefing_keys, [m.id for m in meetings], questionnaire)
    reminders = load_reminder_policy(top.raw_value("reminders", None))
    rate_limit = _rate_limit(top.raw_value("rate_limit", {}))
    digest = _digest(top.raw_value("digest", {}), programme.language)
    retention = _retention(top.raw_value("retention", {}))
    authentication = _authentication(top.raw_value("authentication", {}))
    forwarding = _forwarding(top.raw_value("forwarding", {}))
    bounces = _bounces(top.raw_value("bounces", {}))
    templates = top.str("templates", None)
    receipts = top.bool("organiser_receipts", default(Config, "organiser_receipts"))
    top.done()
    return Config(
        path=path, timezone=timezone, programme=programme, organisers=organisers, imap=imap, smtp=smtp,
        database_url=database_url, questionnaire=questionnaire, meetings=meetings, reminders=reminders,
        rate_limit=rate_limit, digest=digest, retention=retention,
        templates_dir=_templates_dir(templates, path.parent), authentication=authentication,
        forwarding=forwarding, bounces=bounces, briefings=briefings, database_schema=database_schema,
        database_timeouts=timeouts,
        organiser_receipts=receipts,
        questionnaire_file=(questionnaire_path(raw_questionnaire, path.parent)
                            if isinstance(raw_questionnaire, str) else None),
    )


def resolve_database_url(url: str, base: Path) -> str:
    """A relative SQLite path is relative to the configuration file's folder, like every other path in it,
    so that ``mailbot status`` from another folder opens the same database instead of creating an empty one."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix or url.startswith(prefix + "/") or ":memory:" in url:
        return url
    rest = url[len(prefix):]
    path, query = (rest.split("?", 1) + [""])[:2]
    return prefix + str((base / path).absolute()) + (f"?{query}" if query else "")


def _templates_dir(value: str | None, base: Path) -> Path | None:
    """The organiser's own templates: an existing folder of ``<lang>/<name>`` files with names we use."""
    if not value:
        return None
    folder = base / value
    if not folder.is_dir():
        raise ConfigError("templates", f"folder does not exist: {folder}")
    shipped = shipped_templates_dir()
    known = {p.name for lang in LANGUAGES for p in (shipped / lang).glob("*") if p.is_file()}
    for found in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        relative = found.relative_to(folder)
        if (shipped / relative).is_file():
            continue  # e.g. _layout.html at the top
        if len(relative.parts) != 2 or relative.parts[0] not in LANGUAGES:
            raise ConfigError("templates", f"{relative} is not in a language folder: put it in "
                                           f"{' or '.join(f'{lang}/' for lang in LANGUAGES)} (e.g. nl/{found.name})")
        if found.name not in known:
            raise ConfigError("templates", f"{relative}: no template has this name, so it would never be used "
                                           f"(names are like reminder.txt, questionnaire.subject)")
    return folder


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
            if isinstance(value, str) and value and not ENV_REF.fullmatch(value.strip()):
                raise ConfigError(key, f"a literal secret in {path}, which others can read: "
                                       f"use ${{ENV_VAR}} or chmod 600 the file")
