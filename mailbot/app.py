"""The composition root: config -> database, templates, runner. Commands start here."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mailbot.config import Config, load_config
from mailbot.runner import Runner
from mailbot.store.db import Database, open_database
from mailbot.templates import Templates

DEFAULT_CONFIG = "config.yaml"


@dataclass
class App:
    config: Config
    db: Database
    templates: Templates

    @property
    def runner(self) -> Runner:
        return Runner(self.config, self.db, self.templates)


def config_path(given: str | None) -> Path:
    return Path(given or os.environ.get("MAILBOT_CONFIG") or DEFAULT_CONFIG)


def open_app(config: Config) -> App:
    templates = Templates(config.templates_dir, config.programme.language)
    return App(config=config, db=open_database(config.database_url), templates=templates)


def load_app(given: str | None) -> App:
    config = load_config(config_path(given))
    install_redaction(config.secrets)
    return open_app(config)


class RedactSecrets(logging.Filter):
    """Replaces configured passwords and tokens in every log record, wherever they come from."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if len(s) >= 4)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        return True


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # pymap (the demo's IMAP server) logs LOGIN with the password at DEBUG
    for noisy in ("imapclient", "apscheduler", "mail.log", "mail.debug", "pymap", "aiosmtpd"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def install_redaction(secrets: tuple[str, ...]) -> None:
    redact = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
