"""What IMAP and SMTP connections share: TLS contexts, TCP keepalive, signing in with a fresh OAuth2 token."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from collections.abc import Callable

from mailbot.auth import Tokens
from mailbot.config.model import ServerConfig
from mailbot.core.errors import AuthError

log = logging.getLogger(__name__)


def tls_context(server: ServerConfig) -> ssl.SSLContext:
    """Certificates verified against the system's CAs, or only ``tls_ca_file`` when given.

    ``tls_verify: false`` is warned about once, at start, by ``mailbot.app``.
    """
    context = ssl.create_default_context(cafile=server.tls_ca_file)
    if not server.tls_verify:
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


def sign_in_with_token(tokens: Tokens, sign_in: Callable[[str], object], rejection: type[BaseException],
                       refused: Callable[[BaseException], str]) -> None:
    """XOAUTH2 with the cached token; a rejected token is replaced once before we give up.

    ``sign_in`` raises ``rejection`` when the server refuses the token; ``refused``
    words the AuthError raised when the fresh token is refused too.
    """
    for attempt in (1, 2):
        token = tokens.get()
        try:
            sign_in(token)
            return
        except rejection as e:
            tokens.rejected(token)
            if attempt == 2:
                raise AuthError(refused(e)) from None
            log.info("access token refused; fetching a new one")


def describe(error: BaseException) -> str:
    """An error in one line of plain words: bytes decoded, never a Python repr of bytes."""
    if any(isinstance(arg, bytes) for arg in error.args):
        text = " ".join(arg.decode(errors="replace") if isinstance(arg, bytes) else str(arg) for arg in error.args)
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())[:300]
