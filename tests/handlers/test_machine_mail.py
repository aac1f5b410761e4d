"""Mail made by machines is stored and never answered."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import MACHINE_KINDS
from mailbot.store.models import IncomingMessage
from tests import FIXTURES
from tests.fakes import FakeBot

MACHINE = ["autoreply_gmail_vacation", "autoreply_exchange_nl", "bounce_postfix_dsn", "bulk_list_newsletter",
           "receipt_mdn", "spam_flag", "loop_x_loop", "calendar_reply_declined"]


def test_machine_mail_gets_no_reply(tmp_path: Path) -> None:
    names = [n for n in MACHINE if (FIXTURES / "mail" / f"{n}.eml").exists()]
    assert names == MACHINE, "the fixtures this test reads"
    bot = FakeBot.make(tmp_path)
    bot.receive(*[(FIXTURES / "mail" / f"{n}.eml").read_bytes() for n in names])
    assert bot.smtp.sent == []
    with bot.app.db.read_session() as session:
        kinds = list(session.scalars(select(IncomingMessage.kind)))
    assert len(kinds) == len(names) and set(kinds) <= MACHINE_KINDS
