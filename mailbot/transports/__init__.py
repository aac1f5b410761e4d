"""The seams at the mail servers: what the rest of mailbot may ask of a mailbox and of a mail sender.

    Mailbox      one selected IMAP folder: search, fetch, mark handled, wait for news
    MailSender   one SMTP connection: hand over one message for one recipient
    imap.py      ImapMailbox, the only imapclient user
    smtp.py      SmtpSender, the only smtplib user
    _net.py      what both share: TLS contexts, TCP keepalive, signing in with a fresh OAuth2 token

The runner and the sender are given a function that opens one of these, so tests
run them on in-memory fakes (``tests/fakes.py``) and on real servers alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes
    size: int
    truncated: bool  # only the header was fetched: the message is over the size cap


@dataclass(frozen=True)
class Refused:
    """The server said no: ``permanent`` for 5xx (do not retry), else try again later."""

    code: int
    message: str

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600


class Mailbox(Protocol):
    """One authenticated IMAP connection. Every failure is a TransportError (AuthError for credentials)."""

    def has(self, capability: str) -> bool: ...

    def ensure_folder(self, folder: str) -> None: ...

    def select(self, folder: str) -> int:
        """Select ``folder`` read-write; return its UIDVALIDITY."""

    def uids_after(self, last_uid: int) -> list[int]: ...

    def unseen_uids(self) -> list[int]: ...

    def all_uids(self) -> list[int]: ...

    def fetch(self, uids: Sequence[int], max_bytes: int) -> Iterator[list[Fetched]]:
        """The messages in UID order, in groups of bounded total size; one over ``max_bytes``
        comes as its header only."""

    def mark_handled(self, uids: Iterable[int], move_to: str | None) -> None:
        """Set \\Seen and, if asked, move to ``move_to``. Safe to repeat."""

    def idle_wait(self, timeout: float, should_stop: Callable[[], bool] = ...) -> bool:
        """Wait up to ``timeout`` seconds; True when the server announced new mail."""

    def noop(self) -> None: ...

    def close(self) -> None: ...


class MailSender(Protocol):
    """One authenticated SMTP connection."""

    def send(self, envelope_from: str, recipient: str, raw: bytes) -> Refused | None:
        """Hand one message to the server; None when it answered 250.

        Raises TransportError when the connection failed; if that happened after the
        message's final dot, whether the server took it is unknown.
        """

    def close(self) -> None: ...


OpenMailbox = Callable[[], Mailbox]
OpenSender = Callable[[], MailSender]
