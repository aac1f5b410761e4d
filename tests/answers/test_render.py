"""The questionnaire block in our mail: the exact text layout the reply parser relies on."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment

from mailbot.answers.questionnaire import Questionnaire, load_default_questionnaire, load_questionnaire
from mailbot.answers.render import questionnaire_view
from mailbot.mail.html_text import html_to_text
from mailbot.wording.templates import Templates

OPTION_LINE = re.compile(r"^[>\s]*[-*•]?\s*\[\s?\]\s*(.+?)\s*$")  # as the acceptance harness reads them


def env() -> Environment:
    """The real template environment (``mailbot.wording.templates.Templates``: StrictUndefined, autoescape)."""
    return Templates().env


def small() -> Questionnaire:
    raw = [
        {
            "id": "org",
            "type": "text",
            "question": {"nl": "Bij welke organisatie werkt u?", "en": "Where do you work?"},
        },
        {
            "id": "kind",
            "type": "single",
            "question": {"nl": "Wat voor organisatie is dat?", "en": "What kind of organisation?"},
            "options": [
                {"id": "gov", "label": {"nl": "Provincie, gemeente of regio", "en": "Province"}},
                {"id": "rijk", "label": {"nl": "Rijksoverheid", "en": "Central government"}},
            ],
        },
        {
            "id": "all",
            "type": "yesno",
            "question": {"nl": "Kunt u bij alle vier de bijeenkomsten zijn?", "en": "All?"},
        },
        {
            "id": "urg",
            "type": "scale",
            "question": {"nl": "Hoe urgent is het thema voor u (1-5)?", "en": "Urgent?"},
        },
    ]
    return load_questionnaire(raw, ["nl", "en"], Path("."))


def render(name: str, questionnaire: Questionnaire, lang: str) -> str:
    return (
        env()
        .get_template(f"{lang}/{name}")
        .render(questionnaire_view=questionnaire_view(questionnaire, lang))
    )


def test_text_layout_is_exactly_the_documented_shape() -> None:
    assert render("_questionnaire.txt", small(), "nl") == (
        "Beantwoord deze mail en typ uw antwoord onder elke vraag; zet een x tussen de haakjes [x] bij wat "
        "van toepassing is.\n"
        "\n"
        "1. Bij welke organisatie werkt u?\n"
        "Antwoord:\n"
        "\n"
        "2. Wat voor organisatie is dat?\n"
        "[ ] Provincie, gemeente of regio\n"
        "[ ] Rijksoverheid\n"
        "\n"
        "3. Kunt u bij alle vier de bijeenkomsten zijn?\n"
        "[ ] Ja\n"
        "[ ] Nee\n"
        "\n"
        "4. Hoe urgent is het thema voor u (1-5)?\n"
        "Antwoord:\n"
        "\n"
    )


def test_english_layout_and_the_multi_hint() -> None:
    text = render("_questionnaire.txt", load_default_questionnaire(["nl", "en"]), "en")
    first = text.splitlines()[0]
    assert first.startswith("Reply to this mail and type your answer under each question;")
    assert first.endswith("At question 4 you may mark more than one.")
    assert "\n8. Can you attend all four meetings?\n[ ] Yes\n[ ] No\n\n" in text
    assert "\n1. Which organisation do you work for?\nAnswer:\n\n" in text


def test_view_carries_numbers_options_and_placeholders() -> None:
    views = questionnaire_view(small(), "en")
    assert [(v.number, v.id, v.type) for v in views] == [
        (1, "org", "text"),
        (2, "kind", "single"),
        (3, "all", "yesno"),
        (4, "urg", "scale"),
    ]
    assert views[1].options == ("Province", "Central government") and views[1].placeholder == ""
    assert views[2].options == ("Yes", "No")
    assert views[3].options == () and views[3].placeholder == "Answer:"


def test_every_option_line_is_found_by_the_harness_pattern() -> None:
    questionnaire = load_default_questionnaire(["nl", "en"])
    for lang in ("nl", "en"):
        labels = [m.group(1) for line in render("_questionnaire.txt", questionnaire, lang).splitlines()
                  if (m := OPTION_LINE.match(line))]  # fmt: skip
        views = questionnaire_view(questionnaire, lang)
        assert labels == [label for view in views for label in view.options]


def test_html_block_gives_the_same_lines_as_text() -> None:
    questionnaire = load_default_questionnaire(["nl", "en"])
    for lang in ("nl", "en"):
        html = render("_questionnaire.html", questionnaire, lang)
        assert html_to_text(html) == render("_questionnaire.txt", questionnaire, lang).rstrip("\n") + "\n"


def test_html_is_escaped() -> None:
    raw = [{"id": "q", "type": "text", "question": {"nl": "<b>Vet</b> & zo?", "en": "x"}}]
    html = render("_questionnaire.html", load_questionnaire(raw, ["nl"], Path(".")), "nl")
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; zo?" in html
