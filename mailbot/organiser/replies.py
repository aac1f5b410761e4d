"""What we answer the organiser: one short mail per mail of hers, each line saying what was done.

Lines are small dicts with a ``key`` that the ``organiser_reply`` template words in her language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailbot.conversation.respond import MainMail
from mailbot.conversation.tokens import marked
from mailbot.core.domain import MailKind
from mailbot.organiser.commands import Command
from mailbot.store.models import Action

RANK = 10


def reply_lines(lines: Sequence[dict[str, Any]], asking: Action | None = None) -> MainMail:
    """``asking``: what a line asks her to confirm (a preview); her reply in this thread answers it."""
    kind = MailKind.CONFIRM_REQUEST if asking is not None else MailKind.ORGANISER_REPLY
    return MainMail(RANK, kind, "organiser_reply", {"lines": list(lines), "help": False, "unknown": [], "confirm": [],
                                                    "reference": marked(asking.token) if asking is not None else ""})


def help_reply(unknown: Sequence[str] = ()) -> MainMail:
    return MainMail(RANK, MailKind.ORGANISER_REPLY, "organiser_reply",
                    {"lines": [], "help": True, "unknown": list(unknown), "confirm": [], "reference": ""})


def confirm_request(commands: Sequence[Command], reference: str) -> MainMail:
    return MainMail(RANK, MailKind.CONFIRM_REQUEST, "organiser_reply",
                    {"lines": [], "help": False, "unknown": [], "confirm": [c.line for c in commands],
                     "reference": reference})
