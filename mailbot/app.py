"""The composition root: config -> database, templates, servers, runner. The only place that knows ``App``.

Commands (``mailbot.commands``) and the service (``mailbot.service``) get an App and
hand its parts to the functions they call; no function below this layer takes the
whole App. Logging is set up here too, with every configured secret redacted.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mailbot.auth import TokenRegistry
from mailbot.config import Config, load_config
from mailbot.core.logs import install_redaction
from mailbot.engine.runner import Runner
from mailbot.meetings.agenda import current
from mailbot.outbox.process import start_sending
from mailbot.outbox.sender import DrainReport, SaveCopies, drain
from mailbot.store.db import Database, open_database
from mailbot.store.schema import require_current
from mailbot.transports.imap import ImapMailbox
from mailbot.transports.servers import Servers
from mailbot.transports.smtp import SmtpSender
from mailbot.wording.templates import Templates

DEFAULT_CONFIG = "config.yaml"
log = logging.getLogger(__name__)


@dataclass
class App:
    config: Config
    db: Database
    templates: Templates
    tokens: TokenRegistry = field(default_factory=TokenRegistry)

    @property
    def servers(self) -> Servers:
        return Servers(self.config, self.tokens)

    def require_servers(self) -> None:
        """Before work that ends in signing in to IMAP or SMTP: every secret is set (a ConfigError naming the
        key otherwise). Commands that only read the database never call it, so they run without the secrets."""
        self.config.require_secrets()

    def open_mailbox(self) -> ImapMailbox:
        """A connected, signed-in IMAP mailbox (TransportError or AuthError otherwise)."""
        return self.servers.open_mailbox()

    def open_sender(self) -> SmtpSender:
        """A connected, signed-in SMTP connection (TransportError or AuthError otherwise)."""
        return self.servers.open_sender()

    def save_copies(self, messages: Iterable[bytes]) -> None:
        self.servers.save_copies(messages)

    @property
    def _save(self) -> SaveCopies | None:
        return self.save_copies if self.config.smtp.save_sent else None

    @property
    def runner(self) -> Runner:
        return Runner(self.config, self.db, self.templates, self.open_mailbox, self.open_sender, self._save,
                      start_sending=partial(start_sending, self.db, self.config, self.open_sender, self._save))

    def drain(self) -> DrainReport:
        """Send whatever waits in the outbox now."""
        self.require_servers()
        return drain(self.db, self.config, self.open_sender, self._save)


def config_path(given: str | None) -> Path:
    return Path(given or os.environ.get("MAILBOT_CONFIG") or DEFAULT_CONFIG)


def open_app(config: Config, *, check_schema: bool = True) -> App:
    """The app for ``config``; with ``check_schema``, only on a database of this code's schema and circle."""
    for label, server in (("imap", config.imap), ("smtp", config.smtp)):
        if not server.tls_verify:
            log.warning("%s: the TLS certificate of %s:%s is NOT verified (tls_verify: false): anyone on the path "
                        "can read the password and the mail", label, server.host, server.port)
    templates = Templates(config.templates_dir, config.programme.language)
    db = open_database(config.database_url, config.database_schema, config.database_timeouts.statement,
                       config.database_timeouts.lock)
    if check_schema:
        require_current(db.schema_version())
        db.claim_circle(config.programme.address)
        with db.read_session() as session:
            config = current(session, config)  # the meetings as they hold: the file's, with her changes by mail
    return App(config=config, db=db, templates=templates)


def load_app(given: str | None, *, check_schema: bool = True) -> App:
    config = load_config(config_path(given))
    install_redaction(config.secrets)
    return open_app(config, check_schema=check_schema)


def prepare_threads_for_sending() -> None:
    """Called once at the start of ``poll`` and ``run``: the sender threads wait on the SMTP server four
    times a message; with the default 5 ms switch interval each wake-up would wait for the deciding
    thread to let go of the GIL. A process-wide setting, so it is set here, once, and never restored."""
    sys.setswitchinterval(0.0001)
