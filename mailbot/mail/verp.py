"""Per-recipient return paths (VERP): a bounce that comes back to the address we gave only one person.

We send each mail with the envelope sender ``local+b-<token>@domain``, where
``local@domain`` is the programme address and the token stands for the one recipient
(the caller keeps the token -> recipient map). A bounce goes to the envelope sender, so
when a report arrives at ``local+b-<token>@domain`` (the receiving server records that
in Delivered-To, X-Original-To or Envelope-To), it is about a mail we really sent to
that recipient. Nobody else knows the token, which is why it must be random:
``new_verp_token()`` gives 80 bits.

The mailbox must accept plus addressing (Postfix ``recipient_delimiter = +``; Gmail and
Microsoft 365 do it by default), or the bounces are refused and never arrive.

Tokens are lower-case letters, digits, ``-`` and ``_``: URL-safe, and immune to mail
systems that fold the case of a local part. The domain is compared case-insensitively,
and so is the local part (some systems lower-case it on the way).

    new_verp_token() -> str
    verp_address("leerkring@example.org", "k3x...") -> "leerkring+b-k3x...@example.org"
    verp_token("Leerkring+B-k3x...@EXAMPLE.org", "leerkring@example.org") -> "k3x..."
"""

from __future__ import annotations

import base64
import re
import secrets

TAG = "+b-"
_TOKEN = re.compile(r"[a-z0-9_-]{1,32}")
MAX_LOCAL_PART = 64  # RFC 5321 section 4.5.3.1.1


def new_verp_token() -> str:
    """16 characters of base32: 80 random bits, lower-case."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()


def verp_address(programme_address: str, token: str) -> str:
    """The envelope sender for one recipient; ValueError when the address or token cannot make one."""
    local, at, domain = programme_address.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"not an address: {programme_address!r}")
    if not _TOKEN.fullmatch(token):
        raise ValueError(f"a VERP token is 1-32 of a-z, 0-9, '-' and '_': {token!r}")
    address_local = f"{local}{TAG}{token}"
    if len(address_local) > MAX_LOCAL_PART:
        raise ValueError(f"local part longer than {MAX_LOCAL_PART} characters: {address_local!r}")
    return f"{address_local}@{domain}"


def verp_token(address: str, programme_address: str) -> str | None:
    """The token of a per-recipient return path of the programme address, or None for any other address."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    own_local, own_at, own_domain = programme_address.strip().rpartition("@")
    if not at or not own_at or domain.lower() != own_domain.lower():
        return None
    prefix = f"{own_local}{TAG}".lower()
    if not own_local or not local.lower().startswith(prefix):
        return None
    token = local[len(prefix):].lower()
    return token if _TOKEN.fullmatch(token) else None
