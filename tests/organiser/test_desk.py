"""Her desk by mail, as she writes (issue 26): commands among her greeting and Outlook signature, several in
one mail that see each other, one reply; answers, languages and briefing recipients by mail; meetings moved,
cancelled and added with a preview and her "JA"; items that close when her action settles them."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.meetings.agenda import current
from mailbot.meetings.change_review import review_now
from mailbot.organiser.commands import VERBS, parse_commands, parse_line
from mailbot.organiser.reading import her_lines
from mailbot.store.models import Answer, Item, Participant
from tests.fakes import ORGANISER, FakeBot
from tests.mails import OUTLOOK_SIGNATURE as SIGNATURE
from tests.mails import mail, reply
from tests.organiser.test_organiser_mail import PASS, from_her, to_her

ANNA, PIET, SANNE = "anna@org.example", "piet@gemeente.example", "s.dewit@kennispark.example"
SOON = datetime.now(UTC) + timedelta(days=20)
LATER = datetime.now(UTC) + timedelta(days=50)


def day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


MEETINGS = [{"id": "m1", "title": "Bijeenkomst 1: Governance", "start": f"{day(SOON)} 13:00",
             "end": f"{day(SOON)} 17:00", "location": "Energy Valley", "address": "Stationsplein 1, Groningen"},
            {"id": "m2", "title": "Bijeenkomst 2: Financiering", "start": f"{day(LATER)} 13:00",
             "end": f"{day(LATER)} 17:00", "location": "Food Valley"}]
TRUSTED = {"authentication": {"trusted_servers": ["mx.example.org"]}, "meetings": MEETINGS}



def statuses(bot: FakeBot) -> dict[str, str]:
    with bot.app.db.read_session() as session:
        return {p.email: p.status for p in session.scalars(select(Participant))}


@pytest.fixture
def bot(tmp_path: Path) -> FakeBot:
    made = FakeBot.make(tmp_path, **TRUSTED)
    review_now(made.app.db, made.app.config, made.app.templates, datetime.now(UTC))  # the meetings, remembered
    made.receive(mail(ANNA, "Graag meld ik mij aan.", name="Anna Smit"))
    return made


# ---------------------------------------------------------------- 1. read the way she writes

@pytest.mark.parametrize("signature", [
    SIGNATURE,
    "\nMarloes\n\nVerstuurd vanaf mijn iPhone\n",
    "\n--\nMarloes Bakker | Programmamanager\n06-12345678\n",
    "\nTeam Leerkringen\nPlatform31\nPostbus 30833 | 2500 GV Den Haag\nT 070 302 8484\n",
])
def test_her_signature_never_undoes_her_commands(bot: FakeBot, signature: str) -> None:
    bot.receive(from_her(f"Hoi,\n\nKun je het volgende doen:\n\naanmelden Sanne de Wit <{SANNE}>\n{signature}"))
    assert statuses(bot)[SANNE] == "questionnaire_sent"
    [answer] = to_her(bot)
    assert "is aangemeld" in answer.text and "niet als opdracht" not in answer.text, answer.text
    assert "Programmamanager" not in answer.text and "070" not in answer.text


def test_quoted_text_below_her_commands_is_not_read(bot: FakeBot) -> None:
    bot.receive(from_her("overzicht"))
    quoted = reply(to_her(bot)[-1], ORGANISER, f"afmelden {ANNA}\n\nMarloes", name="Marloes Bakker", headers=PASS)
    bot.receive(quoted)
    assert statuses(bot)[ANNA] == "withdrawn"
    assert "niet als opdracht" not in to_her(bot)[-1].text


def test_several_commands_run_in_order_and_see_each_other_with_one_reply(bot: FakeBot) -> None:
    bot.receive(from_her(f"aanmelden Sanne de Wit <{SANNE}>\nafwezig {SANNE} 2\ntaal {SANNE} Engels\n"
                         f"notitie {SANNE} belde op 3 december\n{SIGNATURE}"))
    [answer] = to_her(bot)
    assert "geen deelnemer" not in answer.text and "komt niet naar m2" in answer.text and "Engels" in answer.text
    [questionnaire] = bot.smtp.to(SANNE)
    assert "Marloes Bakker has registered you" in questionnaire.text, "in her language as her later command set it"


def test_a_line_of_hers_that_is_no_command_is_reported_and_the_rest_runs(bot: FakeBot) -> None:
    bot.receive(from_her(f"aanmelden Sanne de Wit <{SANNE}>\nen bel Piet even over de kosten\n{SIGNATURE}"))
    assert statuses(bot)[SANNE] == "questionnaire_sent"
    [answer] = to_her(bot)
    assert "  en bel Piet even over de kosten" in answer.text and "is aangemeld" in answer.text


def test_the_help_documents_every_command_and_its_example_mail_reads_back_whole(bot: FakeBot) -> None:
    bot.receive(from_her("help"))
    text = to_her(bot)[-1].text
    example = text.split("uw handtekening eronder:", 1)[1].split("Een bericht aan alle deelnemers", 1)[0]
    example = textwrap.dedent(example.strip("\n"))
    questions = {q.id for q in bot.app.config.questionnaire.questions}
    read = her_lines(example, [], ["Marloes Bakker"], lambda line: parse_line(line, "", questions) is not None)
    commands = parse_commands(read.lines, question_ids=questions)
    assert not commands.unknown and not commands.other, (commands.unknown, commands.other)
    assert {c.verb for c in commands.commands} == set(VERBS.values()) | {"add_meeting"}
    assert "Marloes Bakker" in read.set_aside and "Met vriendelijke groet," in read.set_aside


# ---------------------------------------------------------------- 3. her desk by mail

def test_she_enters_and_corrects_an_answer(bot: FakeBot) -> None:
    bot.receive(from_her(f"antwoord {ANNA} 2 Clusterorganisatie\n{SIGNATURE}"))
    bot.receive(from_her(f"antwoord {ANNA} org_type Kennisinstelling"))
    with bot.app.db.read_session() as session:
        current_ones = session.scalars(select(Answer).where(Answer.current.is_(True))).all()
        assert [(a.question_id, a.value) for a in current_ones] == [("org_type", "knowledge")]
    assert "Dat was: Clusterorganisatie" in to_her(bot)[-1].text
    bot.receive(from_her(f"antwoord {ANNA} 2 misschien wel"))
    assert "past niet bij vraag 2" in to_her(bot)[-1].text


def test_replying_to_a_forward_with_a_command_acts_on_that_person_and_closes_the_item(bot: FakeBot) -> None:
    bot.receive(mail(PIET, "Ik meld mij aan. Mijn organisatie is een beetje van alles, wat moet ik kiezen?",
                     name="Piet de Boer"))
    forward = next(m for m in to_her(bot) if str(m.message["Subject"]).startswith("Fwd"))
    bot.receive(reply(forward, ORGANISER, f"antwoord 2 Gemeente of provincie\n{SIGNATURE}", name="Marloes Bakker",
                      headers=PASS))
    with bot.app.db.read_session() as session:
        piet = session.scalars(select(Participant).where(Participant.email == PIET)).one()
        assert {a.question_id: a.value for a in piet.answers if a.current}.get("org_type") == "decentral"
        assert session.scalars(select(Item.state)).all() == ["closed"]


def test_her_registration_closes_the_colleagues_request(bot: FakeBot) -> None:
    bot.receive(mail(PIET, f"Mijn collega Sanne de Wit ({SANNE}) wil ook graag meedoen. Kunnen jullie haar "
                           "aanmelden?", name="Piet de Boer"))
    with bot.app.db.read_session() as session:
        assert session.scalars(select(Item.state)).all() == ["open"]
    bot.receive(from_her(f"aanmelden Sanne de Wit <{SANNE}>"))
    with bot.app.db.read_session() as session:
        assert session.scalars(select(Item.state)).all() == ["closed"]
    assert "afgehandeld" in to_her(bot)[-1].text


def test_her_reply_all_gets_no_receipt_unless_she_asks_for_receipts(tmp_path: Path) -> None:
    for receipts in (False, True):
        (tmp_path / str(receipts)).mkdir()
        made = FakeBot.make(tmp_path / str(receipts), organiser_receipts=receipts, **TRUSTED)
        made.receive(mail(PIET, "Ik meld me aan. Mag ik een collega meenemen?", name="Piet de Boer"))
        forward = next(m for m in to_her(made) if str(m.message["Subject"]).startswith("Fwd"))
        before = len(to_her(made))
        answer = reply(forward, ORGANISER, "Natuurlijk.\n\nMarloes", name="Marloes Bakker", headers=PASS)
        made.receive(answer.replace(b"To: leerkring@example.org", b"To: " + PIET.encode() + b", leerkring@example.org"))
        assert len(to_her(made)) == before + (1 if receipts else 0)


def test_one_overview_is_one_mail_with_what_else_she_asked_above_it(bot: FakeBot) -> None:
    bot.receive(from_her(f"overzicht\naanmelden Sanne de Wit <{SANNE}>\n{SIGNATURE}"))
    [answer] = to_her(bot)
    names = [p.get_filename() for p in answer.message.iter_attachments()]
    assert "deelnemers.xlsx" in names and "Uw opdrachten:" in answer.text and SANNE in answer.text


def test_she_sets_a_meetings_briefing_recipients_and_the_file_keeps_its_own(bot: FakeBot) -> None:
    bot.receive(from_her("ontvangers 2 expert@tno.example, host@foodvalley.example"))
    with bot.app.db.read_session() as session:
        assert current(session, bot.app.config).briefing("m2").to == ("expert@tno.example", "host@foodvalley.example")
        assert current(session, bot.app.config).briefing("m1").to == ()
    bot.receive(from_her("ontvangers 2 geen"))
    with bot.app.db.read_session() as session:
        assert current(session, bot.app.config).briefing("m2").to == ()


def test_she_moves_a_meeting_with_a_preview_and_participants_hear_after_her_yes(bot: FakeBot) -> None:
    new_day = SOON + timedelta(days=7)
    bot.receive(from_her(f"verplaats 1 naar {new_day:%d-%m-%Y} 14:00-17:30\n{SIGNATURE}"))
    preview = to_her(bot)[-1]
    assert "pas door na uw \"JA\"" in preview.text and "14:00-17:30" in preview.text
    assert len(bot.smtp.to(ANNA)) == 1, "nothing to participants before her yes"
    bot.receive(reply(preview, ORGANISER, "JA\n\nMarloes Bakker\nProgrammamanager", name="Marloes Bakker",
                      headers=PASS))
    update = bot.smtp.to(ANNA)[-1]
    assert any(p.get_filename() == "m1.ics" for p in update.message.iter_attachments())
    assert "krijgt nu bericht" in to_her(bot)[-1].text
    with bot.app.db.read_session() as session:
        m1 = next(m for m in current(session, bot.app.config).meetings if m.id == "m1")
    assert m1.start.astimezone(bot.app.config.timezone).strftime("%Y-%m-%d %H:%M") == f"{new_day:%Y-%m-%d} 14:00"
    review_now(bot.app.db, bot.app.config, bot.app.templates, datetime.now(UTC))
    assert "Voorvertoning" not in to_her(bot)[-1].message["Subject"], "the file read again never undoes her move"


def test_she_cancels_and_adds_meetings_in_one_mail_and_one_yes_confirms_both(bot: FakeBot) -> None:
    added = LATER + timedelta(days=30)
    bot.receive(from_her(f"annuleer 2\nnieuwe bijeenkomst {added:%d-%m-%Y} 13:00-17:00 Afsluiting in Utrecht"))
    preview = to_her(bot)[-1]
    assert "Afgelasten" in preview.text and "Afsluiting" in preview.text
    bot.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker", headers=PASS))
    with bot.app.db.read_session() as session:
        ids = [m.id for m in current(session, bot.app.config).meetings]
    assert "m2" not in ids and len(ids) == 2 and "Afsluiting" in to_her(bot)[-1].text
    assert "niet door" in bot.smtp.to(ANNA)[-1].text


def test_her_no_leaves_the_meeting_as_it_was(bot: FakeBot) -> None:
    bot.receive(from_her("annuleer 1"))
    bot.receive(reply(to_her(bot)[-1], ORGANISER, "NEE", name="Marloes Bakker", headers=PASS))
    with bot.app.db.read_session() as session:
        assert [m.id for m in current(session, bot.app.config).meetings] == ["m1", "m2"]
    assert len(bot.smtp.to(ANNA)) == 1


def test_an_unreadable_move_changes_nothing_and_says_why(bot: FakeBot) -> None:
    bot.receive(from_her("verplaats 1 naar ergens in het voorjaar"))
    assert "geen nieuwe datum" in to_her(bot)[-1].text or "plaats" in to_her(bot)[-1].text
    with bot.app.db.read_session() as session:
        assert current(session, bot.app.config).meetings == bot.app.config.meetings


def test_her_yes_to_a_move_the_file_changed_since_changes_nothing(tmp_path: Path) -> None:
    made = FakeBot.make(tmp_path, **TRUSTED)
    review_now(made.app.db, made.app.config, made.app.templates, datetime.now(UTC))
    made.receive(mail(ANNA, "Graag meld ik mij aan.", name="Anna Smit"))
    made.receive(from_her("verplaats 1 een week later"))
    preview = to_her(made)[-1]
    edited = [dict(MEETINGS[0], location="Provinciehuis"), MEETINGS[1]]
    later = FakeBot(FakeBot.make(tmp_path, **{**TRUSTED, "meetings": edited}).app, made.mailbox, made.smtp)
    later.receive(reply(preview, ORGANISER, "JA", name="Marloes Bakker", headers=PASS))
    assert "niet doorgevoerd" in to_her(later)[-1].text
    with later.app.db.read_session() as session:
        m1 = current(session, later.app.config).meetings[0]
    assert m1.location == "Provinciehuis" and m1.start.date() == datetime.fromisoformat(MEETINGS[0]["start"]).date()


def test_her_thanks_alone_gets_no_answer(bot: FakeBot) -> None:
    bot.receive(from_her("overzicht"))
    bot.receive(reply(to_her(bot)[-1], ORGANISER, f"Dank je!\n{SIGNATURE}", name="Marloes Bakker", headers=PASS))
    assert len(to_her(bot)) == 1
