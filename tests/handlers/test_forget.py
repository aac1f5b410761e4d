"""Erasing one's data by mail: a request asks the address itself to confirm; only a clear yes erases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mailbot.conversation.tokens import find_tokens
from mailbot.outbox.queue import address_hash
from mailbot.store.models import IncomingMessage, OutboxMail, Participant, Suppression
from tests.fakes import FakeBot, Sent
from tests.mails import mail, reply

ANNA = "anna@gemeente.example"


def signed_up(tmp_path: Path) -> FakeBot:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail(ANNA, "Graag meld ik mij aan.\n\nAnna de Vries", name="Anna de Vries"))
    return bot


def ask(bot: FakeBot, sender: str = ANNA) -> Sent:
    bot.receive(mail(sender, "Goedemiddag,\n\nKunt u mijn gegevens verwijderen?\n", subject="Verzoek",
                     name="Anna de Vries"))
    return bot.smtp.to(sender)[-1]


def is_participant(bot: FakeBot, email: str = ANNA) -> bool:
    with bot.app.db.read_session() as s:
        return s.scalar(select(Participant.id).where(Participant.email == email)) is not None


def test_a_request_asks_the_address_to_confirm_and_deletes_nothing(tmp_path: Path) -> None:
    bot = signed_up(tmp_path)
    confirm = ask(bot)
    tokens = find_tokens(str(confirm.message["Subject"]), confirm.text)
    assert len(tokens) == 1 and find_tokens("", confirm.text) == tokens, "the token is in the text we quote back"
    assert "Beste Anna de Vries" in confirm.text and "verwijder" in confirm.text
    assert is_participant(bot), "a request alone deletes nothing"


def test_a_clear_yes_erases_and_says_so_once(tmp_path: Path) -> None:
    bot = signed_up(tmp_path)
    confirm = ask(bot)
    bot.receive(reply(confirm, ANNA, "Ja."))
    done = bot.smtp.to(ANNA)[-1]
    assert "verwijderd" in done.text and "Anna" not in done.text
    assert not is_participant(bot)
    with bot.app.db.read_session() as s:
        assert s.get(Suppression, address_hash(ANNA)) is not None
        assert s.scalars(select(IncomingMessage.sender).where(IncomingMessage.sender == ANNA)).all() == []
        assert s.scalars(select(OutboxMail.id).where(OutboxMail.recipient == ANNA)).all() == [], "only hashes stay"
    sent = len(bot.smtp.sent)
    bot.receive(reply(confirm, ANNA, "Ja."), mail(ANNA, "Hallo, ik wil graag meedoen."))
    assert len(bot.smtp.sent) == sent, "nothing automatic goes to a forgotten address"


def test_no_keeps_everything_and_says_so(tmp_path: Path) -> None:
    bot = signed_up(tmp_path)
    confirm = ask(bot)
    bot.receive(reply(confirm, ANNA, "Nee, laat u maar staan, ik doe gewoon mee. Ik had het verkeerd begrepen.\n\n"
                                     "Anna"))
    assert is_participant(bot)
    answer = bot.smtp.to(ANNA)[-1]
    assert "niets verwijderd" in answer.text
    bot.receive(reply(confirm, ANNA, "Ja"))
    assert is_participant(bot), "the request was withdrawn: a later yes to it erases nothing"


def test_an_unclear_answer_erases_nothing_and_asks_again(tmp_path: Path) -> None:
    bot = signed_up(tmp_path)
    confirm = ask(bot)
    bot.receive(reply(confirm, ANNA, "Ja, maar wacht nog even tot na de laatste bijeenkomst."))
    assert is_participant(bot)
    assert "alleen \"ja\"" in bot.smtp.to(ANNA)[-1].text
    bot.receive(reply(confirm, ANNA, "Ja."))
    assert not is_participant(bot), "the request stayed open"


def test_the_token_from_another_address_or_a_guessed_one_erases_nothing(tmp_path: Path) -> None:
    bot = signed_up(tmp_path)
    confirm = ask(bot)
    bot.receive(reply(confirm, "mallory@elders.example", "Ja."))
    bot.receive(mail(ANNA, "Ja. [ref:AAAAAAAAAAAAAAAAAAAAAA]", subject="Re: Bevestig [ref:AAAAAAAAAAAAAAAAAAAAAA]"))
    assert is_participant(bot)


def test_a_stranger_may_ask_too_and_is_suppressed(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    stranger = "iemand@elders.example"
    confirm = ask(bot, stranger)
    assert "Na uw bevestiging verwijderen we de e-mails" in confirm.text
    assert not is_participant(bot, stranger), "asking to be erased is no sign-up"
    bot.receive(reply(confirm, stranger, "Ja, bevestigd."))
    with bot.app.db.read_session() as s:
        assert s.get(Suppression, address_hash(stranger)) is not None
