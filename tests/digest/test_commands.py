"""The organiser's commands, run as the ``mailbot`` command line runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.app import App
from mailbot.cli import main
from mailbot.demo.servers import SmtpSink
from mailbot.store.models import Note, Participant


def run(config_file: Path, *args: str) -> int:
    return main(["--config", str(config_file), *args])


def people(c) -> None:  # type: ignore[no-untyped-def]
    c.person("anna@x.example", "Anna de Vries", organisation="Provincie Groningen",
             answers={"themes": ["governance"], "questions": "Hoe?"})
    c.person("bart@x.example", "Bart Jansen", "questionnaire_sent")


@pytest.fixture
def circle(app: App, seed: Callable[..., None]) -> App:
    seed(people)
    return app


def participant(app: App, email: str) -> dict[str, object]:
    with app.db.read_session() as session:
        found = session.scalar(select(Participant).where(Participant.email == email))
        assert found is not None
        return {"status": found.status, "questionnaire_sent_at": found.questionnaire_sent_at}


def test_digest_send_and_preview(circle: App, config_file: Path, smtp: SmtpSink, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config_file, "digest", "--preview") == 0
    out = capsys.readouterr().out
    assert out.startswith("Subject: Overzicht") and "Anna de Vries" in out
    assert run(config_file, "digest", "--preview", "--output", str(tmp_path / "d.html")) == 0
    assert "<html" in (tmp_path / "d.html").read_text()
    assert smtp.count() == 0  # a preview sends nothing and records nothing
    assert run(config_file, "digest", "--send") == 0
    assert "digest sent to ingrid@organisatie.example, tom@organisatie.example" in capsys.readouterr().out
    assert smtp.count() == 2
    assert run(config_file, "digest", "--send") == 0
    assert "nothing new" in capsys.readouterr().out and smtp.count() == 2


def test_participants_table(circle: App, config_file: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert run(config_file, "participants") == 0
    out = capsys.readouterr().out
    assert "Anna de Vries" in out and "bart@x.example" in out and len(out.splitlines()) == 3  # captured: TSV
    assert run(config_file, "participants", "--status", "questionnaire_sent") == 0
    out = capsys.readouterr().out
    assert "bart@x.example" in out and "Anna" not in out


def test_resend_questionnaire_is_not_rate_limited(circle: App, config_file: Path, smtp: SmtpSink,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(circle.config.rate_limit.max_replies + 1):
        assert run(config_file, "resend-questionnaire", "BART@x.example") == 0
    assert "questionnaire sent again to bart@x.example" in capsys.readouterr().out
    got = smtp.to("bart@x.example")
    assert len(got) == circle.config.rate_limit.max_replies + 1
    body = got[0].message.get_body(preferencelist=("plain",))
    assert body is not None and "nogmaals de vragenlijst" in body.get_content()
    assert "Bart Jansen" in str(got[0].message["To"])
    assert participant(circle, "bart@x.example")["questionnaire_sent_at"] is not None


def test_withdraw_sends_nothing(circle: App, config_file: Path, smtp: SmtpSink,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config_file, "withdraw", "anna@x.example") == 0
    assert "anna@x.example is withdrawn" in capsys.readouterr().out
    assert participant(circle, "anna@x.example")["status"] == "withdrawn" and smtp.count() == 0
    assert run(config_file, "withdraw", "anna@x.example") == 0
    assert "already" in capsys.readouterr().out


def test_note_by_the_organiser(circle: App, config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config_file, "note", "anna@x.example", "Belt volgende week terug") == 0
    assert run(config_file, "note", "anna@x.example", "Wil spreken op bijeenkomst 3", "--flag") == 0
    with circle.db.read_session() as session:
        notes = session.scalars(select(Note).order_by(Note.id)).all()
        assert [(n.source, n.text, n.flagged) for n in notes] == [
            ("organiser", "Belt volgende week terug", False), ("organiser", "Wil spreken op bijeenkomst 3", True)]
    assert run(config_file, "digest", "--preview") == 0
    out = capsys.readouterr().out
    assert "Notitie: Anna de Vries" in out and "Wil spreken op bijeenkomst 3" in out


@pytest.mark.parametrize("command", [["resend-questionnaire"], ["withdraw"], ["note", "--", "tekst"]])
def test_an_unknown_address_is_a_clear_failure(circle: App, config_file: Path, command: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = [*command[:1], "nobody@x.example", *[a for a in command[1:] if a != "--"]]
    assert run(config_file, *args) == 1
    assert "no participant with the address nobody@x.example" in capsys.readouterr().err
