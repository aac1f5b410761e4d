"""Logging for every mailbot process: one format on stderr, and every configured secret redacted."""

from __future__ import annotations

import logging
import sys


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
