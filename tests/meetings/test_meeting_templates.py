"""Every meeting template renders in both languages with the documented context, and escapes HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from jinja2 import Environment

from mailbot.meetings.context import cancel_context, meetings_list, reminder_context, update_context
from mailbot.meetings.model import Meeting
from mailbot.wording.templates import Templates
from tests.meetings.test_meeting_attendance import detect_decline

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2017, 10, 11, 11, 0, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script> & <b>'
MakeMeeting = Callable[..., Meeting]
LANGS = ("nl", "en")
MAILS = ("reminder", "meeting_update", "meeting_cancel")


def environment(*, strict: bool = True) -> Environment:
    """The real template environment (``mailbot.wording.templates.Templates``: StrictUndefined, autoescape)."""
    return Templates().env


def context(name: str, lang: str, meetings: tuple[Meeting, Meeting], **extra: object) -> dict[str, object]:
    old, new = meetings
    base: dict[str, object] = {
        "participant_name": "Jan de Vries",
        "programme_name": "Leerkring Clustermanagement",
        "organiser_name": "Anna Bakker",
        "lang": lang,
    }
    if name == "reminder":
        base.update(reminder_context(new, NOW, AMSTERDAM, lang))
    elif name == "meeting_update":
        base.update(update_context(old, new, AMSTERDAM, lang))
    elif name == "meeting_cancel":
        base.update(cancel_context(new, AMSTERDAM, lang), reason="De spreker is ziek.")
    else:
        base = {"meetings": meetings_list(meetings, NOW, AMSTERDAM, lang)}
    base.update(extra)
    return base


@pytest.fixture
def two_meetings(make_meeting: MakeMeeting) -> tuple[Meeting, Meeting]:
    old = make_meeting("2017-10-12 13:00", "2017-10-12 17:00")
    new = make_meeting("2017-10-12 14:00", "2017-10-12 17:00", location="Zernike Campus", meeting_id="m1")
    return old, new


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [*MAILS, "_meetings_list"])
@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_renders_with_the_documented_context(
    two_meetings: tuple[Meeting, Meeting], lang: str, name: str, suffix: str
) -> None:
    template = environment(strict=True).get_template(f"{lang}/{name}.{suffix}")
    text = template.render(context(name, lang, two_meetings))
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert not text.startswith("\n")
    assert text.endswith("\n")
    assert "\n\n\n" not in text
    if name != "_meetings_list":
        assert "Anna Bakker" in text
        assert ("Beste Jan de Vries," if lang == "nl" else "Dear Jan de Vries,") in text


@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_the_reminder_says_when_where_and_how_to_decline(
    two_meetings: tuple[Meeting, Meeting], suffix: str
) -> None:
    nl = environment().get_template(f"nl/reminder.{suffix}").render(context("reminder", "nl", two_meetings))
    assert "donderdag 12 oktober 2017, 14:00-17:00" in nl
    assert "is morgen" in nl
    assert "Zernike Campus" in nl
    assert "Stationsplein 1, 9726 AE Groningen" in nl
    assert "13:30 Inleiding" in nl
    assert "ik kan helaas niet" in nl
    assert " u " in nl  # the polite form
    en = environment().get_template(f"en/reminder.{suffix}").render(context("reminder", "en", two_meetings))
    assert "Thursday 12 October 2017, 14:00-17:00" in en
    assert "is tomorrow" in en
    assert re.search(r"I can(&rsquo;|')t make it", en)


def test_the_decline_phrases_in_the_reminders_are_recognised() -> None:
    assert detect_decline("ik kan helaas niet", "nl")
    assert detect_decline("I can\u2019t make it", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_update_names_what_changed(two_meetings: tuple[Meeting, Meeting], lang: str) -> None:
    text = (
        environment()
        .get_template(f"{lang}/meeting_update.txt")
        .render(context("meeting_update", lang, two_meetings))
    )
    if lang == "nl":
        assert "- nieuwe tijd: 14:00-17:00 (was 13:00-17:00)" in text
        assert "- nieuwe locatie: Zernike Campus (was Energy Valley)" in text
        assert "nieuwe datum" not in text, "the date stayed the same"
    else:
        assert "- new time: 14:00-17:00 (was 13:00-17:00)" in text
        assert "- new venue: Zernike Campus (was Energy Valley)" in text
        assert "new date" not in text


@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_a_moved_meeting_names_the_new_and_the_old_date(make_meeting: MakeMeeting, suffix: str) -> None:
    old = make_meeting("2027-02-11 13:00", "2027-02-11 17:00")
    new = make_meeting("2027-02-18 13:00", "2027-02-18 17:00")
    nl = environment().get_template(f"nl/meeting_update.{suffix}").render(context("meeting_update", "nl", (old, new)))
    assert "nieuwe datum: " in nl and "donderdag 18 februari" in nl and "(was 11 februari)" in nl
    assert "nieuwe tijd" not in nl
    en = environment().get_template(f"en/meeting_update.{suffix}").render(context("meeting_update", "en", (old, new)))
    assert "new date: " in en and "Thursday 18 February" in en and "(was 11 February)" in en


@pytest.mark.parametrize("lang", LANGS)
def test_a_restored_meeting_goes_ahead_after_all(two_meetings: tuple[Meeting, Meeting], lang: str) -> None:
    old, _ = two_meetings
    extra = update_context(old, old, AMSTERDAM, lang, restored=True)
    data = context("meeting_update", lang, (old, old), **extra)
    data.pop("lang")
    rendered = Templates().render("meeting_update", lang, data)
    assert ("gaat toch door" if lang == "nl" else "goes ahead after all") in rendered.text
    assert rendered.subject.startswith("Gaat toch door:" if lang == "nl" else "Going ahead after all:")


@pytest.mark.parametrize("lang", LANGS)
def test_who_declined_the_old_date_is_asked_about_the_new_one(two_meetings: tuple[Meeting, Meeting],
                                                             lang: str) -> None:
    data = context("meeting_update", lang, two_meetings, ask_again=True)
    data.pop("lang")
    text = Templates().render("meeting_update", lang, data).text
    assert ("Kunt u op de nieuwe datum wel?" if lang == "nl" else "Can you make the new date?") in text
    assert "13:00-17:00" in text  # the date they declined


@pytest.mark.parametrize("lang", LANGS)
def test_the_update_leaves_out_the_old_time_when_only_the_venue_changed(
    make_meeting: MakeMeeting, lang: str
) -> None:
    old = make_meeting("2017-10-12 13:00")
    new = make_meeting("2017-10-12 13:00", location="Zernike Campus")
    text = (
        environment()
        .get_template(f"{lang}/meeting_update.html")
        .render(context("meeting_update", lang, (old, new)))
    )
    assert "<s>" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_cancel_mail(two_meetings: tuple[Meeting, Meeting], lang: str) -> None:
    text = (
        environment()
        .get_template(f"{lang}/meeting_cancel.txt")
        .render(context("meeting_cancel", lang, two_meetings))
    )
    assert ("gaat de volgende bijeenkomst" if lang == "nl" else "has been cancelled") in text
    assert "De spreker is ziek." in text
    without_reason = (
        environment()
        .get_template(f"{lang}/meeting_cancel.txt")
        .render(context("meeting_cancel", lang, two_meetings, reason=None))
    )
    assert "ziek" not in without_reason


@pytest.mark.parametrize("lang", LANGS)
def test_the_meetings_list(make_meeting: MakeMeeting, lang: str) -> None:
    past = make_meeting("2017-09-14 13:00", meeting_id="m0", title="Voorbij")
    m2 = make_meeting("2017-11-09 13:00", meeting_id="m2", title="Bijeenkomst 2", address="")
    m1 = make_meeting("2017-10-12 13:00", meeting_id="m1", title="Bijeenkomst 1")
    items = meetings_list([m2, past, m1], NOW, AMSTERDAM, lang)
    text = environment().get_template(f"{lang}/_meetings_list.txt").render(meetings=items)
    assert "Voorbij" not in text
    assert text.index("Bijeenkomst 1") < text.index("Bijeenkomst 2")
    assert "\n\n- Bijeenkomst 2\n" in text
    assert "  Energy Valley\n" in text  # no dangling comma without an address
    empty = environment().get_template(f"{lang}/_meetings_list.html").render(meetings=[])
    assert empty.startswith("<p>")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [*MAILS, "_meetings_list"])
def test_hostile_text_is_escaped_in_html_and_left_alone_in_text(
    make_meeting: MakeMeeting, lang: str, name: str
) -> None:
    hostile = make_meeting(
        "2017-10-12 13:00", title=HOSTILE, location=HOSTILE, address=HOSTILE, programme=HOSTILE
    )
    values = context(name, lang, (hostile, hostile), participant_name=HOSTILE, reason=HOSTILE)
    html = environment().get_template(f"{lang}/{name}.html").render(values)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    text = environment().get_template(f"{lang}/{name}.txt").render(values)
    assert HOSTILE in text
