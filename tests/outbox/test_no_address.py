"""The outbox's last guard: mail to something that is no address is recorded as failed, never handed over."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.conversation.questionnaire_mail import queue_questionnaire
from mailbot.core.domain import OutboxState
from mailbot.outbox.queue import new_outbox
from mailbot.store.db import utcnow
from mailbot.store.models import OutboxMail, Participant
from tests.fakes import FakeBot


def test_a_participant_kept_under_no_address_is_never_mailed(tmp_path: Path) -> None:
    """Such a participant may be in a database from before addresses were checked (``""@org.test``)."""
    bot = FakeBot.make(tmp_path)
    with bot.app.db.session() as session:
        person = Participant(email='""@org.test', name="", status="questionnaire_sent", registered_at=utcnow(),
                             updated_at=utcnow())
        session.add(person)
        session.flush()
        queue_questionnaire(new_outbox(session, bot.app.config, bot.app.templates), person)
    report = bot.drain()
    assert report.sent == 0 and not bot.smtp.sent
    with bot.app.db.read_session() as session:
        row = session.scalars(select(OutboxMail)).one()
        assert (row.state, row.last_error) == (OutboxState.FAILED, "not a real address: "
                                               "a local part with quotes, brackets or misplaced dots")
