"""Opening the configured mail servers: one place that turns a ``Config`` and its tokens into connections.

The composition root (``mailbot.app``) and the sending process (``mailbot.outbox.process``) both open
them here; the process imports nothing else of the app, so it starts in half the time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mailbot.auth import TokenRegistry, Tokens
from mailbot.config import Config
from mailbot.config.model import ServerConfig
from mailbot.transports.imap import ImapMailbox, append_to_sent
from mailbot.transports.smtp import SmtpSender


@dataclass
class Servers:
    config: Config
    tokens: TokenRegistry = field(default_factory=TokenRegistry)

    def _tokens(self, server: ServerConfig) -> Tokens | None:
        return self.tokens.tokens_for(server.oauth2, server.timeout) if server.oauth2 is not None else None

    def open_mailbox(self) -> ImapMailbox:
        """A connected, signed-in IMAP mailbox (TransportError or AuthError otherwise)."""
        self.config.imap.require_secrets()
        box = ImapMailbox(self.config.imap, self._tokens(self.config.imap))
        box.connect()
        return box

    def open_sender(self) -> SmtpSender:
        """A connected, signed-in SMTP connection (TransportError or AuthError otherwise)."""
        self.config.smtp.require_secrets()
        smtp = SmtpSender(self.config.smtp, self._tokens(self.config.smtp))
        smtp.connect()
        return smtp

    def save_copies(self, messages: Iterable[bytes]) -> None:
        """Copies of what was sent, in the mailbox's Sent folder."""
        self.config.imap.require_secrets()
        append_to_sent(ImapMailbox(self.config.imap, self._tokens(self.config.imap)), messages)
