"""Fixture mail for the rule tests: raw messages in tests/fixtures/mail, parsed once each."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from mailbot.mail.parse import IncomingMail, parse_mail
from mailbot.rules import Facts
from tests import FIXTURES

MAIL = FIXTURES / "mail"
OWN = Facts(own_addresses=frozenset({"leerkring@example.org"}), own_domain="example.org")


@functools.cache
def mail(name: str) -> IncomingMail:
    """The parsed fixture ``tests/fixtures/mail/<name>.eml``."""
    return parse_mail((MAIL / f"{name}.eml").read_bytes())


def facts(**changes: Any) -> Facts:
    """Our own address and domain, plus what storage would know about this sender."""
    return dataclasses.replace(OWN, **changes)

