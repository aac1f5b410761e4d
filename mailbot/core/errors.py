"""One exception tree for mailbot.

    MailbotError
    ├── ConfigError          the configuration is wrong; names the key (exit code 2)
    ├── TransportError       a mail server could not be reached or refused us
    │   └── AuthError        the server rejected our credentials (exit code 3)
    └── StorageError         the database refused to store something (disk full, read-only), or is out of
                             reach, out of connections or locked (``cause``)
"""

from __future__ import annotations


class MailbotError(Exception):
    """Base class of every error mailbot raises on purpose."""


class ConfigError(MailbotError):
    """A configuration value is missing or wrong.

    ``key`` is the dotted path of the offending key (``imap.port``,
    ``questionnaire[2].options``) so the message can point the operator at it.
    """

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}" if key else problem)
        self.key = key
        self.problem = problem

    def __reduce__(self) -> tuple[type[ConfigError], tuple[str, str]]:  # whole across a pipe (outbox.process)
        return type(self), (self.key, self.problem)


class TransportError(MailbotError):
    """A mail server could not be reached, dropped the connection or refused a command."""


class AuthError(TransportError):
    """A mail server rejected our credentials; retrying in a loop will not help."""


class StorageError(MailbotError):
    """The database could not store what it was given, or could not be used at all.

    ``cause`` names an outage that passes by itself (``mailbot.store.trouble``: unavailable, out of
    connections, locked, too slow); it is empty for a failure that needs a person (disk full, read-only).
    """

    def __init__(self, message: str, cause: str = "") -> None:
        super().__init__(message)
        self.cause = cause

    def __reduce__(self) -> tuple[type[StorageError], tuple[str, str]]:  # whole across a pipe (outbox.process)
        return type(self), (str(self), self.cause)
