"""The mailbox: the only module that talks IMAP (through imapclient).

Every imapclient or socket error is turned into TransportError (or AuthError for
rejected credentials), so callers deal with one kind of failure. Every socket
has a timeout (``timeout``) and TCP keepalive, so a connection that died
silently (a NAT that forgot us, a server that vanished) is noticed even in IDLE.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailbot.auth import Tokens
from mailbot.config.model import ImapConfig
from mailbot.core.errors import AuthError, TransportError
from mailbot.transports import Fetched
from mailbot.transports._net import describe, keep_alive, sign_in_with_token, tls_context

log = logging.getLogger(__name__)
NETWORK_ERRORS = (IMAPClientError, OSError, ssl.SSLError, EOFError, socket.timeout)
_LONE_LF = re.compile(rb"(?<!\r)\n")


class ImapMailbox:
    """One authenticated IMAP connection (the ``Mailbox`` seam of ``mailbot.transports``).

    ``tokens`` is where XOAUTH2 access tokens come from when ``config.auth`` is oauth2.
    """

    def __init__(self, config: ImapConfig, tokens: Tokens | None = None) -> None:
        self.config = config
        self.tokens = tokens
        self.client: IMAPClient | None = None
        self.capabilities: frozenset[bytes] = frozenset()

    # ---------------------------------------------------------------- connection

    def connect(self) -> None:
        c = self.config
        try:
            client = IMAPClient(c.host, port=c.port, ssl=c.security == "ssl",
                                ssl_context=tls_context(c) if c.security == "ssl" else None,
                                timeout=c.timeout)
            keep_alive(client.socket())
            if c.security == "starttls":
                client.starttls(tls_context(c))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP {c.host}:{c.port}: cannot connect: {describe(e)}") from None
        try:
            self._login(client)
            self.capabilities = frozenset(client.capabilities())
        except AuthError:
            _close_quietly(client)
            raise
        except NETWORK_ERRORS as e:
            _close_quietly(client)
            raise TransportError(f"IMAP {c.host}: login failed: {describe(e)}") from None
        self.client = client

    def _login(self, client: IMAPClient) -> None:
        c = self.config
        if c.auth == "oauth2":
            self._oauth2_login(client)
            return
        if client.has_capability("LOGINDISABLED"):
            raise AuthError(f"IMAP {c.host}: the server refuses to log in without TLS (LOGINDISABLED): "
                            f"set imap.security to starttls or ssl")
        try:
            client.login(c.username, c.password)
        except LoginError as e:
            raise AuthError(f"IMAP {c.host}: login refused for {c.username}: {describe(e)}") from None

    def _oauth2_login(self, client: IMAPClient) -> None:
        c = self.config
        if self.tokens is None or c.oauth2 is None:
            raise AuthError(f"IMAP {c.host}: auth is oauth2 but no token source was given")
        sign_in_with_token(self.tokens, lambda token: client.oauth2_login(c.username, token), LoginError,
                           lambda e: f"IMAP {c.host}: access token refused for {c.username} "
                                     f"({c.oauth2.provider if c.oauth2 else '?'}): {describe(e)}")

    def close(self) -> None:
        if self.client is not None:
            _close_quietly(self.client)
            self.client = None

    def __enter__(self) -> ImapMailbox:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _c(self) -> IMAPClient:
        if self.client is None:
            raise TransportError("IMAP: not connected")
        return self.client

    def has(self, capability: str) -> bool:
        return capability.encode().upper() in self.capabilities

    # ---------------------------------------------------------------- reading

    def select(self, folder: str) -> int:
        """Select ``folder`` (read-write); return its UIDVALIDITY."""
        try:
            info = self._c.select_folder(folder)
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: cannot select {folder}: {describe(e)}") from None
        return int(info.get(b"UIDVALIDITY", 0))

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs above ``last_uid`` that are not deleted, in ascending order."""
        try:
            found = self._c.search(["UID", f"{last_uid + 1}:*", "NOT", "DELETED"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {describe(e)}") from None
        # "n:*" always matches the highest UID, even when it is below n
        return sorted(u for u in found if u > last_uid)

    def unseen_uids(self) -> list[int]:
        try:
            return sorted(self._c.search(["UNSEEN", "NOT", "DELETED"]))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {describe(e)}") from None

    def all_uids(self) -> list[int]:
        try:
            return sorted(self._c.search(["NOT", "DELETED"]))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {describe(e)}") from None

    def fetch(self, uids: Sequence[int], max_bytes: int, group_bytes: int = 8_000_000) -> Iterator[list[Fetched]]:
        """The messages in UID order, in groups of bounded total size; one over ``max_bytes`` comes
        as its header only.

        Sizes are asked first, so a huge message is never loaded whole, and the groups
        bound memory however large the backlog (the runner decides a group at a time).
        """
        if not uids:
            return
        try:
            sizes = {uid: int(d.get(b"RFC822.SIZE", 0)) for uid, d in self._c.fetch(uids, ["RFC822.SIZE"]).items()}
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {describe(e)}") from None
        group: list[int] = []
        total = 0
        for uid in uids:
            if uid not in sizes:
                continue  # expunged meanwhile
            if sizes[uid] > max_bytes:
                yield [*self._fetch_group(group, sizes), self._fetch_header(uid, sizes[uid])]
                group, total = [], 0
                continue
            group.append(uid)
            total += sizes[uid]
            if total >= group_bytes:
                yield self._fetch_group(group, sizes)
                group, total = [], 0
        if group:
            yield self._fetch_group(group, sizes)

    def _fetch_group(self, uids: list[int], sizes: dict[int, int]) -> list[Fetched]:
        if not uids:
            return []
        try:
            data = self._c.fetch(uids, ["BODY.PEEK[]"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {describe(e)}") from None
        found = []
        for uid in uids:
            item = data.get(uid)
            if item is None or b"BODY[]" not in item:
                continue
            raw = item[b"BODY[]"] or b""
            found.append(Fetched(uid=uid, raw=bytes(raw), size=sizes.get(uid, len(raw)), truncated=False))
        return found

    def _fetch_header(self, uid: int, size: int) -> Fetched:
        try:
            data = self._c.fetch([uid], ["BODY.PEEK[HEADER]"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {describe(e)}") from None
        raw = data.get(uid, {}).get(b"BODY[HEADER]", b"") or b""
        return Fetched(uid=uid, raw=bytes(raw), size=size, truncated=True)

    # ---------------------------------------------------------------- marking

    def ensure_folder(self, folder: str) -> None:
        try:
            if not self._c.folder_exists(folder):
                self._c.create_folder(folder)
                with contextlib.suppress(*NETWORK_ERRORS):
                    self._c.subscribe_folder(folder)
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: cannot create folder {folder}: {describe(e)}") from None

    def mark_handled(self, uids: Iterable[int], move_to: str | None) -> None:
        """Set \\Seen and, if asked, move to ``move_to``. Safe to repeat for the same UIDs."""
        uid_list = sorted(set(uids))
        if not uid_list:
            return
        c = self._c
        try:
            c.add_flags(uid_list, [b"\\Seen"], silent=True)
            if move_to:
                if self.has("MOVE"):
                    c.move(uid_list, move_to)
                else:
                    c.copy(uid_list, move_to)
                    c.add_flags(uid_list, [b"\\Deleted"], silent=True)
                    if self.has("UIDPLUS"):
                        c.uid_expunge(uid_list)
                    else:
                        c.expunge()
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: cannot mark messages handled: {describe(e)}") from None

    # ---------------------------------------------------------------- push

    def idle_wait(self, timeout: float, should_stop: Callable[[], bool] = lambda: False) -> bool:
        """Wait in IDLE up to ``timeout`` seconds; True when the server announced new mail.

        Checks ``should_stop`` every second so that a service stops promptly.
        """
        c = self._c
        deadline = time.monotonic() + timeout
        news = False
        try:
            c.idle()
            try:
                while not news and not should_stop():
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    responses = c.idle_check(timeout=min(1.0, remaining))
                    if any(_is_bye(r) for r in responses):
                        raise TransportError("IMAP: the server closed the connection (BYE)")
                    news = any(_is_news(r) for r in responses)
            finally:
                c.idle_done()
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: IDLE failed: {describe(e)}") from None
        return news

    def noop(self) -> None:
        try:
            self._c.noop()
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: connection lost: {describe(e)}") from None

    def append(self, folder: str, raw: bytes, flags: Sequence[bytes] = ()) -> None:
        try:
            self._c.append(folder, _LONE_LF.sub(b"\r\n", raw), flags=list(flags))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: append to {folder} failed: {describe(e)}") from None

    def sent_folder(self) -> str | None:
        try:
            folder = self._c.find_special_folder(b"\\Sent")
        except NETWORK_ERRORS:
            return None
        return str(folder) if folder else None


def append_to_sent(box: ImapMailbox, messages: Iterable[bytes]) -> int:
    """Save copies of messages we sent in the Sent folder (SPECIAL-USE ``\\Sent``), marked read."""
    config = box.config
    with box:
        folder = box.sent_folder()
        if folder is None:
            raise TransportError(f"IMAP {config.host}: no Sent folder (SPECIAL-USE \\Sent) to save copies in")
        count = 0
        for raw in messages:
            box.append(folder, raw, [b"\\Seen"])
            count += 1
    return count


def _is_news(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")


def _is_bye(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 1 and response[0] == b"BYE"


def _close_quietly(client: IMAPClient) -> None:
    with contextlib.suppress(*NETWORK_ERRORS, Exception):
        client.logout()
    with contextlib.suppress(Exception):
        client.shutdown()
