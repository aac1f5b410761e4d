"""Each meeting's briefing lists exactly the people, questions and offers its themes call for.

The expectations are worked out here from the circle's own answers, by the rules of the issue,
and a few are spelled out by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from mailbot.briefs.compute import compute_brief
from mailbot.briefs.gaps import compute_gaps
from mailbot.briefs.model import Brief, MailText
from mailbot.config import Config
from mailbot.people.records import ParticipantRecord
from tests.briefs.circle import CIRCLE, THEMES

ACTIVE = [p for p in CIRCLE if p["status"] in ("answered", "partially_answered", "questionnaire_sent")]


def brief(config: Config, records: list[ParticipantRecord], meeting_id: str,
          mail: tuple[MailText, ...] = ()) -> Brief:
    meeting = next(m for m in config.meetings if m.id == meeting_id)
    return compute_brief(meeting, config.briefing(meeting_id).themes, records, config.questionnaire,
                         config.meetings, mail, config.timezone)


def picks(p: dict[str, Any], themes: dict[str, list[str]]) -> bool:
    def chose(q: str) -> set[str]:
        value = p["answers"].get(q)
        return set(value) if isinstance(value, list) else {value} if value else set()

    return any(chose(q) & set(options) for q, options in themes.items())


def only(p: dict[str, Any], themes: dict[str, list[str]]) -> bool:
    def chose(q: str) -> set[str]:
        value = p["answers"].get(q)
        return set(value) if isinstance(value, list) else {value} if value else set()

    return all(chose(q) <= set(options) for q, options in themes.items())


def attendance(p: dict[str, Any], meeting_id: str) -> str:
    said = p["attendance"].get(meeting_id)
    if said == "declined":
        return "declined"
    if said == "accepted":
        return "expected"
    return "undecided" if said == "tentative" or p["answers"].get("all_meetings") is False else "expected"


@pytest.mark.parametrize("meeting_id", ["m1", "m2", "m3", "m4"])
def test_each_themed_meeting_lists_exactly_its_people_questions_and_offers(
        config: Config, records: list[ParticipantRecord], meeting_id: str) -> None:
    themes = THEMES[meeting_id]
    b = brief(config, records, meeting_id)
    for group in ("expected", "undecided", "declined"):
        assert [a.name for a in getattr(b, group)] == [p["name"] for p in ACTIVE
                                                        if attendance(p, meeting_id) == group], group
    for_this = [p for p in ACTIVE if picks(p, themes)]
    asked = [p for p in for_this if "questions" in p["answers"]]
    want = [p["name"] for p in asked if only(p, themes)] + [p["name"] for p in asked if not only(p, themes)]
    assert [q.who.name for q in b.questions] == want
    assert all(q.text == next(p for p in CIRCLE if p["name"] == q.who.name)["answers"]["questions"]
               for q in b.questions)
    assert [q.who.name for q in b.experience] == [p["name"] for p in for_this if "experience" in p["answers"]
                                                  and attendance(p, meeting_id) != "declined"]
    assert [a.name for a in b.hosts] == [p["name"] for p in ACTIVE if p["answers"].get("host") is True
                                         and attendance(p, meeting_id) != "declined"]
    assert b.questions and b.has_themes


def test_m1_by_hand(config: Config, records: list[ParticipantRecord]) -> None:
    b = brief(config, records, "m1")
    names = [q.who.name for q in b.questions]
    assert names[0] == "Deelnemer 00" and b.questions[0].only_this_meeting  # chose governance only
    assert "Deelnemer 01" in names and not b.questions[names.index("Deelnemer 01")].only_this_meeting
    assert b.questions[names.index("Deelnemer 01")].who.attendance == "declined"  # asked, but declined m1
    assert "Deelnemer 02" not in names  # chose only m2's theme
    assert "Deelnemer 04" not in names  # chose no theme: unassigned, never put into a meeting
    assert "Deelnemer 17" not in names and all(a.name != "Deelnemer 17" for a in b.expected)  # chose m1, withdrew
    assert all(a.name != "Deelnemer 23" for a in b.expected + b.undecided + b.declined)  # bounced
    assert "Deelnemer 29" in [a.name for a in b.expected]  # registered, has not answered yet
    assert [a.name for a in b.declined] == ["Deelnemer 01", "Deelnemer 06", "Deelnemer 11", "Deelnemer 16",
                                            "Deelnemer 21", "Deelnemer 26"]
    expected = next(a for a in b.expected if a.name == "Deelnemer 00")
    assert (expected.organisation, expected.region, expected.phase) == ("Organisatie 0", "Regio 0", "emerging")


def test_a_meeting_without_themes_gets_attendance_only(config: Config, records: list[ParticipantRecord]) -> None:
    mail = (MailText(1, "Deelnemer 00", "deelnemer00@regio.example", "Wat is het programma van bijeenkomst 5?",
                     records[0].registered_at),)
    b = brief(config, records, "m5", mail)
    assert not b.has_themes
    assert (b.questions, b.experience, b.hosts, b.mail_questions) == ((), (), (), ())
    assert len(b.expected) + len(b.undecided) + len(b.declined) == len(ACTIVE)


def test_questions_by_mail_go_to_the_meeting_they_name(config: Config, records: list[ParticipantRecord]) -> None:
    at = records[0].registered_at
    mail = (MailText(1, "Deelnemer 00", "deelnemer00@regio.example", "Is er parkeerplaats bij bijeenkomst 2?", at),
            MailText(2, "Deelnemer 01", "deelnemer01@regio.example", "Komt er een spreker in Energy Valley?", at),
            MailText(6, "Deelnemer 05", "deelnemer05@regio.example", "Hoe laat begint bijeenkomst 1?", at),
            MailText(None, "Onbekende", "iemand@elders.example", "Mag ik mee naar de eerste bijeenkomst?", at),
            MailText(3, "Deelnemer 02", "deelnemer02@regio.example", "Hoe werkt de leerkring?", at))
    assert [m.name for m in brief(config, records, "m1", mail).mail_questions] == ["Deelnemer 01", "Onbekende"]
    assert [m.name for m in brief(config, records, "m2", mail).mail_questions] == ["Deelnemer 00"]
    assert brief(config, records, "m3", mail).mail_questions == ()


def test_gaps(config: Config, records: list[ParticipantRecord]) -> None:
    themes = {m.id: config.briefing(m.id).themes for m in config.meetings}
    gaps = compute_gaps(records, config.questionnaire, themes)
    covered = {(q, o) for t in THEMES.values() for q, options in t.items() for o in options}

    def pairs(p: dict[str, Any]) -> set[tuple[str, str]]:
        chosen = {("themes", o) for o in p["answers"].get("themes", [])}
        return chosen | ({("phase", p["answers"]["phase"])} if p["answers"].get("phase") else set())

    assert [x.name for x in gaps.uncovered] == [p["name"] for p in ACTIVE if pairs(p) and not pairs(p) & covered]
    assert [who.name for who, _ in gaps.unassigned] == ["Deelnemer 04", "Deelnemer 24"]
    counts: dict[tuple[str, str], int] = {}
    for p in ACTIVE:
        for pair in pairs(p) - covered:
            counts[pair] = counts.get(pair, 0) + 1
    assert {(t.question_id, t.option_id): t.count for t in gaps.themes} == counts
    assert [t.count for t in gaps.themes] == sorted(counts.values(), reverse=True)
    assert ("themes", "facilitation") in counts and gaps.uncovered


def test_no_meeting_with_themes_means_no_gaps(config: Config, records: list[ParticipantRecord]) -> None:
    assert compute_gaps(records, config.questionnaire, {"m1": {}}).empty
