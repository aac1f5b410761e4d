"""Questionnaire versions: answers read against the version a mail carried, placed on the current one."""

from __future__ import annotations

import dataclasses

from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.questionnaire import Option, Questionnaire, load_default_questionnaire
from mailbot.answers.versions import carry_over, definition, fingerprint, from_definition

OLD = load_default_questionnaire(("nl", "en"))
ROLE = dataclasses.replace(OLD.questions[0], id="role", required=False,
                           question={"nl": "Wat is uw functie?", "en": "What is your role?"})
INSERTED = Questionnaire((OLD.questions[0], ROLE, *OLD.questions[1:]))


def test_a_definition_reads_back_as_the_same_questionnaire() -> None:
    assert from_definition(definition(OLD)) == OLD
    assert fingerprint(from_definition(definition(INSERTED)) or OLD) == fingerprint(INSERTED)
    assert fingerprint(OLD) != fingerprint(INSERTED)


def test_an_unreadable_definition_is_none_not_a_crash() -> None:
    assert from_definition({"id": "x"}) is None
    assert from_definition([{"id": "x"}]) is None
    assert from_definition([]) is None


def test_a_numbered_reply_to_the_old_mail_keeps_its_meaning_after_a_question_was_inserted() -> None:
    parsed = parse_reply("1. Oost NL\n2. Clusterorganisatie\n3. Achterhoek\n", OLD, "nl")
    carried = carry_over(parsed.answers, OLD, INSERTED)
    assert carried.answers == {"organisation": "Oost NL", "org_type": "cluster_org", "region": "Achterhoek"}
    assert carried.unplaced == ()
    # against the new numbering only the answers themselves can tell: here they do (a type of organisation is
    # no role, so the numbers moved up), with words that fit any question they cannot
    shifted = parse_reply("1. Oost NL\n2. Clusterorganisatie\n3. Achterhoek\n", INSERTED, "nl").answers
    assert shifted.get("org_type") == "cluster_org"
    wrong = parse_reply("1. Oost NL\n2. Adviseur\n3. Achterhoek\n", INSERTED, "nl").answers
    assert wrong.get("role") == "Adviseur", "read against the new numbering it would be wrong"


def test_a_removed_question_is_not_placed() -> None:
    without_region = Questionnaire(tuple(q for q in OLD.questions if q.id != "region"))
    carried = carry_over({"organisation": "TNO", "region": "Twente"}, OLD, without_region)
    assert carried.answers == {"organisation": "TNO"}
    assert len(carried.unplaced) == 1 and carried.unplaced[0].startswith("region")


def test_an_option_found_by_its_label_under_a_new_id_is_placed_and_a_relabelled_one_is_not() -> None:
    phase = OLD.get("phase")
    assert phase is not None
    renamed = tuple(Option("growth", o.label) if o.id == "growing" else
                    Option(o.id, {"nl": "Volgroeid", "en": "Fully grown"}) if o.id == "mature" else o
                    for o in phase.options)
    current = Questionnaire(tuple(dataclasses.replace(q, options=renamed) if q.id == "phase" else q
                                  for q in OLD.questions))
    assert carry_over({"phase": "growing"}, OLD, current).answers == {"phase": "growth"}
    relabelled = carry_over({"phase": "mature"}, OLD, current)
    assert relabelled.answers == {} and relabelled.unplaced


def test_a_changed_type_is_not_placed() -> None:
    current = Questionnaire(tuple(dataclasses.replace(q, type="text", options=()) if q.id == "phase" else q
                                  for q in OLD.questions))
    assert carry_over({"phase": "growing"}, OLD, current).answers == {}


def test_the_same_version_passes_everything_through() -> None:
    assert carry_over({"x": "y"}, OLD, OLD).answers == {"x": "y"}
