"""What we answer the organiser: one mail per mail of hers, each line saying what was done.

Lines are small dicts with a ``key`` that the ``_organiser_lines`` partial words in her language. When
she asked for the overview, the overview itself is the answer, with the lines above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailbot.conversation.respond import MainMail
from mailbot.conversation.tokens import marked
from mailbot.core.domain import MailKind
from mailbot.mail.compose import Attachment
from mailbot.organiser.commands import Command
from mailbot.store.models import Action

RANK = 10
PREVIEW_VALID_DAYS = 14


def _context(**given: Any) -> dict[str, Any]:
    return {"lines": [], "help": False, "unknown": [], "other": [], "confirm": [], "previews": [], "reference": "",
            "valid_days": PREVIEW_VALID_DAYS, **given}


def reply_lines(lines: Sequence[dict[str, Any]], *, unknown: Sequence[str] = (), other: Sequence[str] = (),
                help: bool = False, asking: Action | None = None) -> MainMail:
    """``asking``: what a line asks her to confirm (a preview); her reply in this thread answers it."""
    shown = [line for line in lines if line.get("key") not in ("help", "meeting_proposed")]
    kind = MailKind.CONFIRM_REQUEST if asking is not None else MailKind.ORGANISER_REPLY
    return MainMail(RANK, kind, "organiser_reply",
                    _context(lines=shown, unknown=list(unknown), other=list(other),
                             help=help or any(line.get("key") == "help" for line in lines),
                             reference=marked(asking.token) if asking is not None else ""))


def help_reply(unknown: Sequence[str] = ()) -> MainMail:
    return reply_lines([], unknown=unknown, help=True)


def confirm_request(commands: Sequence[Command], reference: str, unknown: Sequence[str] = (),
                    other: Sequence[str] = ()) -> MainMail:
    return MainMail(RANK, MailKind.CONFIRM_REQUEST, "organiser_reply",
                    _context(confirm=[c.line for c in commands], reference=reference, unknown=list(unknown),
                             other=list(other)))


def previews_reply(lines: Sequence[dict[str, Any]], previews: list[dict[str, Any]], reference: str,
                   unknown: Sequence[str] = (), other: Sequence[str] = ()) -> MainMail:
    """Her meeting changes, shown before anyone hears of them, with what else her mail did."""
    main = reply_lines(lines, unknown=unknown, other=other)
    return MainMail(RANK, MailKind.CONFIRM_REQUEST, "organiser_reply",
                    {**main.context, "previews": previews, "reference": reference})


def overview_reply(context: dict[str, Any], done: list[str], attachments: tuple[Attachment, ...]) -> MainMail:
    """The overview she asked for is the answer to her mail; what else her commands did stands above it."""
    return MainMail(RANK, MailKind.DIGEST, "digest", {**context, "done": done}, attachments=attachments)
