"""Answers sent for someone else wait for that person: proposed, then confirmed, refused or left to expire;
the sender learns nothing about who takes part."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from mailbot.core.domain import ActionKind, ActionState
from mailbot.digest.send import preview_digest
from mailbot.engine.reports import participants
from mailbot.exports.files import participants_csv
from mailbot.people.records import participant_records
from mailbot.privacy.forget import forget_person
from mailbot.store.db import utcnow
from mailbot.store.models import Action, Answer, IncomingMessage, Participant
from tests.fakes import ORGANISER, FakeBot, Sent
from tests.handlers.test_record_answers import answers
from tests.mails import mail, reply

PIET = "piet@org.example"
SECRETARY = "secretariaat@org.example"
FOR_PIET = ("Beste organisatie,\n\nNamens Piet Jansen ({address}) stuur ik zijn antwoorden.\n\n"
            "1. Gemeente Ede\n2. Provincie, gemeente of regio\n\nMet vriendelijke groet,\nSecretariaat Ruimte\n")


def sign_up(bot: FakeBot, email: str = PIET, name: str = "Piet Jansen") -> Sent:
    bot.receive(mail(email, "Graag meld ik mij aan voor de leerkring.", name=name))
    return bot.smtp.to(email)[-1]


def from_secretary(bot: FakeBot, address: str = PIET, postscript: str = "") -> None:
    bot.receive(mail(SECRETARY, FOR_PIET.format(address=address) + postscript, subject="Antwoorden Piet Jansen",
                     name="Secretariaat Ruimte"))


def proposal(bot: FakeBot) -> tuple[str, str, str]:
    """State, token and address of the one proposal."""
    with bot.app.db.read_session() as session:
        action = session.scalars(select(Action).where(Action.kind == ActionKind.COLLEAGUE_ANSWERS)).one()
        return action.state, action.token, action.address


def test_answers_for_someone_else_wait_for_their_yes(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = sign_up(bot)
    bot.receive(reply(questionnaire, PIET, "1. TNO\n", name="Piet Jansen"))
    from_secretary(bot)
    assert answers(bot, PIET)[1] == {"organisation": "TNO"}, "nothing changes before Piet says yes"
    [told] = bot.smtp.to(SECRETARY)
    assert "pas over als die persoon ze zelf bevestigt" in told.text
    assert "Piet" not in told.text and "Gemeente Ede" not in told.text, "no name, nothing about the record"
    asked = bot.smtp.to(PIET)[-1]
    assert "[ref:" in str(asked.message["Subject"])
    assert "Secretariaat Ruimte (secretariaat@org.example) stuurde ons" in asked.text
    assert "Gemeente Ede (nu: TNO)" in asked.text and '"ja"' in asked.text and '"nee"' in asked.text
    assert not bot.smtp.to(ORGANISER), "nothing for the organiser to do: Piet decides"

    bot.receive(reply(asked, PIET, "Ja, dat klopt.", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {"organisation": "Gemeente Ede", "org_type": "decentral"}
    assert proposal(bot)[0] == ActionState.DONE
    confirmed = bot.smtp.to(PIET)[-1]
    assert "U hebt de antwoorden bevestigd die Secretariaat Ruimte namens u stuurde" in confirmed.text
    with bot.app.db.read_session() as session:
        history = session.execute(select(Answer.value, Answer.current, IncomingMessage.sender).join(
            IncomingMessage, IncomingMessage.id == Answer.message_id).where(Answer.question_id == "organisation")
            .order_by(Answer.id)).all()
    # TNO is history, Gemeente Ede current, and its words are the secretary's mail
    assert [tuple(h) for h in history] == [("TNO", False, PIET), ("Gemeente Ede", True, SECRETARY)]


def test_a_no_drops_them(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    from_secretary(bot)
    bot.receive(reply(bot.smtp.to(PIET)[-1], PIET, "Nee, die kloppen niet.", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {}
    assert proposal(bot)[0] == ActionState.DECLINED
    assert "niet overgenomen" in bot.smtp.to(PIET)[-1].text


def test_silence_drops_them_and_a_late_yes_changes_nothing(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    from_secretary(bot)
    with bot.app.db.session() as session:  # thirty days pass
        session.execute(update(Action).values(created_at=Action.created_at - timedelta(days=31),
                                               expires_at=Action.expires_at - timedelta(days=31)))
    with bot.app.db.read_session() as session:
        assert not participant_records(session, bot.app.config.questionnaire)[0].proposed
    bot.receive(reply(bot.smtp.to(PIET)[-1], PIET, "Ja", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {}


def test_an_unclear_answer_asks_again(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    from_secretary(bot)
    bot.receive(reply(bot.smtp.to(PIET)[-1], PIET, "Hoe bedoelt u, wie heeft dit gestuurd?", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {}
    assert proposal(bot)[0] == ActionState.OPEN
    again = bot.smtp.to(PIET)[-1]
    assert "nog niets veranderd" in again.text and proposal(bot)[1] in again.text


def test_answers_piet_gave_himself_meanwhile_stay(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    questionnaire = sign_up(bot)
    from_secretary(bot)
    asked = bot.smtp.to(PIET)[-1]
    bot.receive(reply(questionnaire, PIET, "1. Gemeente Wageningen\n", name="Piet Jansen"))
    bot.receive(reply(asked, PIET, "Ja", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {"organisation": "Gemeente Wageningen", "org_type": "decentral"}
    assert "daarna zelf" in bot.smtp.to(PIET)[-1].text


def test_the_sender_hears_the_same_whoever_is_named(tmp_path: Path) -> None:
    """Registered, not registered, withdrawn, or no address at all: one reply, word for word."""
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    sign_up(bot, "wim@org.example", "Wim Gone")
    bot.receive(mail("wim@org.example", "Ik meld mij af voor de leerkring.", subject="Afmelden", name="Wim Gone"))
    for address in (PIET, "karel@org.example", "wim@org.example", "=?utf-8?q?piet?=@org.example"):
        from_secretary(bot, address)
    texts = [s.text for s in bot.smtp.to(SECRETARY)]
    assert len(texts) == 4 and len(set(texts)) == 1, texts
    assert "Wim" not in texts[0] and "Piet" not in texts[0]
    with bot.app.db.read_session() as session:
        assert session.scalar(select(Participant).where(Participant.email == SECRETARY)) is None
    forwards = bot.smtp.to(ORGANISER)
    assert len(forwards) == 3, "what cannot be put to the person named goes to the organiser"
    assert proposal(bot)[2] == PIET


def test_proposed_answers_are_shown_as_proposed(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    from_secretary(bot)
    with bot.app.db.read_session() as session:
        [record] = participant_records(session, bot.app.config.questionnaire)
        shown = participants(session, bot.app.config.questionnaire)
    assert dict(record.answers) == {}
    [proposed] = record.proposed
    assert (proposed.by, dict(proposed.answers)) == (SECRETARY, {"organisation": "Gemeente Ede",
                                                                 "org_type": "decentral"})
    assert shown[0]["answers"] == {} and shown[0]["proposed"][0]["by"] == SECRETARY
    sheet = participants_csv([record], bot.app.config, "nl").decode("utf-8-sig")
    assert "Antwoorden van secretariaat@org.example" in sheet and "nog niet bevestigd" in sheet
    digest = preview_digest(bot.app.db, bot.app.config, bot.app.templates, lang="nl")
    assert "nog niet overgenomen" in digest.text and "2 antwoorden van Secretariaat Ruimte" in digest.text
    assert "Voorgestelde antwoorden (1)" in (digest.html or "")


def test_a_flood_of_proposals_stops_at_the_rate_limit(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path, rate_limit={"max_replies": 3})
    sign_up(bot)
    # different words each time: the same words thrice are a loop, and so are words that differ only in a number
    for word in ("dinsdag", "woensdag", "donderdag", "vrijdag"):
        from_secretary(bot, postscript=f"\nIk ben er weer op {word}.\n")
    assert len(bot.smtp.to(PIET)) == 3, "the questionnaire and two proposals; the rest reach the organiser"
    assert len(bot.smtp.to(ORGANISER)) == 2


def test_erasing_the_sender_drops_their_proposal(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    sign_up(bot)
    from_secretary(bot)
    with bot.app.db.session() as session:
        forget_person(session, SECRETARY, utcnow(), reason="test")
    state, _, _ = proposal(bot)
    with bot.app.db.read_session() as session:
        payload = session.scalars(select(Action.payload).where(Action.kind == ActionKind.COLLEAGUE_ANSWERS)).one()
    assert (state, payload) == (ActionState.EXPIRED, {})
    bot.receive(reply(bot.smtp.to(PIET)[-1], PIET, "Ja", name="Piet Jansen"))
    assert answers(bot, PIET)[1] == {}
