"""In-memory stand-ins for the mail servers, behind the same Protocols as the real ones (``mailbot.transports``).

``FakeMailbox`` is one IMAP folder (plus the processed folder) in a dict;
``FakeSender`` keeps what it is handed and can be told to refuse or to drop the
connection. With them the runner and every handler run in milliseconds, on a real
SQLite database and the real templates; ``tests.servers`` has the real servers.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from mailbot.app import App, open_app
from mailbot.config import Config, parse_config
from mailbot.core.errors import TransportError
from mailbot.engine.runner import Runner
from mailbot.outbox.sender import DrainReport, drain
from mailbot.transports import Fetched, Refused
from tests.database import database_url

BOT = "leerkring@example.org"
ORGANISER = "organiser@example.org"


@dataclass
class FakeMailbox:
    """One folder of messages, UIDs from 1, the \\Seen flag and a processed folder."""

    uidvalidity: int = 1
    messages: dict[int, bytes] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    moved: dict[int, bytes] = field(default_factory=dict)
    capabilities: frozenset[str] = frozenset({"IDLE", "MOVE"})
    _next_uid: int = 1

    def deliver(self, *raws: bytes, seen: bool = False) -> list[int]:
        uids = []
        for raw in raws:
            uid, self._next_uid = self._next_uid, self._next_uid + 1
            self.messages[uid] = raw
            if seen:
                self.seen.add(uid)
            uids.append(uid)
        return uids

    # ---------------------------------------------------------------- the Mailbox protocol

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def ensure_folder(self, folder: str) -> None:
        pass

    def select(self, folder: str) -> int:
        return self.uidvalidity

    def uids_after(self, last_uid: int) -> list[int]:
        return sorted(u for u in self.messages if u > last_uid)

    def unseen_uids(self) -> list[int]:
        return sorted(u for u in self.messages if u not in self.seen)

    def all_uids(self) -> list[int]:
        return sorted(self.messages)

    def fetch(self, uids: Sequence[int], max_bytes: int) -> Iterator[list[Fetched]]:
        group = []
        for uid in uids:
            raw = self.messages.get(uid)
            if raw is None:
                continue
            if len(raw) > max_bytes:
                head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0] + b"\r\n\r\n"
                group.append(Fetched(uid, head, len(raw), truncated=True))
            else:
                group.append(Fetched(uid, raw, len(raw), truncated=False))
        if group:
            yield group

    def mark_handled(self, uids: Iterable[int], move_to: str | None) -> None:
        for uid in uids:
            self.seen.add(uid)
            if move_to and uid in self.messages:
                self.moved[uid] = self.messages.pop(uid)

    def idle_wait(self, timeout: float, should_stop: Callable[[], bool] = lambda: False) -> bool:
        return False

    def noop(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Sent:
    envelope_from: str
    recipient: str
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""


@dataclass
class FakeSender:
    """Keeps every message handed over; ``refuse`` answers with that code, ``drop_after`` breaks the line."""

    sent: list[Sent] = field(default_factory=list)
    refuse: int | None = None
    drop_after: int | None = None  # the connection breaks after this many messages (the next one's fate unknown)

    def send(self, envelope_from: str, recipient: str, raw: bytes) -> Refused | None:
        if self.refuse is not None:
            return Refused(self.refuse, "refused by the fake")
        if self.drop_after is not None and len(self.sent) >= self.drop_after:
            raise TransportError("SMTP: connection lost (fake)")
        self.sent.append(Sent(envelope_from, recipient.lower(), raw))
        return None

    def close(self) -> None:
        pass

    def to(self, address: str) -> list[Sent]:
        return [s for s in self.sent if s.recipient == address.lower()]


def config_dict(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """A complete configuration on a SQLite file in ``tmp_path``; ``extra`` replaces or extends sections."""
    config: dict[str, Any] = {
        "timezone": "Europe/Amsterdam",
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": BOT, "language": "nl"},
        "organisers": [{"name": "Marloes Bakker", "email": ORGANISER}],
        "imap": {"host": "127.0.0.1", "port": 1, "security": "none", "username": BOT, "password": "x",
                 "processed_folder": "Processed"},
        "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},
        "database": {"url": database_url(tmp_path)},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
    return config


@dataclass
class FakeBot:
    """mailbot on a real SQLite database and the real templates, with fake servers."""

    app: App
    mailbox: FakeMailbox = field(default_factory=FakeMailbox)
    smtp: FakeSender = field(default_factory=FakeSender)

    @classmethod
    def make(cls, tmp_path: Path, **extra: Any) -> FakeBot:
        config: Config = parse_config(config_dict(tmp_path, **extra), tmp_path / "config.yaml")
        return cls(open_app(config))

    @property
    def runner(self) -> Runner:
        return Runner(self.app.config, self.app.db, self.app.templates, lambda: self.mailbox, lambda: self.smtp)

    def receive(self, *raws: bytes) -> DrainReport:
        """Deliver the messages, poll once, return what the sending round did."""
        self.mailbox.deliver(*raws)
        return self.runner.poll().drain

    def drain(self) -> DrainReport:
        return drain(self.app.db, self.app.config, lambda: self.smtp)
