"""The measured reply set: every fixture in tests/fixtures/replies parsed from its raw .eml.

Per fixture the parser may miss an answer (that costs accuracy) but may never give a
wrong or invented one. Over the whole set, field accuracy must be at least 97%.
"""

from __future__ import annotations

import email
import email.policy
import json
from dataclasses import dataclass
from email.message import EmailMessage
from functools import cache
from typing import Any

import pytest
import yaml

from mailbot.answers.parse_reply import ParsedReply, looks_like_answers, parse_reply
from mailbot.answers.questionnaire import (
    Questionnaire,
    load_default_questionnaire,
    load_questionnaire,
)
from mailbot.mail.html_text import html_to_text
from tests import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "replies"
FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.eml"))
MIN_FIELD_ACCURACY = 0.97
# Our own words that must never come back as a participant's remark.
OUR_BOILERPLATE = (
    "Klopt er iets niet",
    "Dit hebben we genoteerd",
    "[ ]",
    "Beantwoord deze mail",
    "Reply to this mail",
    "schreef",
    "wrote:",
    "Verzonden:",
    "Onderwerp:",
    "Met vriendelijke groet",
    "leerkring@bot.test",
    "Dank voor uw aanmelding",
)
OUR_LINE_STARTS = ("antwoord:", "answer:")


@cache
def questionnaire(name: str) -> Questionnaire:
    if name == "default":
        return load_default_questionnaire(["nl", "en"])
    raw = yaml.safe_load((FIXTURES / "_alt_questionnaire.yaml").read_text(encoding="utf-8"))
    return load_questionnaire(raw, ["nl", "en"], FIXTURES)


def body_text(message: EmailMessage) -> str:
    """The text/plain body, or the HTML body as text when there is no plain part."""
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return str(plain.get_content())
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None
    return html_to_text(str(html_part.get_content()))


@dataclass(frozen=True)
class Fixture:
    name: str
    meta: dict[str, Any]
    text: str

    @property
    def questionnaire(self) -> Questionnaire:
        return questionnaire(self.meta["questionnaire"])

    def parse(self) -> ParsedReply:
        return parse_reply(self.text, self.questionnaire, self.meta["lang"], self.meta["sent_text"])


@cache
def load(name: str) -> Fixture:
    raw = (FIXTURES / f"{name}.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    meta = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return Fixture(name, meta, body_text(message))


def test_the_set_is_big_enough() -> None:
    assert len(FIXTURE_NAMES) >= 60


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_reply_gives_no_wrong_or_invented_answer(name: str) -> None:
    fixture = load(name)
    parsed = fixture.parse()
    expected = fixture.meta["expected"]
    invented = {k: v for k, v in parsed.answers.items() if k not in expected}
    wrong = {k: (v, expected[k]) for k, v in parsed.answers.items() if k in expected and v != expected[k]}
    assert not invented, f"{fixture.meta['description']}: invented {invented}"
    assert not wrong, f"{fixture.meta['description']}: wrong (got, expected) {wrong}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_reply_remarks(name: str) -> None:
    fixture = load(name)
    parsed = fixture.parse()
    for remark in parsed.remarks:
        for ours in OUR_BOILERPLATE:
            assert ours.lower() not in remark.lower(), f"our own text {ours!r} came back as remark {remark!r}"
        assert not remark.lower().startswith(OUR_LINE_STARTS), (
            f"our answer line came back as remark {remark!r}"
        )
    for wanted in fixture.meta["remarks_contain"]:
        assert any(wanted in remark for remark in parsed.remarks), (
            f"no remark with {wanted!r}: {parsed.remarks}"
        )
    if fixture.meta["asks_organiser"]:
        assert parsed.questions_for_organiser, parsed


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_reply_with_answers_is_recognised_by_content(name: str) -> None:
    fixture = load(name)
    if fixture.meta["expected"] and "prose" not in name:
        assert looks_like_answers(fixture.text, fixture.questionnaire)


def test_field_accuracy_over_the_set() -> None:
    given = correct = invented = 0
    misses: list[str] = []
    for name in FIXTURE_NAMES:
        fixture = load(name)
        parsed = fixture.parse()
        expected = fixture.meta["expected"]
        given += len(expected)
        for question_id, value in expected.items():
            if parsed.answers.get(question_id) == value:
                correct += 1
            else:
                misses.append(f"{name}:{question_id}")
        invented += sum(1 for k in parsed.answers if k not in expected)
    accuracy = correct / given
    print(
        f"\nreply set: {len(FIXTURE_NAMES)} replies, {given} answers given, {correct} read correctly, "
        f"field accuracy {accuracy:.1%}, invented answers {invented}"
    )
    if misses:
        print("missed:", ", ".join(misses))
    assert invented == 0
    assert accuracy >= MIN_FIELD_ACCURACY
