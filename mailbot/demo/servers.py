"""Mail servers that run inside this process, on free loopback ports: for ``mailbot demo`` (and the tests).

``SmtpSink`` (aiosmtpd) keeps every message it accepts and can be told to refuse;
``PymapServer`` (pymap, in-memory) is an IMAP server with one mailbox. Neither is
meant for production use. Both come with the ``demo`` extra: ``pip install 'mailbot[demo]'``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@dataclass(frozen=True)
class Delivery:
    mail_from: str
    recipients: tuple[str, ...]
    raw: bytes
    at: float

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


class SinkHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if self.sink.refusing:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.sink.refusing:
            return "451 4.3.0 Try again later"
        raw = envelope.original_content or envelope.content
        self.sink.add(Delivery(envelope.mail_from, tuple(r.lower() for r in envelope.rcpt_tos), bytes(raw),
                               time.monotonic()))
        return "250 OK"


class SmtpController(Controller):
    """aiosmtpd's controller, on a free port when given port 0."""

    def _trigger_server(self) -> None:  # aiosmtpd cannot be given port 0 directly (its issue 388)
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        super()._trigger_server()  # type: ignore[no-untyped-call]


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it receives."""

    def __init__(self, port: int = 0) -> None:
        self.lock = threading.Lock()
        self.deliveries: list[Delivery] = []
        self.refusing = False
        self.port = port
        self._controller: SmtpController | None = None

    def start(self) -> SmtpSink:
        self._controller = SmtpController(SinkHandler(self), hostname="127.0.0.1", port=self.port,
                                       data_size_limit=60_000_000)
        self._controller.start()
        self.port = int(self._controller.port)
        return self

    def stop(self) -> None:
        if self._controller is not None:
            with contextlib.suppress(Exception):
                self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add(self, delivery: Delivery) -> None:
        with self.lock:
            self.deliveries.append(delivery)

    def to(self, address: str) -> list[Delivery]:
        with self.lock:
            return [d for d in self.deliveries if address.lower() in d.recipients]

    def count(self) -> int:
        with self.lock:
            return len(self.deliveries)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Delivery]:
        """Wait until at least ``count`` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.count() < count:
            time.sleep(0.01)
        with self.lock:
            return list(self.deliveries)


class PymapServer:
    """pymap's in-memory IMAP server in a background thread, with one user."""

    def __init__(self, user: str, password: str, port: int = 0) -> None:
        self.user = user
        self.password = password
        self.port = port or free_port()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def start(self) -> PymapServer:
        self._thread = threading.Thread(target=self._run, name="pymap", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._error is not None:
                raise RuntimeError(f"pymap did not start: {self._error}")
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return self
            except OSError:
                time.sleep(0.02)
        raise TimeoutError("pymap did not start")

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as e:  # noqa: BLE001 - reported to the starting thread
            self._error = e

    async def _serve(self) -> None:
        from pymap.backend import backends
        from pymap.service import services

        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="backend")
        backend_type = backends["dict"]
        backend_type.add_subparser("dict", sub)
        imap_service = services["imap"]
        imap_service.add_arguments(parser)
        args = parser.parse_args(["--host", "127.0.0.1", "--port", str(self.port), "--no-tls", "dict",
                                  "--demo-user", self.user, "--demo-password", self.password])
        args.skip_services = []
        args.debug = False
        args.set_uid = args.set_gid = args.pid_file = args.logging_cfg = None
        args.passlib_cfg = None
        backend, config = await backend_type.init(args)
        config.apply_context()
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with contextlib.AsyncExitStack() as stack:
            await backend.start(stack)
            await imap_service(backend, config).start(stack)
            await self._stop.wait()

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> PymapServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
