"""The rendered digest: counts beside labels in the text, quotes in full, nothing a participant wrote
ever raw in the HTML, and the organiser's language."""

from __future__ import annotations

import re
from collections.abc import Callable

from mailbot.app import App
from tests.digest.conftest import preview

HOSTILE_NAME = "<script>alert('naam')</script>"
HOSTILE_ANSWER = "Wat als <img src=x onerror=alert(1)> & <script>document.cookie</script>?"


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def seed_answers(c) -> None:  # type: ignore[no-untyped-def]
    c.person("a@x.example", "Anna", answers={"themes": ["governance", "roles"], "org_type": "central",
                                             "questions": "Hoe financieren\nwe een campus?"})
    c.person("b@x.example", "Bart", answers={"themes": ["governance"], "org_type": "company",
                                             "experience": "Twintig jaar clustermanagement."})
    c.person("c@x.example", "Cor", "partially_answered", answers={"themes": ["financing", "governance"]})


def test_text_part_has_a_count_next_to_every_option_and_every_answer_quoted(
        app: App, seed: Callable[..., None]) -> None:
    seed(seed_answers)
    text = norm(preview(app).text)
    for label, count in [("Cluster governance", 3), ("Rolverdeling triple helix in de levensfasen van een cluster", 1),
                         ("Faciliteren en stimuleren van groei (beleidsinstrumenten)", 0),
                         ("Financieren en investeren", 1), ("Rijksoverheid", 1), ("Bedrijf", 1)]:
        assert re.search(re.escape(norm(label)) + r"[^\n]{0,80}?\b" + str(count) + r"\b", text), label
    assert "hoe financieren we een campus?" in text
    assert "twintig jaar clustermanagement." in text
    assert "anna" in text and "bart" in text


def test_text_bars_stand_on_the_label_line(app: App, seed: Callable[..., None]) -> None:
    seed(seed_answers)
    lines = preview(app).text.splitlines()
    governance = next(line for line in lines if line.strip().startswith("Cluster governance"))
    assert re.search(r"Cluster governance\s+#{20}\s+3\s+\(100%\)", governance)


def test_nothing_a_participant_wrote_is_raw_html(app: App, seed: Callable[..., None]) -> None:
    def write(c) -> None:  # type: ignore[no-untyped-def]
        p = c.person("evil@x.example", HOSTILE_NAME, organisation="<b>Org</b>",
                     answers={"questions": HOSTILE_ANSWER, "themes": ["governance"]})
        c.message(state="needs_human", kind="question", sender="evil@x.example", sender_name=HOSTILE_NAME,
                  subject="<script>s</script>", excerpt=HOSTILE_ANSWER, participant=p)

    seed(write)
    rendered = preview(app)
    assert rendered.html is not None
    html = rendered.html
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>Org" not in html
    assert "&lt;script&gt;alert(&#39;naam&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in html
    assert HOSTILE_ANSWER in rendered.text  # the text part shows what they wrote as they wrote it


def test_the_organisers_language(app: App, seed: Callable[..., None]) -> None:
    seed(seed_answers)
    english = preview(app, lang="en")
    assert "Financing and investing" in english.text and "NEXT MEETING" in english.text
    assert english.subject.startswith("Digest ")
    dutch = preview(app, lang="nl")
    assert "Financieren en investeren" in dutch.text and "VOLGENDE BIJEENKOMST" in dutch.text
    assert dutch.html is not None and '<html lang="nl">' in dutch.html


def test_an_empty_circle_still_renders(app: App) -> None:
    rendered = preview(app)
    assert "Er wacht niets op u." in rendered.text
    assert "Iedereen heeft geantwoord." in rendered.text


def test_people_show_their_answered_organisation_with_a_mailto_link(app: App, seed: Callable[..., None]) -> None:
    def write(c) -> None:  # type: ignore[no-untyped-def]
        c.person("anna@tudelft.example", "Anna", organisation="Tudelft",
                 answers={"organisation": "TU Delft, faculteit TBM", "questions": "Hoe financieren we een campus?"})
        c.person("bart@minezk.example", "Bart", organisation="Minezk", answers={"questions": "Wie betaalt?"})

    seed(write)
    rendered = preview(app)
    assert "TU Delft, faculteit TBM" in rendered.text and "Tudelft" not in rendered.text
    assert "Minezk (vermoedelijk)" in rendered.text  # no answer: the guess, marked as one
    assert rendered.html is not None and '<a href="mailto:anna@tudelft.example"><b>Anna</b></a>' in rendered.html


def test_long_texts_are_cut_between_words_and_point_to_the_attachment(app: App, seed: Callable[..., None]) -> None:
    letter = "Wij hebben ingericht " * 40 + "en tot slot een laatste zin."
    seed(lambda c: c.person("a@x.example", "Anna", answers={"questions": letter}))
    rendered = preview(app)
    quoted = next(line for line in rendered.text.splitlines() if "Wij hebben" in line)
    assert all(len(line) <= 80 for line in rendered.text.splitlines() if "Wij hebben" in line)
    assert "(volledige tekst in deelnemers.xlsx)" in rendered.text and "laatste zin" not in rendered.text
    words = " ".join(line.strip() for line in rendered.text.splitlines() if "ingericht" in line or "Wij" in line)
    assert all(word in {"Wij", "hebben", "ingericht", "…"} for word in words.split()), quoted  # no "inger"


def test_the_next_meeting_counts_expected_unknown_and_declined(app: App, seed: Callable[..., None]) -> None:
    from mailbot.store.models import Attendance

    def write(c) -> None:  # type: ignore[no-untyped-def]
        people = [c.person(f"p{i}@x.example", f"P{i}") for i in range(5)]
        for p, status in zip(people, ["accepted", "accepted", "declined", "tentative"], strict=False):
            c.session.add(Attendance(participant_id=p.id, meeting_id="m1", status=status, updated_at=c.now))

    seed(write)
    text = preview(app).text
    assert "Verwacht: 3 " in text  # two said yes, one said nothing: registering is coming
    assert "Nog onzeker (1): P3." in text and "Afgemeld (1): P2." in text
