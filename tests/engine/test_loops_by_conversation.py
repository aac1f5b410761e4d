"""A loop is judged on the conversation, not on the words alone: her short answers are never loops, a ticket
system's numbered auto-responses are answered once, and what the loop check holds back reaches a person."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.digest.send import preview_digest
from mailbot.engine.reports import messages
from mailbot.store.models import IncomingMessage
from tests.fakes import ORGANISER, FakeBot
from tests.mails import mail, reply

PASS = {"Authentication-Results": "mx.example.org; dkim=pass header.d=example.org; spf=pass "
                                  "smtp.mailfrom=example.org; dmarc=pass header.from=example.org"}
TRUSTED = {"authentication": {"trusted_servers": ["mx.example.org"]}}
TICKETS = "helpdesk@gemeente.example"


def ticket(number: int, in_reply_to: str = "") -> bytes:
    return mail(TICKETS, f"Geachte heer/mevrouw,\n\nUw bericht is bij ons geregistreerd onder meldingsnummer "
                         f"{number}. Wij nemen binnen vijf werkdagen contact met u op.\n\nServicedesk\n",
                subject=f"Melding {number} ontvangen", name="Servicedesk", in_reply_to=in_reply_to)


def test_a_ticket_systems_numbered_auto_response_is_answered_once_and_shown_to_a_person(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, **TRUSTED)
    bot.receive(ticket(4711))
    assert len(bot.smtp.to(TICKETS)) == 1
    ours = bot.smtp.to(TICKETS)[-1]
    bot.receive(ticket(4712, in_reply_to=str(ours.message["Message-ID"])))
    bot.receive(ticket(4713))
    assert len(bot.smtp.to(TICKETS)) == 1, "answered at most once"
    with bot.app.db.read_session() as session:
        rows = session.scalars(select(IncomingMessage).where(IncomingMessage.sender == TICKETS)).all()
        held = [m for m in rows if m.kind == "loop"]
        assert len(held) == 2 and all(m.state == "needs_human" for m in held)
        listed = [m for m in messages(session) if m["from"] == TICKETS and m["kind"] == "loop"]
        assert len(listed) == 2
    digest = preview_digest(bot.app.db, bot.app.config, bot.app.templates).text
    assert "steeds dezelfde tekst" in digest and "Melding 4712" in digest


def test_her_third_ja_of_the_day_answers_its_own_request(tmp_path: Path) -> None:
    """Three announcements, three previews, three times "JA": each goes out; none is a loop."""
    bot = FakeBot.make(tmp_path, **TRUSTED)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan.", name="Anna Smit"))
    for n in range(3):
        bot.receive(mail(ORGANISER, f"Beste deelnemers,\n\nBericht nummer {n}.", name="Marloes Bakker",
                         subject=f"Aan alle deelnemers: bericht {n}", headers=PASS))
        preview = bot.smtp.to(ORGANISER)[-1]
        bot.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker", headers=PASS))
    announced = [m for m in bot.smtp.to("anna@org.example") if "Bericht nummer" in m.text]
    assert len(announced) == 3


def test_her_fourth_overview_is_answered(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, **TRUSTED)
    for _ in range(4):
        bot.receive(mail(ORGANISER, "overzicht", name="Marloes Bakker", subject="Leerkring", headers=PASS))
    assert len(bot.smtp.to(ORGANISER)) == 4


def test_the_same_words_under_three_different_mails_of_ours_are_three_answers(tmp_path: Path) -> None:
    """The same question under the questionnaire and under two announcements: three conversations, no loop."""
    bot = FakeBot.make(tmp_path, **TRUSTED)
    person = "anna@org.example"
    bot.receive(mail(person, "Graag meld ik mij aan.", name="Anna Smit"))
    ours = [bot.smtp.to(person)[-1]]
    for n in range(2):
        bot.receive(mail(ORGANISER, f"Beste deelnemers,\n\nBericht {n}.", name="Marloes Bakker",
                         subject=f"Aan alle deelnemers: nieuws {n}", headers=PASS))
        bot.receive(reply(bot.smtp.to(ORGANISER)[-1], ORGANISER, "JA", name="Marloes Bakker", headers=PASS))
        ours.append(bot.smtp.to(person)[-1])
    for our in ours:
        bot.receive(reply(our, person, "Ik heb een vraag: is er koffie?", name="Anna Smit"))
    with bot.app.db.read_session() as session:
        kinds = [m.kind for m in session.scalars(select(IncomingMessage).where(IncomingMessage.sender == person))]
    assert "loop" not in kinds, kinds


def test_answering_our_answer_with_the_same_words_again_and_again_is_a_loop(tmp_path: Path) -> None:
    """A ping-pong: each mail answers our answer to the same words before it. The third is held, visibly."""
    bot = FakeBot.make(tmp_path)
    robot = "receptie@org.example"
    text = "Dank voor uw bericht. Wij nemen zo spoedig mogelijk contact met u op.\n\nReceptie"
    bot.receive(mail(robot, "Graag meld ik mij aan.", name="Receptie"))
    for _ in range(5):
        bot.receive(reply(bot.smtp.to(robot)[-1], robot, text, name="Receptie", quote=False))
    assert len(bot.smtp.to(robot)) <= 3
    with bot.app.db.read_session() as session:
        held = session.scalars(select(IncomingMessage.state).where(IncomingMessage.kind == "loop")).all()
    assert held and set(held) == {"needs_human"}
