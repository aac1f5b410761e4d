"""Only the real person changes their record: a forged sender changes nothing and the organiser is told."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.core.domain import Status
from mailbot.engine.reports import messages
from mailbot.store.models import Participant
from tests.fakes import ORGANISER, FakeBot
from tests.mails import mail

ANNA = "anna@org.example"
TRUSTED = {"authentication": {"trusted_servers": ["mx.example.org"]}}


def stamped(result: str) -> dict[str, str]:
    return {"Authentication-Results": f"mx.example.org; dkim={result} header.d=org.example; spf={result} "
                                      f"smtp.mailfrom=org.example; dmarc={result} header.from=org.example"}


def status(bot: FakeBot) -> str | None:
    with bot.app.db.read_session() as session:
        return session.scalar(select(Participant.status).where(Participant.email == ANNA))


def test_a_forged_withdrawal_changes_nothing_and_reaches_the_organiser(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, **TRUSTED)
    bot.receive(mail(ANNA, "Graag meld ik mij aan.", headers=stamped("pass")))
    before = len(bot.smtp.to(ANNA))
    bot.receive(mail(ANNA, "Ik meld mij af voor de leerkring.", subject="Afmelding", headers=stamped("fail")))
    assert status(bot) == Status.QUESTIONNAIRE_SENT
    assert len(bot.smtp.to(ANNA)) == before, "the forger's words are not answered"
    [forward] = [s for s in bot.smtp.to(ORGANISER) if "Fwd" in str(s.message["Subject"])]
    assert ANNA in forward.text and "vervalst" in forward.text
    assert "echt van" not in forward.text
    with bot.app.db.read_session() as session:
        shown = messages(session)
    assert [m["authenticity"] for m in shown] == ["authenticated", "forged"]
    assert shown[1]["state"] == "needs_human" and "withdrawal" in shown[1]["findings"]


def test_a_header_from_a_server_we_do_not_trust_is_ignored(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, **TRUSTED)
    bot.receive(mail(ANNA, "Graag meld ik mij aan.", headers={
        "Authentication-Results": "mx.evil.example; dmarc=fail header.from=org.example"}))
    assert status(bot) == Status.QUESTIONNAIRE_SENT
    with bot.app.db.read_session() as session:
        assert messages(session)[0]["authenticity"] == "unknown"
