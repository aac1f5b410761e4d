"""What the digest gathers from the database: counts per option, every text answer, what needs a human."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from mailbot.app import App
from mailbot.digest.collect import DigestData, Period, collect
from mailbot.digest.inventory import distributions, quotes
from mailbot.store.db import utcnow
from mailbot.store.models import Answer, Attendance

NOW = utcnow()


def seed_circle(c) -> None:  # type: ignore[no-untyped-def]
    anna = c.person("anna@provincie.example", "Anna de Vries", answers={
        "org_type": "central", "themes": ["governance", "financing"], "phase": "growing", "all_meetings": True,
        "questions": "Hoe houden we bedrijven betrokken\nals de subsidie stopt?", "experience": "De regiodeal Twente."})
    c.person("bart@gemeente.example", "Bart Jansen", answers={
        "org_type": "central", "themes": ["governance"], "phase": "emerging", "questions": "Wie betaalt wat?"})
    c.person("cees@bedrijf.example", "Cees Bos", "partially_answered",
             answers={"org_type": "company", "themes": ["roles", "governance"]})
    c.person("dirk@weg.example", "Dirk Weg", "withdrawn", answers={"themes": ["financing"], "questions": "Weg."})
    c.person("eva@nieuw.example", "Eva Smit", "questionnaire_sent")
    fred = c.person("fred@kapot.example", "Fred Kapot", "bounced")
    c.message(state="needs_human", kind="question", sender="ingrid@rug.example", sender_name="Ingrid Smit",
              subject="Vraag over kosten", excerpt="Goedemiddag,\n\nIs er een deelnemersbijdrage?\n\nGroet")
    c.message(state="quarantined", kind="", sender="", sender_name="", subject="", excerpt="",
              reason="malformed: no From header")
    c.message(state="handled", kind="answer", sender="eva@nieuw.example", sender_name="Eva Smit",
              subject="Re: Uw aanmelding", excerpt="Zie bijlage")
    read = c.message(state="handled", kind="answer", sender="bart@gemeente.example", subject="Re: Uw aanmelding")
    c.session.add(Answer(participant_id=c.person("gert@x.example", "Gert").id, question_id="phase",
                         value="mature", message_id=read.id, created_at=c.now, current=True))
    asked = c.message(state="needs_human", kind="answer", sender="anna@provincie.example", sender_name="Anna",
                      subject="Re: Uw aanmelding", excerpt="1. Rijksoverheid\n...")
    c.note(anna, "Mag ik een collega meenemen?", message=asked)
    c.note(anna, "Opmerking zonder bericht", source="remark")
    c.message(state="handled", kind="bounce", sender="mailer-daemon@mx.example", subject="Undelivered",
              excerpt="550 user unknown", participant=fred)
    c.session.add(Attendance(participant_id=anna.id, meeting_id="m1", status="declined", updated_at=c.now))


@pytest.fixture
def data(app: App, seed: Callable[..., None]) -> DigestData:
    seed(seed_circle, NOW)
    with app.db.read_session() as session:
        return collect(session, app.config.questionnaire, app.config.meetings, Period(None, utcnow()), utcnow())


def counts(data: DigestData, app: App, question_id: str) -> tuple[int, dict[str, int]]:
    d = next(d for d in distributions(app.config.questionnaire, data.participants, "nl")
             if d.question.id == question_id)
    return d.answered, {o.label: o.count for o in d.options}


def test_every_option_is_counted_over_active_participants(app: App, data: DigestData) -> None:
    answered, themes = counts(data, app, "themes")
    assert answered == 3  # Dirk withdrew: his choice no longer shapes the programme
    assert themes == {"Cluster governance": 3, "Rolverdeling triple helix in de levensfasen van een cluster": 1,
                      "Faciliteren en stimuleren van groei (beleidsinstrumenten)": 0, "Financieren en investeren": 1}
    assert counts(data, app, "org_type")[1]["Rijksoverheid"] == 2
    assert counts(data, app, "org_type")[1]["Bedrijf"] == 1
    assert counts(data, app, "all_meetings") == (1, {"ja": 1, "nee": 0})


def test_every_text_answer_is_quoted_with_its_author(app: App, data: DigestData) -> None:
    by_question = {q.question.id: [(x.participant.name, x.text) for x in q.quotes]
                   for q in quotes(app.config.questionnaire, data.participants, data.period)}
    assert by_question["questions"] == [("Anna de Vries", "Hoe houden we bedrijven betrokken\nals de subsidie stopt?"),
                                        ("Bart Jansen", "Wie betaalt wat?")]
    assert by_question["experience"] == [("Anna de Vries", "De regiodeal Twente.")]
    assert by_question["region"] == []


def test_what_needs_the_organiser_is_all_there_once(data: DigestData) -> None:
    kinds = sorted((item.kind, item.sender) for item in data.attention)
    assert kinds == [("bounce", "fred@kapot.example"), ("needs_human", "anna@provincie.example"),
                     ("needs_human", "ingrid@rug.example"), ("note", "anna@provincie.example"),
                     ("quarantined", ""), ("unreadable", "eva@nieuw.example")]
    question = next(i for i in data.attention if i.sender == "ingrid@rug.example")
    assert "deelnemersbijdrage" in question.excerpt and question.subject == "Vraag over kosten"
    from_anna = next(i for i in data.attention if i.kind == "needs_human" and i.sender == "anna@provincie.example")
    assert from_anna.questions == ("Mag ik een collega meenemen?",)  # the flagged note joins its message
    bounce = next(i for i in data.attention if i.kind == "bounce")
    assert bounce.sender_name == "Fred Kapot" and "550" in bounce.excerpt


def test_people_lists(data: DigestData) -> None:
    assert [p.name for p in data.waiting] == ["Cees Bos", "Eva Smit"]
    assert [p.name for p in data.withdrawals] == ["Dirk Weg"]
    assert len(data.new_participants) == 7
    assert data.next_meeting is not None and data.next_meeting.meeting.id == "m1"
    assert len(data.next_meeting.declined) == 1


def test_a_question_mail_is_listed_once_with_its_note(app: App, seed: Callable[..., None]) -> None:
    def write(c) -> None:  # type: ignore[no-untyped-def]
        p = c.person("jan@x.example", "Jan")
        m = c.message(state="needs_human", kind="question", sender="jan@x.example", excerpt="Waar is het?\nGroet")
        c.note(p, "Waar is het?\nGroet", message=m)

    seed(write)
    with app.db.read_session() as session:
        data = collect(session, app.config.questionnaire, (), Period(NOW - timedelta(days=1), utcnow()), utcnow())
    assert [(i.kind, i.questions) for i in data.attention] == [("needs_human", ())]
