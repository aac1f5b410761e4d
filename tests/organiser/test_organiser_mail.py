"""The organiser acts by mail: answers by reply-all, commands, notes and announcements, never registered herself."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.conversation.tokens import find_tokens
from mailbot.core.domain import Attendance, ItemState, Status
from mailbot.store.models import Attendance as AttendanceRow
from mailbot.store.models import Item, Note, Participant
from tests.fakes import BOT, ORGANISER, FakeBot, Sent
from tests.mails import mail, reply

ANNA, PIET = "anna@org.example", "piet@gemeente.example"
PASS = {"Authentication-Results": "mx.example.org; dkim=pass header.d=example.org; spf=pass "
                                  "smtp.mailfrom=example.org; dmarc=pass header.from=example.org"}
TRUSTED = {"authentication": {"trusted_servers": ["mx.example.org"]},
           "meetings": [{"id": "m1", "title": "Bijeenkomst 1: Cluster governance", "start": "2027-02-11 13:00",
                         "end": "2027-02-11 17:00", "location": "Provinciehuis Utrecht"},
                        {"id": "m2", "title": "Bijeenkomst 2: Financiering", "start": "2027-03-11 13:00",
                         "end": "2027-03-11 17:00", "location": "Wageningen"}]}


def from_her(body: str, subject: str = "Leerkring", headers: dict[str, str] | None = None) -> bytes:
    return mail(ORGANISER, body, subject=subject, name="Marloes Bakker", headers=PASS if headers is None else headers)


def to_her(bot: FakeBot) -> list[Sent]:
    return bot.smtp.to(ORGANISER)


def people(bot: FakeBot) -> dict[str, str]:
    with bot.app.db.read_session() as session:
        return {p.email: p.status for p in session.scalars(select(Participant))}


@pytest.fixture
def bot(tmp_path: Path) -> FakeBot:
    made = FakeBot.make(tmp_path, **TRUSTED)
    made.receive(mail(ANNA, "Graag meld ik mij aan.", name="Anna Smit"))
    return made


def test_her_note_is_kept_and_acknowledged_and_she_is_never_registered(bot: FakeBot) -> None:
    bot.receive(from_her("Voor Anna: deelname is gratis."))
    assert ORGANISER not in people(bot)
    [ack] = to_her(bot)
    assert "notitie is bewaard bij Anna Smit" in ack.text
    with bot.app.db.read_session() as session:
        [note] = session.scalars(select(Note).where(Note.source == "organiser")).all()
        assert "gratis" in note.text and note.participant is not None and note.participant.email == ANNA


def test_register_resend_note_withdraw_by_command(bot: FakeBot) -> None:
    bot.receive(from_her(f"aanmelden Piet de Boer <{PIET}>\nnotitie {ANNA} belt volgende week\n"))
    assert people(bot)[PIET] == Status.QUESTIONNAIRE_SENT
    assert len(bot.smtp.to(PIET)) == 1 and "Piet" in bot.smtp.to(PIET)[0].text
    reply_to_her = to_her(bot)[-1].text
    assert PIET in reply_to_her and "aangemeld" in reply_to_her and "notitie staat bij" in reply_to_her
    bot.receive(from_her(f"vragenlijst {PIET}"))
    assert len(bot.smtp.to(PIET)) == 2, "resent, not rate-limited"
    bot.receive(from_her(f"afmelden {PIET}"))
    assert people(bot)[PIET] == Status.WITHDRAWN
    assert len(bot.smtp.to(PIET)) == 2, "a withdrawal by command mails the participant nothing"


def test_absent_and_present_by_meeting_number(bot: FakeBot) -> None:
    bot.receive(from_her(f"afwezig {ANNA} 2"))
    with bot.app.db.read_session() as session:
        [row] = session.scalars(select(AttendanceRow)).all()
        assert (row.meeting_id, row.status) == ("m2", Attendance.DECLINED)
    bot.receive(from_her(f"present {ANNA} m2"))
    with bot.app.db.read_session() as session:
        assert session.scalar(select(AttendanceRow.status)) == Attendance.ACCEPTED
    assert people(bot)[ANNA] != Status.WITHDRAWN


def test_a_line_that_is_no_command_is_reported_and_the_commands_still_run(bot: FakeBot) -> None:
    bot.receive(from_her(f"afmelden {ANNA}\nverwijder iedereen"))
    assert people(bot)[ANNA] == Status.WITHDRAWN, "the independent command ran"
    [reply_to_her] = to_her(bot)
    assert "is afgemeld" in reply_to_her.text and "  verwijder iedereen" in reply_to_her.text
    assert "niet als opdracht" in reply_to_her.text


def test_an_unknown_command_alone_gets_the_help_and_changes_nothing(bot: FakeBot) -> None:
    before = people(bot)
    bot.receive(from_her("afmelden Anna"))
    assert people(bot) == before
    assert "overzicht" in to_her(bot)[-1].text and "afmelden Anna" in to_her(bot)[-1].text


def test_overview_sends_the_digest_now_with_the_list(bot: FakeBot) -> None:
    bot.receive(from_her("overzicht"))
    mails = to_her(bot)
    digest = [m for m in mails if any(p.get_filename() == "deelnemers.xlsx" for p in m.message.iter_attachments())]
    assert len(digest) == 1 and ANNA in digest[0].text


def test_unauthenticated_commands_wait_for_her_yes(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)  # no trusted server: a round-trip proves it is her
    bot.receive(from_her(f"aanmelden Piet <{PIET}>", headers={}))
    assert PIET not in people(bot)
    ask = to_her(bot)[-1]
    assert find_tokens(str(ask.message["Subject"]), ask.text)
    bot.receive(reply(ask, ORGANISER, "JA", name="Marloes Bakker"))
    assert people(bot)[PIET] == Status.QUESTIONNAIRE_SENT


def test_a_forged_command_does_nothing_and_she_is_told(bot: FakeBot) -> None:
    bot.receive(from_her(f"afmelden {ANNA}", headers={
        "Authentication-Results": "mx.example.org; dmarc=fail header.from=example.org"}))
    assert people(bot)[ANNA] == Status.QUESTIONNAIRE_SENT
    [warning] = to_her(bot)
    assert "vervalst" in warning.text


def test_reply_all_to_a_forward_closes_the_item_without_mailing_again(bot: FakeBot) -> None:
    bot.receive(mail(PIET, "Ik meld me aan. Mag ik een collega meenemen?", name="Piet de Boer"))
    [forward] = [m for m in to_her(bot) if str(m.message["Subject"]).startswith("Fwd")]
    assert PIET in str(forward.message["Reply-To"]) and BOT in str(forward.message["Reply-To"])
    to_piet = len(bot.smtp.to(PIET))
    answer = reply(forward, ORGANISER, "Natuurlijk, uw collega is welkom.", name="Marloes Bakker")
    answer = answer.replace(b"To: " + BOT.encode(), b"To: " + PIET.encode() + b", " + BOT.encode(), 1)
    bot.receive(answer)
    assert len(bot.smtp.to(PIET)) == to_piet, "Piet has her mail already"
    with bot.app.db.read_session() as session:
        [item] = session.scalars(select(Item)).all()
        assert item.state == ItemState.CLOSED and "welkom" in item.answer


def test_her_answer_to_us_only_is_passed_on_once(bot: FakeBot) -> None:
    bot.receive(mail(PIET, "Ik meld me aan. Mag ik een collega meenemen?", name="Piet de Boer"))
    [forward] = [m for m in to_her(bot) if str(m.message["Subject"]).startswith("Fwd")]
    to_piet = len(bot.smtp.to(PIET))
    bot.receive(reply(forward, ORGANISER, "Natuurlijk, uw collega is welkom.", name="Marloes Bakker"))
    assert len(bot.smtp.to(PIET)) == to_piet + 1 and "welkom" in bot.smtp.to(PIET)[-1].text


def test_an_announcement_is_previewed_and_sent_once_after_her_yes(bot: FakeBot) -> None:
    bot.receive(mail(PIET, "Ik meld me aan.", name="Piet de Boer"))
    bot.receive(from_her("Beste deelnemers,\n\nHet programma staat online.\n",
                         subject="Aan alle deelnemers: programma bijeenkomst 1"))
    preview = to_her(bot)[-1]
    assert "Het programma staat online" in preview.text and ANNA in preview.text and PIET in preview.text
    before = {a: len(bot.smtp.to(a)) for a in (ANNA, PIET)}
    bot.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker"))
    for address in (ANNA, PIET):
        got = bot.smtp.to(address)
        assert len(got) == before[address] + 1
        assert str(got[-1].message["Subject"]) == "programma bijeenkomst 1" and "programma staat online" in got[-1].text
        assert got[-1].message["To"].addresses[0].addr_spec == address, "each gets it alone"
    bot.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker"))
    assert all(len(bot.smtp.to(a)) == before[a] + 1 for a in (ANNA, PIET)), "never twice"
    assert "al beslist: het is uitgevoerd" in to_her(bot)[-1].text, "her second yes is told it was done already"


def test_an_announcement_she_declines_goes_to_no_one(bot: FakeBot) -> None:
    bot.receive(from_her("Beste deelnemers,\n\nTest.\n", subject="To all participants: test"))
    preview = to_her(bot)[-1]
    before = len(bot.smtp.sent)
    bot.receive(reply(preview, ORGANISER, "NEE", name="Marloes Bakker"))
    assert [s.recipient for s in bot.smtp.sent[before:]] == [ORGANISER]
    assert "gaat niet door" in to_her(bot)[-1].text
    bot.receive(reply(preview, ORGANISER, "Ja", name="Marloes Bakker"))
    assert [s.recipient for s in bot.smtp.sent[before:]] == [ORGANISER] * 2, "a late yes sends nothing"
    assert "al beslist: het gaat niet door" in to_her(bot)[-1].text
