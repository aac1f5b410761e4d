"""Mail templates, looked up by logical name and language through this one module.

Lookup order: the organiser's own folder (``templates:`` in the config), then
the templates shipped with mailbot. A template missing in the wanted language
falls back to the programme's language, then Dutch, then English.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    select_autoescape,
)

from mailbot.config.model import Config
from mailbot.core.paths import shipped_templates_dir
from mailbot.wording.filters import FILTERS
from mailbot.wording.partials import PartialsLoader

FALLBACK_LANGUAGES = ("nl", "en")
# A template found is used for this long before its file is looked at again: an edit of a template is
# seen within a second, and a backlog does not ask the file system for every mail (3 % of a poll)
_RECHECK_SECONDS = 1.0


def base_context(config: Config, recipient_name: str) -> dict[str, Any]:
    """What every template may use, whoever it goes to: the one place this context is built."""
    return {"programme_name": config.programme.name, "programme_address": config.programme.address,
            "organiser_name": config.organisers[0].name, "participant_name": recipient_name,
            "also": [], "forwarded": False}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


class Templates:
    def __init__(self, override_dir: Path | None = None, default_language: str = "nl") -> None:
        loaders = [FileSystemLoader(str(override_dir))] if override_dir else []
        loaders.append(FileSystemLoader(str(shipped_templates_dir())))
        self.env = Environment(
            loader=PartialsLoader(loaders),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            # the files are looked at again by ``_template`` (each template once a second), not by jinja at
            # every render and every include or layout it uses (one stat each: 1 % of a backlog)
            auto_reload=False,
        )
        self.env.filters.update(FILTERS)
        self.default_language = default_language
        # (name, lang) -> the template and when it was last looked up; None: none in any language.
        # A template added or removed changes the folder, and the service then makes new Templates.
        self._found: dict[tuple[str, str], tuple[Template, float] | None] = {}

    def _languages(self, lang: str) -> list[str]:
        order = [lang, self.default_language, *FALLBACK_LANGUAGES]
        return list(dict.fromkeys(order))

    def _find(self, name: str, lang: str) -> str | None:
        for candidate in self._languages(lang):
            path = f"{candidate}/{name}"
            try:
                self.env.get_template(path)
                return path
            except TemplateNotFound:
                continue
        return None

    def _template(self, name: str, lang: str) -> Template | None:
        key = (name, lang)
        now = time.monotonic()
        if key in self._found:
            known = self._found[key]
            if known is None:
                return None
            if now - known[1] < _RECHECK_SECONDS:
                return known[0]
            self._forget_edited()
        path = self._find(name, lang)
        template = None if path is None else self.env.get_template(path)
        self._found[key] = None if template is None else (template, now)
        return template

    def _forget_edited(self) -> None:
        """Let jinja read every template again when one of the files it read (a layout or an include too)
        changed since."""
        if any(not template.is_up_to_date for template in self.env.cache.values()):  # type: ignore[union-attr]
            self.env.cache.clear()  # type: ignore[union-attr]

    def render_one(self, name: str, lang: str, context: dict[str, Any]) -> str | None:
        template = self._template(name, lang)
        return None if template is None else template.render(**context, lang=lang)

    def render(self, name: str, lang: str, context: dict[str, Any]) -> Rendered:
        """Render ``<name>.subject``, ``<name>.txt`` and ``<name>.html`` (the last one optional)."""
        text = self.render_one(f"{name}.txt", lang, context)
        if text is None:
            raise TemplateNotFound(f"{name}.txt")
        subject = self.render_one(f"{name}.subject", lang, context) or ""
        html = self.render_one(f"{name}.html", lang, context)
        return Rendered(subject=" ".join(subject.split()), text=text, html=html)
