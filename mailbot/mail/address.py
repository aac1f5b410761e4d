"""Whether a string is a real mail address: one we may write to, and keep a person under.

    address_problem(address) -> str     "" for a real address, else why not ("an empty local part")

A real address is an RFC 5322 addr-spec in its plain form: a dot-atom local part (RFC 6532
letters allowed), one "@", and a domain of at least two labels of at most 63 characters. RFC 5321's
lengths (64 and 254) are not enforced, as mail servers take longer addresses; one longer than a
header line (998) is no address. Everything a header parser may leave in an address that no mailbox has is refused:
an RFC 2047 encoded word (RFC 2047 section 5 forbids them in an addr-spec; decoded, the bytes
inside may hold a second "@", or nothing at all), control characters and spaces, quoted or
empty local parts, more than one "@", a domain literal. Such a sender is never answered and
never becomes a participant; the mail is kept and set aside with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_ADDRESS = 998  # a header line; no index holds a longer one whole either
_ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?[^?]*\?=")
_ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff"
_LOCAL = re.compile(rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*")
_LABEL = re.compile(r"[A-Za-z0-9\u0080-\U0010ffff](?:[A-Za-z0-9\u0080-\U0010ffff-]*[A-Za-z0-9\u0080-\U0010ffff])?")


@lru_cache(maxsize=4096)  # pure; a sender's address is checked when read and again for each reply queued to it
def address_problem(address: str) -> str:
    """Why ``address`` is not a real mail address, or "" when it is one."""
    if not address:
        return "no address"
    if _ENCODED_WORD.search(address):
        return "an encoded word inside the address"
    if any(unicodedata.category(ch).startswith("C") for ch in address):
        return "a control character inside the address"
    if any(ch.isspace() or unicodedata.category(ch).startswith("Z") for ch in address):
        return "a space inside the address"
    if "@" not in address:
        return "no @"
    if address.count("@") > 1:
        return "more than one @"
    local, domain = address.split("@")
    if not local:
        return "an empty local part"
    if not domain:
        return "an empty domain"
    if len(address) > MAX_ADDRESS:
        return f"longer than any mail system takes ({len(address)} characters)"
    if not _LOCAL.fullmatch(local):
        return "a local part with quotes, brackets or misplaced dots"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) and len(label) <= 63 for label in labels):
        return "a domain that is no internet domain name"
    return ""


def is_address(address: str) -> bool:
    return not address_problem(address)
