"""What waits for the organiser stays in every digest, with its age, until she answers it or marks it done."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from mailbot.digest.send import preview_digest
from tests.fakes import BOT, ORGANISER, FakeBot
from tests.mails import mail, reply

JAN = "jan@gemeente.example"


def digest_text(bot: FakeBot) -> str:
    return preview_digest(bot.app.db, bot.app.config, bot.app.templates, "nl").text


def test_a_question_stays_in_the_digest_until_she_marks_it_done(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail(JAN, "Graag meld ik mij aan. Wat kost deelname aan de leerkring?"))
    forward = next(s for s in bot.smtp.to(ORGANISER) if str(s.message["Subject"]).startswith("Fwd"))
    first, second = digest_text(bot), digest_text(bot)
    for text in (first, second):  # a digest does not make it go away
        assert "Openstaande punten (1)" in text and "Wat kost deelname" in text and "vandaag open" in text
    assert f"mailto:{JAN}?cc={BOT}" in first
    done_link = next(line for line in first.splitlines() if "Afhandelen:" in line).split(": ", 1)[1]
    assert "afgehandeld #" in unquote(done_link)

    bot.receive(reply(forward, ORGANISER, "afgehandeld", name="Marloes Bakker", quote=False))
    assert "Openstaande punten" not in digest_text(bot)
    assert len(bot.smtp.to(JAN)) == 1, "closing an item mails no participant"


def test_the_done_link_closes_the_item_it_names(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail(JAN, "Graag meld ik mij aan. Wat kost deelname aan de leerkring?"))
    bot.receive(mail("piet@provincie.example", "Ik doe mee. Is er parkeergelegenheid bij de locatie?", name="Piet"))
    text = digest_text(bot)
    assert "Openstaande punten (2)" in text
    done_link = next(line for line in text.splitlines() if "Afhandelen:" in line).split(": ", 1)[1]
    subject = unquote(done_link.split("subject=")[1].split("&")[0])
    bot.receive(mail(ORGANISER, unquote(done_link.split("body=")[1]), subject=subject, name="Marloes Bakker"))
    after = digest_text(bot)
    assert "Openstaande punten (1)" in after and "parkeergelegenheid" in after and "Wat kost" not in after
