"""HTML mail body -> plain text lines, with the standard library only.

Used for HTML-only mail everywhere. The result keeps what the reply parser needs: one
line per block (Outlook's ``<p class=MsoNormal>`` paragraphs are lines, not paragraphs),
``> `` per blockquote level, ``- item`` and ``1. item`` for lists. It never raises:
mail HTML is often broken, and a bad body must not stop the poll loop.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_DROPPED_TAGS = frozenset({"script", "style", "head", "title", "xml", "template"})
_CELL_TAGS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buffer: list[str] = []
        self._quote_depth = 0
        self._dropping: list[str] = []
        self._pre_depth = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._paragraphs: list[bool] = []  # per open <p>: is it an Outlook one-line paragraph

    # -- line building -------------------------------------------------------
    def _flush(self, keep_empty: bool = False) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if self._pre_depth == 0:
            text = text.strip()
        else:
            text = text.rstrip()
        if not text.strip() and not keep_empty:
            return
        prefix = "> " * self._quote_depth
        self.lines.append((prefix + text).rstrip())

    def _blank_line(self) -> None:
        self.lines.append(("> " * self._quote_depth).rstrip())

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping:
            if tag in _DROPPED_TAGS:
                self._dropping.append(tag)
            return
        if tag in _DROPPED_TAGS:
            self._dropping.append(tag)
            return
        if tag == "br":
            self._flush(keep_empty=True)
            return
        if tag in _CELL_TAGS:
            self._buffer.append(" ")
            return
        if tag in ("img", "input") or tag not in _BLOCK_TAGS:
            return
        self._flush()
        if tag == "blockquote":
            self._quote_depth += 1
        elif tag == "pre":
            self._pre_depth += 1
        elif tag == "ul":
            self._lists.append([])
        elif tag == "ol":
            self._lists.append([1])
        elif tag == "li":
            self._buffer.append(self._list_marker())
        elif tag == "p":
            classes = (dict(attrs).get("class") or "").lower()
            self._paragraphs.append(classes.startswith("mso"))
        elif tag == "hr":
            self.lines.append(("> " * self._quote_depth) + "-" * 32)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "input"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if tag == self._dropping[-1]:
                self._dropping.pop()
            return
        if tag not in _BLOCK_TAGS:
            return
        if tag == "p":
            one_line = self._paragraphs.pop() if self._paragraphs else True
            empty = not "".join(self._buffer).strip()
            # An empty Outlook paragraph (&nbsp;) is how Outlook writes a blank line.
            self._flush(keep_empty=one_line and empty)
            if not one_line:
                self._blank_line()
            return
        self._flush()
        if tag == "blockquote":
            self._quote_depth = max(0, self._quote_depth - 1)
        elif tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self._pre_depth:
            for number, part in enumerate(data.replace("\xa0", " ").split("\n")):
                if number:
                    self._flush(keep_empty=True)
                self._buffer.append(part)
            return
        self._buffer.append(_SPACES.sub(" ", data).replace("\xa0", " "))

    def close(self) -> None:
        super().close()
        self._flush()

    def _list_marker(self) -> str:
        if not self._lists or not self._lists[-1]:
            return "- "
        number = self._lists[-1][0]
        self._lists[-1][0] += 1
        return f"{number}. "


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML body; never raises."""
    try:
        collector = _TextCollector()
        collector.feed(html)
        collector.close()
        lines = collector.lines
    except Exception:  # noqa: BLE001 - broken markup must never stop the caller
        lines = _strip_tags_crudely(html)
    return _tidy(lines)


def _strip_tags_crudely(html: str) -> list[str]:
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", html)
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|h\d)\s*>", "\n", text)
    text = unescape(re.sub(r"<[^>]*>", "", text)).replace("\xa0", " ")
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def _tidy(lines: list[str]) -> str:
    """Collapse runs of blank lines (quoted or not) and trim the ends."""
    result: list[str] = []
    for line in lines:
        line = line.replace("\u200b", "").rstrip()
        is_blank = not line.replace(">", "").strip()
        if is_blank and result and not result[-1].replace(">", "").strip():
            continue
        result.append(line)
    while result and not result[0].replace(">", "").strip():
        result.pop(0)
    while result and not result[-1].replace(">", "").strip():
        result.pop()
    return "\n".join(result) + ("\n" if result else "")
