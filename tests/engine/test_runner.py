"""The poll cycle on fake servers: store, decide, commit, then mark; one bad message never stops the rest."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from mailbot.core.domain import Finding, Kind, State
from mailbot.handlers import HandlerContext, Outcome, dispatch
from mailbot.store.models import IncomingMessage, Participant
from mailbot.understand import Found
from tests.fakes import FakeBot
from tests.mails import mail


def stored(bot: FakeBot) -> list[SimpleNamespace]:
    """The stored messages, as plain values (the session is gone when we look)."""
    columns = ("uid", "sender", "kind", "state", "reason", "marked")
    with bot.app.db.read_session() as session:
        rows = session.execute(select(*(getattr(IncomingMessage, c) for c in columns))
                               .order_by(IncomingMessage.uid)).all()
    return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in rows]


def test_each_message_is_stored_decided_and_marked_after_the_commit(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    report = bot.receive(mail("anna@org.example", "Graag meld ik mij aan.\n\nAnna"),
                         mail("piet@org.example", "Ik doe graag mee.\n\nPiet"))
    assert report.sent == 2 and {s.recipient for s in bot.smtp.sent} == {"anna@org.example", "piet@org.example"}
    rows = stored(bot)
    assert [r.kind for r in rows] == [Kind.INTEREST, Kind.INTEREST] and all(r.marked for r in rows)
    assert not bot.mailbox.messages and set(bot.mailbox.moved) == {1, 2}, "moved to the processed folder"


def test_a_failing_handler_quarantines_its_message_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = dispatch.FINDINGS[Finding.REGISTRATION]

    def fragile(ctx: HandlerContext, found: Found) -> Outcome:
        outcome = real(ctx, found)
        if ctx.mail.sender == "boom@org.example":
            raise RuntimeError("a bug in the handler, after it registered and queued")
        return outcome

    monkeypatch.setitem(dispatch.FINDINGS, Finding.REGISTRATION, fragile)
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."), mail("boom@org.example", "Ik doe mee."),
                mail("piet@org.example", "Ik doe ook mee."))
    states = {r.sender: (r.state, r.reason) for r in stored(bot)}
    assert states["anna@org.example"][0] == states["piet@org.example"][0] == State.HANDLED
    assert states["boom@org.example"][0] == State.QUARANTINED and "failed" in states["boom@org.example"][1]
    assert {s.recipient for s in bot.smtp.sent} == {"anna@org.example", "piet@org.example"}, \
        "what the failing handler queued went with its savepoint"
    with bot.app.db.read_session() as session:
        assert set(session.scalars(select(Participant.email))) == {"anna@org.example", "piet@org.example"}
    assert all(r.marked for r in stored(bot)), "the quarantined message is handled too: never fetched again"


def test_a_new_participant_is_seen_by_the_next_message_of_the_same_batch(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."),
                mail("anna@org.example", "Nog een keer: ik meld mij aan.", subject="Aanmelding (2)"))
    assert len(bot.smtp.to("anna@org.example")) == 1, "one questionnaire, not two"


def test_the_same_message_delivered_twice_is_answered_once(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    raw = mail("anna@org.example", "Graag meld ik mij aan.")
    bot.receive(raw)
    bot.receive(raw)
    assert len(bot.smtp.sent) == 1
    assert [r.kind for r in stored(bot)] == [Kind.INTEREST, Kind.DUPLICATE]


def test_a_crash_before_the_commit_leaves_the_message_for_the_next_poll(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.deliver(mail("anna@org.example", "Graag meld ik mij aan."))

    def disk_full(*args: object) -> None:
        raise SystemExit("killed while deciding")

    monkeypatch.setattr("mailbot.engine.decide.Decider.decide", disk_full)
    with pytest.raises(SystemExit):
        bot.runner.poll()
    monkeypatch.undo()
    assert not bot.mailbox.seen and not stored(bot)
    bot.runner.poll()
    assert len(bot.smtp.sent) == 1 and 1 in bot.mailbox.seen


def test_a_crash_after_the_commit_marks_without_deciding_again(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.deliver(mail("anna@org.example", "Graag meld ik mij aan."))

    def lost(*args: object) -> None:
        raise SystemExit("killed before telling the server")

    monkeypatch.setattr(bot.mailbox, "mark_handled", lost)
    with pytest.raises(SystemExit):
        bot.runner.poll()
    monkeypatch.undo()
    assert not bot.mailbox.seen and [r.marked for r in stored(bot)] == [False]
    bot.runner.poll()
    assert 1 in bot.mailbox.seen and [r.marked for r in stored(bot)] == [True]
    assert len(bot.smtp.sent) == 1, "decided once, answered once"


def test_the_next_chunk_is_fetched_while_one_is_decided_and_each_is_marked_after_its_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = FakeBot.make(tmp_path, imap={"batch_size": 4})  # chunks of 4 (the first of FIRST_BATCH at most)
    bot.mailbox.deliver(*(mail(f"p{i}@org.example", "Graag meld ik mij aan.") for i in range(12)))
    events: list[tuple[str, tuple[int, ...]]] = []
    fetch, mark = bot.mailbox.fetch, bot.mailbox.mark_handled

    def fetching(uids: list[int], max_bytes: int):  # type: ignore[no-untyped-def]
        events.append(("fetch", tuple(uids)))
        yield from fetch(uids, max_bytes)

    def marking(uids: list[int], move_to: str | None) -> None:
        with bot.app.db.read_session() as session:  # what the server learns is handled is committed
            committed = set(session.scalars(select(IncomingMessage.uid)))
        assert set(uids) <= committed
        events.append(("mark", tuple(uids)))
        mark(uids, move_to)

    monkeypatch.setattr(bot.mailbox, "fetch", fetching)
    monkeypatch.setattr(bot.mailbox, "mark_handled", marking)
    bot.runner.poll()
    assert [e for e in events if e[0] == "fetch"] == [("fetch", (1, 2, 3, 4)), ("fetch", (5, 6, 7, 8)),
                                                      ("fetch", (9, 10, 11, 12))]
    assert [e for e in events if e[0] == "mark"] == [("mark", (1, 2, 3, 4)), ("mark", (5, 6, 7, 8)),
                                                     ("mark", (9, 10, 11, 12))]
    assert events.index(("fetch", (5, 6, 7, 8))) < events.index(("mark", (1, 2, 3, 4))), \
        "the next chunk was fetched ahead, while the first was decided"
    assert len(bot.smtp.sent) == 12 and all(r.marked for r in stored(bot))


def test_the_first_visit_leaves_mail_read_before_mailbot_alone(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.mailbox.deliver(mail("old@org.example", "Een oud bericht."), seen=True)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    assert [r.sender for r in stored(bot)] == ["anna@org.example"]


def test_a_new_uidvalidity_rescans_without_answering_twice(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("anna@org.example", "Graag meld ik mij aan."))
    bot.mailbox.messages = dict(bot.mailbox.moved)  # the folder is rebuilt: same mail, new UIDVALIDITY
    bot.mailbox.seen.clear()
    bot.mailbox.uidvalidity = 2
    bot.receive(mail("piet@org.example", "Ik doe mee."))
    assert sorted(s.recipient for s in bot.smtp.sent) == ["anna@org.example", "piet@org.example"]


def test_unreadable_mail_is_stored_and_quarantined_with_its_reason(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(b"\x00\x01\x02 not a message", mail("anna@org.example", "Graag meld ik mij aan."))
    rows = stored(bot)
    assert rows[0].state == State.QUARANTINED and rows[0].kind == Kind.MALFORMED and rows[0].reason
    assert rows[1].state == State.HANDLED and len(bot.smtp.sent) == 1
