"""The organiser asks for a briefing by mail ("briefing 1", "brief m2"): it goes to her and the meeting's
experts, and her reply says so; a meeting she names that does not exist, or is over, sends nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from mailbot.core.domain import MailKind
from mailbot.store.models import OutboxMail
from tests.fakes import ORGANISER, FakeBot
from tests.mails import mail

TRUSTED = "Authentication-Results: mx.example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org"


def meetings() -> list[dict[str, Any]]:
    fmt = "%Y-%m-%d %H:%M"
    soon, past = datetime.now() + timedelta(days=20), datetime.now() - timedelta(days=3)
    return [{"id": "m1", "title": "Bijeenkomst 1", "start": soon.strftime(fmt),
             "end": (soon + timedelta(hours=4)).strftime(fmt), "location": "Energy Valley",
             "themes": {"themes": ["governance"]}, "briefing": {"to": ["expert@kennis.example"]}},
            {"id": "m0", "title": "Startbijeenkomst", "start": past.strftime(fmt),
             "end": (past + timedelta(hours=4)).strftime(fmt), "location": "Food Valley"}]


def command(words: str) -> bytes:
    name, address = "Marloes Bakker", ORGANISER
    raw = mail(address, words + "\n", subject="opdracht", name=name)
    return TRUSTED.encode() + b"\r\n" + raw


def test_briefing_by_mail(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, meetings=meetings(),
                       authentication={"trusted_servers": ["mx.example.org"]})
    bot.receive(command("brief Energy Valley"))
    with bot.app.db.read_session() as session:
        rows = session.query(OutboxMail).filter(OutboxMail.kind == MailKind.BRIEFING).all()
        assert sorted(r.recipient for r in rows) == sorted([ORGANISER, "expert@kennis.example"])
        assert all(r.meeting_id == "m1" for r in rows)
    replies = [s for s in bot.smtp.to(ORGANISER) if "De briefing voor Bijeenkomst 1" in s.text]
    assert len(replies) == 1 and "expert@kennis.example" in replies[0].text


def test_an_unknown_or_past_meeting_sends_no_briefing(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, meetings=meetings(), authentication={"trusted_servers": ["mx.example.org"]})
    bot.receive(command("brief m9\nbriefing 1"))  # 1: the first by date, over
    with bot.app.db.read_session() as session:
        assert session.query(OutboxMail).filter(OutboxMail.kind == MailKind.BRIEFING).count() == 0
    text = " ".join(s.text for s in bot.smtp.to(ORGANISER))
    assert 'Ik weet niet welke bijeenkomst "m9" is' in text
    assert 'Ik weet niet welke bijeenkomst "1" is' in text
