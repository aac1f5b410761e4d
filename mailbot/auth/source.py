"""What a token source hands out, and what every source can do: the base the providers build on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    expires_in: float | None  # seconds from when it was issued; None: the source did not say


class TokenSource(Protocol):
    def fetch(self) -> Token:
        """Ask the identity provider for a fresh token."""

    def forget(self) -> None:
        """Drop any token the source keeps itself, so the next ``fetch`` asks anew."""
