"""Meetings worded per language: loading, errors naming the key, what changed, and the reminder an
English participant gets (title, location and programme in English, the programme's lines kept)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from mailbot.config import parse_config
from mailbot.core.errors import ConfigError
from mailbot.meetings.ics import meeting_ics
from mailbot.meetings.model import changed_fields, load_meetings
from mailbot.meetings.reminders import RemindReport, queue_due_reminders
from mailbot.outbox.queue import Outbox
from mailbot.store.db import open_database
from mailbot.store.models import OutboxMail, Participant
from mailbot.wording.templates import Templates
from tests.database import database_url

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WORDED: dict[str, Any] = {
    "id": "m1", "start": "2017-10-12 13:00", "end": "2017-10-12 17:00", "address": "Stationsplein 1",
    "title": {"nl": "Bijeenkomst 1: Regie in het cluster", "en": "Meeting 1: Who leads the cluster?"},
    "location": {"nl": "Energy Valley (zaal 2)", "en": "Energy Valley (room 2)"},
    "programme": {"nl": "13:00 Ontvangst\n13:30 Rondetafel\n16:30 Borrel",
                  "en": "13:00 Welcome\n13:30 Round table\n16:30 Drinks"}}


def test_per_language_words_and_a_plain_default() -> None:
    (meeting,) = load_meetings([WORDED], AMSTERDAM, default_language="nl")
    assert meeting.title == "Bijeenkomst 1: Regie in het cluster"  # the programme's language
    english = meeting.in_language("en")
    assert (english.title, english.location) == ("Meeting 1: Who leads the cluster?", "Energy Valley (room 2)")
    assert english.programme.splitlines() == ["13:00 Welcome", "13:30 Round table", "16:30 Drinks"]
    assert english.address == "Stationsplein 1" and english.start == meeting.start
    (plain,) = load_meetings([{**WORDED, "title": "Bijeenkomst 1", "location": "Energy Valley",
                               "programme": "13:00 Ontvangst"}], AMSTERDAM)
    assert plain.in_language("en") == plain and plain.translations == ()


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"title": {"nl": "Bijeenkomst 1"}}, "meetings[0].title.en", "missing"),
    ({"title": {"nl": "Bijeenkomst 1", "en": "Meeting 1", "de": "Treffen 1"}}, "meetings[0].title.de",
     "unknown language"),
    ({"location": {"nl": "Energy Valley", "en": ""}}, "meetings[0].location.en", "must not be empty"),
    ({"programme": {"nl": "13:00 Ontvangst", "en": 13}}, "meetings[0].programme.en", "must be text"),
])
def test_errors_name_the_key(change: dict[str, Any], key: str, words: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_meetings([{**WORDED, **change}], AMSTERDAM)
    assert error.value.key == key and words in str(error.value)


def test_an_english_change_is_a_change_and_a_plain_meeting_keeps_its_fingerprint() -> None:
    (before,) = load_meetings([WORDED], AMSTERDAM)
    (after,) = load_meetings([{**WORDED, "title": {**WORDED["title"], "en": "Meeting 1: Who steers?"}}], AMSTERDAM)
    assert changed_fields(before, after) == ("title",) and before.fingerprint() != after.fingerprint()
    (plain,) = load_meetings([{**WORDED, "title": "T", "location": "L", "programme": "P"}], AMSTERDAM)
    assert '"translations"' not in str(plain.fingerprint()) and plain.fingerprint() == plain.fingerprint()


def test_the_calendar_speaks_the_participants_language() -> None:
    (meeting,) = load_meetings([WORDED], AMSTERDAM)
    ics = meeting_ics(meeting, tz_name="Europe/Amsterdam", domain="example.org", sequence=0, lang="en")
    assert b"SUMMARY:Meeting 1: Who leads the cluster?" in ics and b"Round table" in ics


def reminder_for(tmp_path: Path, language: str, name: str) -> OutboxMail:
    config = parse_config({
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": [{"name": "Marloes Bakker", "email": "organiser@example.org"}],
        "imap": {"host": "127.0.0.1", "security": "none"}, "smtp": {"host": "127.0.0.1", "security": "none"},
        "database": {"url": database_url(tmp_path)}, "meetings": [WORDED],
        "reminders": {"before": ["1d"], "send_window": "00:00-23:59"},
    }, tmp_path / "config.yaml")
    db = open_database(config.database_url)
    registered = datetime(2017, 9, 1, 9, 0)
    with db.session() as s:
        s.add(Participant(email="thomas@uni.example", name=name, language=language, status="answered",
                          registered_at=registered, updated_at=registered))
    with db.session() as s:
        now = datetime(2017, 10, 11, 13, 5)
        queue_due_reminders(s, config, Outbox(s, config, Templates(), now), now.replace(tzinfo=UTC), RemindReport())
    with db.read_session() as s:
        mail = s.scalars(select(OutboxMail)).one()
        s.expunge(mail)
    db.engine.dispose()
    return mail


def test_an_english_participant_gets_the_english_meeting(tmp_path: Path) -> None:
    mail = reminder_for(tmp_path, "en", "Dr. Thomas Keller")
    assert mail.subject.startswith("Reminder: Meeting 1: Who leads the cluster?")
    text = mail.body_text
    assert text.startswith("Dear Thomas Keller,\n")
    assert "The next meeting of the learning circle Clusters & clusterbeleid is tomorrow." in text
    assert "Energy Valley (room 2)" in text and "13:00 Welcome\n13:30 Round table\n16:30 Drinks" in text
    assert "Bijeenkomst" not in text and "Ontvangst" not in text
    html = (mail.raw or b"").decode()
    assert "13:00 Welcome<br>13:30 Round table<br>16:30 Drinks" in html  # its lines survive compact_html


def test_a_dutch_participant_gets_the_dutch_meeting(tmp_path: Path) -> None:
    text = reminder_for(tmp_path, "nl", "prof. dr. ir. Anna de Vries").body_text
    assert text.startswith("Beste Anna de Vries,\n")
    assert "De volgende bijeenkomst van de leerkring Clusters & clusterbeleid is morgen." in text
    assert "13:00 Ontvangst\n13:30 Rondetafel\n16:30 Borrel" in text
