"""A partial's remembered text is the text it would render: it follows every value the partial reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.answers.render import questionnaire_view
from mailbot.core.paths import shipped_templates_dir
from mailbot.wording.filters import FILTERS
from mailbot.wording.templates import Templates


@dataclass(frozen=True)
class Item:
    label: str
    count: object


def _plain(folder: Path) -> Environment:
    """The environment of ``Templates`` without remembering anything."""
    loader = ChoiceLoader([FileSystemLoader(str(folder)), FileSystemLoader(str(shipped_templates_dir()))])
    env = Environment(loader=loader,
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters.update(FILTERS)
    return env


def test_a_partial_follows_what_it_reads(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "note.html").write_text('{{ who }}: {% include "nl/_items.html" %}')
    (tmp_path / "nl" / "_items.html").write_text("{% for i in items %}[{{ i.label }} {{ i.count }}]{% endfor %}")
    templates, plain = Templates(tmp_path), _plain(tmp_path)
    contexts = [
        {"who": "a", "items": [Item("x", 1)]},
        {"who": "b", "items": [Item("x", 1)]},  # the same items: remembered
        {"who": "c", "items": [Item("x", True)]},  # True equals 1, but is written otherwise
        {"who": "d", "items": [Item("x", 1.0)]},
        {"who": "e", "items": [Item("x", -0.0)]},
        {"who": "f", "items": [Item("<b>", 1)]},  # escaped
        {"who": "g", "items": [Item(Markup("<b>"), 1)]},  # equal as a string, but not escaped
        {"who": "h", "items": [Item("x", [1])]},
        {"who": "i", "items": [Item("x", object())]},  # no plain data: rendered every time
    ]
    for context in contexts:
        assert templates.render_one("note.html", "nl", context) == plain.get_template("nl/note.html").render(
            **context, lang="nl")


def test_a_list_changed_in_place_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "note.txt").write_text('{% include "nl/_items.txt" %}')
    (tmp_path / "nl" / "_items.txt").write_text("{% for i in items %}{{ i.count }} {% endfor %}")
    templates = Templates(tmp_path)
    shared = [1, 2]
    item = Item("x", shared)
    assert templates.render_one("note.txt", "nl", {"items": [item]}) == "[1, 2] "
    shared.append(3)
    assert templates.render_one("note.txt", "nl", {"items": [item]}) == "[1, 2, 3] "


def test_an_imported_partial_still_gives_its_names(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "note.txt").write_text('{% include "nl/_names.txt" %}'
                                              '{% import "nl/_names.txt" as n with context %}{{ n.greeting }}')
    (tmp_path / "nl" / "_names.txt").write_text("{% set greeting = 'Dag ' ~ who %}-")
    templates = Templates(tmp_path)
    for who in ("Anne", "Anne", "Piet"):
        assert templates.render_one("note.txt", "nl", {"who": who}) == f"-Dag {who}"


def test_the_questionnaire_mail_is_the_same_as_without_remembering(tmp_path: Path) -> None:
    questionnaire = load_default_questionnaire(("nl", "en"))
    templates, plain = Templates(tmp_path), _plain(tmp_path)
    meetings = [{"title": "Start", "when": "1 maart", "location": "Utrecht", "address": ""}]
    for lang in ("nl", "en", "nl", "en"):
        for only in (None, {"introductions"}):
            for name in ("Jan de Vries", "Dr. A. Ölçer"):
                view = [v for v in questionnaire_view(questionnaire, lang) if only is None or v.id in only]
                context = {"programme_name": "Leerkring X", "programme_address": "x@example.org",
                           "organiser_name": "Mia", "participant_name": name, "also": [], "forwarded": False,
                           "questionnaire_view": view, "meetings": meetings if only else [], "welcome": "new",
                           "registered_by": "", "now": datetime(2027, 1, 1)}
                for suffix in ("txt", "html"):
                    assert templates.render_one(f"questionnaire.{suffix}", lang, context) == plain.get_template(
                        f"{lang}/questionnaire.{suffix}").render(**context, lang=lang)
