"""Confirmation tokens: random, shown as ``[ref:TOKEN]`` in the subject and the text of our mail (``actions``).

Putting the token in the subject as well as in the text lets it survive mail
clients that drop threading headers or strip the quoted text (Mailman confirms
subscriptions the same way). Only the holder of the mailbox the token was sent
to can reply with it, which is what makes a confirmed request safe against a
forged sender.
"""

from __future__ import annotations

import re
import secrets

_TOKEN_BYTES = 16  # 22 characters of base64url: 128 bits, not guessable
_TOKEN_LENGTH = 22
_MARKED = re.compile(r"\[ref:([A-Za-z0-9_-]{22})\]")  # _TOKEN_LENGTH characters


def new_token() -> str:
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    assert len(token) == _TOKEN_LENGTH
    return token


def marked(token: str) -> str:
    """The token as we write it into a mail, so that ``find_tokens`` finds it in the reply."""
    return f"[ref:{token}]"


def find_tokens(subject: str, text: str) -> frozenset[str]:
    """Every marked token in a reply's subject and text (quoted parts included: that is where it usually is)."""
    return frozenset(_MARKED.findall(subject)) | frozenset(_MARKED.findall(text))
