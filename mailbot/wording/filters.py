"""Filters the mail templates use to word things as a person would. Pure.

    {{ participant_name|salutation_name }}   "Dr. Thomas Keller MSc" -> "Thomas Keller"
    {{ programme_name|with_article(lang) }}  "Leerkring Clusters" -> "de leerkring Clusters"
    {{ meeting.programme|lines_to_html }}    line breaks that survive every mail client
    {{ text|paragraphs_html }}               plain text (a rendered .txt part) as escaped HTML paragraphs
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Titles before a name; those that are also ordinary words or names count only with their dot ("ir.", "Ing.").
_TITLES_WITHOUT_DOT = frozenset({"dr", "drs", "prof", "dhr", "mevr", "mr", "mrs", "ms"})
_TITLES_WITH_DOT = _TITLES_WITHOUT_DOT | frozenset({"ir", "ing", "ds", "bc", "mw", "lic", "mag", "dipl", "dipl-ing"})
# Degrees after a name, in the case they are written in ("MA", not the surname "Ma").
_DEGREES = frozenset({"MSc", "MA", "BSc", "BA", "PhD", "MBA", "LLM", "LLB", "MPA", "MPhil", "RA", "MD", "EMIA"})
_CIRCLE_WORDS = {"nl": ("de leerkring", re.compile(r"^\s*leerkring\b\s*", re.IGNORECASE)),
                 "en": ("the learning circle", re.compile(r"^\s*(?:learning circle|leerkring)\b\s*", re.IGNORECASE))}


def salutation_name(name: str) -> str:
    """The name to greet someone by: titles and degrees left out ("Dear Thomas Keller", "Beste Thomas Keller")."""
    words = (name or "").replace(",", " ").split()
    while len(words) > 1 and _is_title(words[0]):
        words.pop(0)
    while len(words) > 1 and words[-1].replace(".", "") in _DEGREES:
        words.pop()
    return " ".join(words)


def _is_title(word: str) -> bool:
    bare = word.lower().rstrip(".").replace(".", "")
    return bare in _TITLES_WITHOUT_DOT or (word.endswith(".") and bare in _TITLES_WITH_DOT)


def with_article(programme_name: str, lang: str) -> str:
    """The circle's name as it reads inside a sentence: "de leerkring Clusters & clusterbeleid"."""
    article, leading_word = _CIRCLE_WORDS.get(lang, _CIRCLE_WORDS["en"])
    rest = leading_word.sub("", programme_name.strip())
    return f"{article} {rest}".strip()


def lines_to_html(text: str) -> Markup:
    """Escaped text with ``<br>`` at each line break: a programme keeps its lines in every mail client."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").strip().splitlines())


def paragraphs_html(text: str) -> Markup:
    """Plain text as HTML: a paragraph per blank-line block, ``<br>`` per line, everything escaped.

    The text may come from a plain-text partial captured in an HTML template, which Jinja marks
    safe although nothing in it was escaped: so it is escaped here, as the plain string it is.
    """
    plain = str.__str__(text) if isinstance(text, str) else str(text)
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", plain) if b.strip()]
    return Markup("\n").join(Markup("<p>") + Markup("<br>\n").join(escape(line) for line in block.splitlines())
                              + Markup("</p>") for block in blocks)


FILTERS = {"salutation_name": salutation_name, "with_article": with_article, "lines_to_html": lines_to_html,
           "paragraphs_html": paragraphs_html}


def clipped_lines(text: str, max_lines: int, max_chars: int) -> tuple[list[str], bool]:
    """The non-blank lines of ``text`` within ``max_lines`` and ``max_chars``, and whether any were left out.

    A line that does not fit is cut after its last whole word (never "hebben inger") and ends in " …".
    """
    lines: list[str] = []
    used = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if len(lines) == max_lines or used + len(line) > max_chars:
            room = max_chars - used
            part = _whole_words(line, room) if len(lines) < max_lines else ""
            if not part and not lines and room > 0:
                part = line[:room]  # one "word" longer than the room (a link): its start is better than nothing
            if part:
                lines.append(part + " …")
            elif lines:
                lines[-1] += " …"
            return lines, True
        lines.append(line)
        used += len(line)
    return lines, False


def _whole_words(line: str, room: int) -> str:
    if room <= 0:
        return ""
    cut = line[: room + 1].rsplit(None, 1)[0] if len(line) > room else line
    return cut if len(cut) <= room else ""
