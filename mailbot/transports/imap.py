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
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailbot.auth import tokens_for
from mailbot.config import ImapConfig, ServerConfig
from mailbot.errors import AuthError, TransportError

log = logging.getLogger(__name__)
NETWORK_ERRORS = (IMAPClientError, OSError, ssl.SSLError, EOFError, socket.timeout)
_LONE_LF = re.compile(rb"(?<!\r)\n")
_warned_unverified: set[tuple[str, int]] = set()
_warned_lock = threading.Lock()


def tls_context(server: ServerConfig) -> ssl.SSLContext:
    """Certificates verified against the system's CAs, or only ``tls_ca_file`` when given."""
    context = ssl.create_default_context(cafile=server.tls_ca_file)
    if not server.tls_verify:
        with _warned_lock:
            first = (server.host, server.port) not in _warned_unverified
            _warned_unverified.add((server.host, server.port))
        if first:  # once per server and process: at every start
            log.warning("TLS certificate of %s:%s is NOT verified (tls_verify: false): anyone on the path can "
                        "read the password and the mail", server.host, server.port)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def keep_alive(sock: socket.socket) -> None:
    """Let the kernel probe an idle connection: a peer that vanished is noticed within about two minutes."""
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 15)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 4)


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes
    size: int
    truncated: bool  # only the header was fetched: the message is over the size cap


class Mailbox:
    """One authenticated IMAP connection with the folder selected."""

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
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
            raise TransportError(f"IMAP {c.host}:{c.port}: cannot connect: {_describe(e)}") from None
        try:
            self._login(client)
            self.capabilities = frozenset(client.capabilities())
        except AuthError:
            _close_quietly(client)
            raise
        except NETWORK_ERRORS as e:
            _close_quietly(client)
            raise TransportError(f"IMAP {c.host}: login failed: {_describe(e)}") from None
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
            raise AuthError(f"IMAP {c.host}: login refused for {c.username}: {_describe(e)}") from None

    def _oauth2_login(self, client: IMAPClient) -> None:
        """XOAUTH2 with the cached token; a rejected token is replaced once before we give up."""
        c = self.config
        assert c.oauth2 is not None
        tokens = tokens_for(c.oauth2, c.timeout)
        for attempt in (1, 2):
            token = tokens.get()
            try:
                client.oauth2_login(c.username, token)
                return
            except LoginError as e:
                tokens.rejected(token)
                if attempt == 2:
                    raise AuthError(f"IMAP {c.host}: access token refused for {c.username} "
                                    f"({c.oauth2.provider}): {_describe(e)}") from None
                log.info("IMAP %s: access token refused; fetching a new one", c.host)

    def close(self) -> None:
        if self.client is not None:
            _close_quietly(self.client)
            self.client = None

    def __enter__(self) -> Mailbox:
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
            raise TransportError(f"IMAP: cannot select {folder}: {_describe(e)}") from None
        return int(info.get(b"UIDVALIDITY", 0))

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs above ``last_uid`` that are not deleted, in ascending order."""
        try:
            found = self._c.search(["UID", f"{last_uid + 1}:*", "NOT", "DELETED"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {_describe(e)}") from None
        # "n:*" always matches the highest UID, even when it is below n
        return sorted(u for u in found if u > last_uid)

    def unseen_uids(self) -> list[int]:
        try:
            return sorted(self._c.search(["UNSEEN", "NOT", "DELETED"]))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {_describe(e)}") from None

    def all_uids(self) -> list[int]:
        try:
            return sorted(self._c.search(["NOT", "DELETED"]))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: search failed: {_describe(e)}") from None

    def fetch(self, uids: Sequence[int], max_bytes: int, batch_bytes: int = 8_000_000) -> Iterator[Fetched]:
        """The messages, in UID order; one over ``max_bytes`` comes as its header only.

        Sizes are asked first, so a huge message is never loaded whole, and bodies are
        fetched in groups of bounded total size, so memory does not grow with the backlog.
        """
        if not uids:
            return
        try:
            sizes = {uid: int(d.get(b"RFC822.SIZE", 0)) for uid, d in self._c.fetch(uids, ["RFC822.SIZE"]).items()}
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {_describe(e)}") from None
        group: list[int] = []
        group_bytes = 0
        for uid in uids:
            if uid not in sizes:
                continue  # expunged meanwhile
            if sizes[uid] > max_bytes:
                yield from self._fetch_group(group, sizes)
                group, group_bytes = [], 0
                yield self._fetch_header(uid, sizes[uid])
                continue
            group.append(uid)
            group_bytes += sizes[uid]
            if group_bytes >= batch_bytes:
                yield from self._fetch_group(group, sizes)
                group, group_bytes = [], 0
        yield from self._fetch_group(group, sizes)

    def _fetch_group(self, uids: list[int], sizes: dict[int, int]) -> Iterator[Fetched]:
        if not uids:
            return
        try:
            data = self._c.fetch(uids, ["BODY.PEEK[]"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {_describe(e)}") from None
        for uid in uids:
            item = data.get(uid)
            if item is None or b"BODY[]" not in item:
                continue
            raw = item[b"BODY[]"] or b""
            yield Fetched(uid=uid, raw=bytes(raw), size=sizes.get(uid, len(raw)), truncated=False)

    def _fetch_header(self, uid: int, size: int) -> Fetched:
        try:
            data = self._c.fetch([uid], ["BODY.PEEK[HEADER]"])
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: fetch failed: {_describe(e)}") from None
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
            raise TransportError(f"IMAP: cannot create folder {folder}: {_describe(e)}") from None

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
            raise TransportError(f"IMAP: cannot mark messages handled: {_describe(e)}") from None

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
            raise TransportError(f"IMAP: IDLE failed: {_describe(e)}") from None
        return news

    def noop(self) -> None:
        try:
            self._c.noop()
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: connection lost: {_describe(e)}") from None

    def append(self, folder: str, raw: bytes, flags: Sequence[bytes] = ()) -> None:
        try:
            self._c.append(folder, _LONE_LF.sub(b"\r\n", raw), flags=list(flags))
        except NETWORK_ERRORS as e:
            raise TransportError(f"IMAP: append to {folder} failed: {_describe(e)}") from None

    def sent_folder(self) -> str | None:
        try:
            folder = self._c.find_special_folder(b"\\Sent")
        except NETWORK_ERRORS:
            return None
        return str(folder) if folder else None


def append_to_sent(config: ImapConfig, messages: Iterable[bytes]) -> int:
    """Save copies of messages we sent in the Sent folder (SPECIAL-USE ``\\Sent``), marked read."""
    with Mailbox(config) as box:
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


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if isinstance(text, bytes):  # pragma: no cover - imapclient sometimes carries bytes
        text = text.decode(errors="replace")
    return text[:300]


def _close_quietly(client: IMAPClient) -> None:
    with contextlib.suppress(*NETWORK_ERRORS, Exception):
        client.logout()
    with contextlib.suppress(Exception):
        client.shutdown()
