"""Introductions by mail: "koppel <naam>" or "koppelingen" gets her a preview of the exact mails; after her "JA"
each pair gets one mail addressed to both, in each one's language; nobody is introduced twice; who said no is
never introduced; an introduction tells names, organisations, addresses and the topic, never an answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.store.models import Answer, Introduction, OutboxMail, Participant
from tests.fakes import ORGANISER, FakeBot, Sent
from tests.mails import mail, reply
from tests.matching.circle import PEOPLE, seed
from tests.organiser.test_organiser_mail import TRUSTED, from_her, to_her

EMAIL = {p["name"].split()[0]: p["email"] for p in PEOPLE}


@pytest.fixture
def bot(tmp_path: Path) -> FakeBot:
    made = FakeBot.make(tmp_path, **TRUSTED)
    with made.app.db.session() as session:
        seed(session)
    return made


def yes(bot: FakeBot, preview: Sent) -> None:
    bot.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker"))


def introductions(bot: FakeBot) -> set[tuple[str, ...]]:
    with bot.app.db.read_session() as session:
        names = {p.id: p.name.split()[0] for p in session.scalars(select(Participant))}
        return {tuple(sorted((names[i.first_id], names[i.second_id]))) for i in session.scalars(select(Introduction))}


def test_a_preview_first_then_one_mail_to_both_after_her_yes(bot: FakeBot) -> None:
    bot.receive(from_her("koppel Anna de Vries"))
    [preview] = to_her(bot)
    assert preview.message["Subject"].startswith("Re: Leerkring [ref:")
    text = preview.text
    assert "Eén kennismaking voor Anna de Vries voorbereid; er is nog niets verstuurd." in text
    assert "Aan: Anna de Vries <a.devries@provinciegroningen.example>, Bram Jansen <b.jansen@eindhoven.example>" \
           in text
    assert "Anna de Vries en Ingrid Kok: Ingrid Kok wil niet voorgesteld worden" in text
    assert not bot.smtp.to(EMAIL["Anna"]) and not bot.smtp.to(EMAIL["Bram"])
    yes(bot, preview)
    [anna], [bram] = bot.smtp.to(EMAIL["Anna"]), bot.smtp.to(EMAIL["Bram"])
    assert anna.text == bram.text and anna.message["Subject"] == "Kennismaking: Anna de Vries en Bram Jansen"
    assert {a.strip() for a in str(anna.message["To"]).split(",")} == {
        "Anna de Vries <a.devries@provinciegroningen.example>", "Bram Jansen <b.jansen@eindhoven.example>"}
    assert "Ingrid" not in str(anna.message["Reply-To"]) and "leerkring" not in str(anna.message["Reply-To"])
    assert "Anna de Vries: Bram Jansen (Gemeente Eindhoven, b.jansen@eindhoven.example) heeft praktijkervaring die " \
           "aansluit bij uw vraag. Het onderwerp: MKB, financiering, subsidie; thema: Financieren en investeren." \
           in anna.text
    assert "Bram Jansen: Anna de Vries (Provincie Groningen, a.devries@provinciegroningen.example) heeft een vraag" \
           in anna.text
    assert "2 kennismakingen" not in to_her(bot)[-1].text and "Eén kennismaking gaat nu uit" in to_her(bot)[-1].text
    assert introductions(bot) == {("Anna", "Bram")}


def test_what_an_introduction_shares_is_never_an_answer(bot: FakeBot) -> None:
    bot.receive(from_her("koppelingen"))
    yes(bot, to_her(bot)[-1])
    with bot.app.db.read_session() as session:
        sent = [m for m in session.scalars(select(OutboxMail).where(OutboxMail.kind == "introduction"))]
        answers = [a.value for a in session.scalars(select(Answer)) if isinstance(a.value, str) and len(a.value) > 20]
        texts = [row.body_text for row in sent]
    assert len(sent) == 10  # five pairs (Anna-Ingrid not: Ingrid said no), a copy each
    for text in texts:
        for answer in answers:  # no question, no experience, no region as written
            assert answer not in text
        assert "Noord-Nederland" not in text and "Opkomend" not in text


def test_in_each_ones_language(bot: FakeBot) -> None:
    with bot.app.db.session() as session:
        bram = session.scalar(select(Participant).where(Participant.email == EMAIL["Bram"]))
        assert bram is not None
        bram.language = "en"
    bot.receive(from_her(f"koppel {EMAIL['Anna']}"))
    yes(bot, to_her(bot)[-1])
    [anna] = bot.smtp.to(EMAIL["Anna"])
    dutch, english = anna.text.split("-" * 45)
    assert dutch.startswith("Beste Anna de Vries,") and "Het onderwerp: MKB, financiering, subsidie" in dutch
    assert english.strip().startswith("Dear Bram Jansen,") and "has a question that your practical experience" \
           " fits. The topic: MKB, financiering, subsidie; theme: Financing and investing." in english
    assert anna.message["Subject"] == "Kennismaking: Anna de Vries en Bram Jansen / Introduction: Bram Jansen and " \
                                      "Anna de Vries"


def test_nobody_is_introduced_twice(bot: FakeBot) -> None:
    bot.receive(from_her("koppel Anna"))
    first = to_her(bot)[-1]
    bot.receive(from_her("koppelingen"))
    everyone = to_her(bot)[-1]
    yes(bot, first)
    assert introductions(bot) == {("Anna", "Bram")}
    yes(bot, everyone)  # prepared before Anna and Bram were introduced: they are left out now
    assert "Anna de Vries & Bram Jansen: al eerder aan elkaar voorgesteld" in " ".join(to_her(bot)[-1].text.split())
    assert len(bot.smtp.to(EMAIL["Anna"])) == 1 and len(bot.smtp.to(EMAIL["Bram"])) == 2  # Bram: also Gemma
    bot.receive(from_her("koppel Anna"))
    assert "Er is niemand voor Anna de Vries om voor te stellen" in to_her(bot)[-1].text
    assert "al eerder aan elkaar voorgesteld" in to_her(bot)[-1].text


def test_who_says_no_by_mail_before_her_yes_is_left_out(bot: FakeBot) -> None:
    bot.receive(from_her("koppel Frank"))
    preview = to_her(bot)[-1]
    assert "Onderwerp: Kennismaking: Frank de Wit en Gemma Mulder" in preview.text
    bot.receive(mail(EMAIL["Gemma"], "Ik wil liever niet aan andere deelnemers voorgesteld worden.",
                     subject="Kennismaking", name="Gemma Mulder"))
    [ack] = bot.smtp.to(EMAIL["Gemma"])
    assert "niet aan andere deelnemers voor" in ack.text
    yes(bot, preview)
    assert not bot.smtp.to(EMAIL["Frank"]) and len(bot.smtp.to(EMAIL["Gemma"])) == 1
    assert "iemand van hen wil niet voorgesteld worden" in to_her(bot)[-1].text
    assert introductions(bot) == set()


def test_her_no_sends_nothing_and_a_name_we_do_not_know_prepares_nothing(bot: FakeBot) -> None:
    bot.receive(from_her("koppel Bram"))
    bot.receive(reply(to_her(bot)[-1], ORGANISER, "NEE", name="Marloes Bakker"))
    assert not bot.smtp.to(EMAIL["Bram"]) and introductions(bot) == set()
    bot.receive(from_her("koppel Zoë"))
    assert 'Ik weet niet wie "Zoë" is' in to_her(bot)[-1].text
    bot.receive(from_her("introduce Karin Hoekstra"))  # withdrew: no one to introduce her to
    assert 'Ik weet niet wie "Karin Hoekstra" is' in to_her(bot)[-1].text


def test_from_an_address_we_cannot_vouch_for_two_yeses_are_needed(bot: FakeBot) -> None:
    bot.receive(from_her("koppel Anna de Vries", headers={}))
    ask = to_her(bot)[-1]
    assert "koppel Anna de Vries" in ask.text and "kennismaking" not in ask.text.lower()
    yes(bot, ask)  # the command is hers: now the preview, still nothing sent
    preview = to_her(bot)[-1]
    assert "Eén kennismaking voor Anna de Vries voorbereid" in preview.text and not bot.smtp.to(EMAIL["Anna"])
    yes(bot, preview)
    assert len(bot.smtp.to(EMAIL["Anna"])) == 1 and introductions(bot) == {("Anna", "Bram")}


def test_forgetting_someone_takes_their_introductions_along(bot: FakeBot) -> None:
    from mailbot.privacy.forget import forget_person
    from mailbot.store.db import utcnow

    bot.receive(from_her("koppel Anna"))
    yes(bot, to_her(bot)[-1])
    assert introductions(bot) == {("Anna", "Bram")}
    with bot.app.db.session() as session:
        forget_person(session, EMAIL["Anna"], utcnow(), "test")
    assert introductions(bot) == set()
    with bot.app.db.read_session() as session:  # Bram's copy named her address: its text is gone too
        texts = [m.body_text for m in session.scalars(select(OutboxMail).where(OutboxMail.kind == "introduction"))]
    assert texts and all(EMAIL["Anna"] not in text for text in texts)
