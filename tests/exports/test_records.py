"""What every export reads: records with remarks, notes and attendance; the JSON keeps its shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mailbot.app import App
from mailbot.people.records import participant_records


def test_records_carry_remarks_notes_and_attendance(circle: App) -> None:
    with circle.db.read_session() as session:
        anna, bram, *_ = participant_records(session, circle.config.questionnaire)
        partial = participant_records(session, circle.config.questionnaire, status="partially_answered")
    assert anna.remarks == ("Ik neem een collega mee.",) and anna.notes == ("Spreker in maart?",)
    assert anna.attendance == {"m1": "accepted"} and bram.attendance == {"m1": "declined", "m2": "tentative"}
    assert anna.open_items == ()  # the hook: nothing fills it yet
    assert [r.email for r in partial] == ["bram@tudelft.example"] and partial[0].attendance["m2"] == "tentative"


def test_json_export_keeps_its_shape_and_gains_attendance(circle: App, config_file: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).with_name("mailbot")), "--config", str(config_file), "export",
                           "--format", "json"], capture_output=True, text=True, check=True)
    people = {p["email"]: p for p in json.loads(done.stdout)["participants"]}
    anna = people["anna@gemeente.example"]
    assert set(anna) == {"email", "name", "organisation", "language", "status", "registered_at", "answers",
                         "attendance", "turnout"}
    assert anna["answers"]["themes"] == ["governance", "facilitation"] and anna["answers"]["all_meetings"] is True
    assert anna["registered_at"] == "2027-01-15T08:30:00Z" and anna["attendance"] == {"m1": "accepted"}
    assert people["p0@x.example"]["attendance"] == {}  # only meetings they said something about
    assert set(people["p0@x.example"]["turnout"].values()) <= {"expected", "unknown"}  # the one count, per meeting
    assert anna["turnout"]["m1"] == "expected"
