"""HTML mail body -> the plain text lines a reader sees, with the standard library only.

Used for HTML-only mail everywhere. The result keeps what the reply parser needs: one
line per block (Outlook's ``<p class=MsoNormal>`` paragraphs are lines, not paragraphs),
``> `` per blockquote level, ``- item`` and ``1. item`` for lists. Text a mail client would
not show (``mailbot.mail.html_visible``) is never part of it: ``read_html`` gives it apart,
so that it can be kept out of a text/plain alternative too. It never raises: mail HTML is
often broken, and a bad body must not stop the poll loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from mailbot.mail.html_visible import VISIBLE, Look, Rule, look_of, stylesheet

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_DROPPED_TAGS = frozenset({"script", "style", "head", "title", "xml", "template"})
_CELL_TAGS = frozenset({"td", "th"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                        "track", "wbr"})
# a start tag that closes an open element of these names first, as browsers do (up to the container in brackets)
_IMPLIED_END = {"li": ({"li"}, {"ul", "ol"}), "td": ({"td", "th"}, {"tr", "table"}),
                "th": ({"td", "th"}, {"tr", "table"}), "tr": ({"tr"}, {"table"}), "dt": ({"dt", "dd"}, {"dl"}),
                "dd": ({"dt", "dd"}, {"dl"}), "option": ({"option"}, {"select"})}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class _TextCollector(HTMLParser):
    def __init__(self, rules: list[Rule]) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.open: list[tuple[str, Look]] = []  # the elements around the text, with how each shows
        self.hidden: list[str] = []  # the text a client would not show, one piece per hidden element
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
            text = re.sub(r"  +", " ", text).strip()  # the space on each side of a hidden word
        else:
            text = text.rstrip()
        if not text.strip() and not keep_empty:
            return
        prefix = "> " * self._quote_depth
        self.lines.append((prefix + text).rstrip())

    def _blank_line(self) -> None:
        self.lines.append(("> " * self._quote_depth).rstrip())

    # -- what shows -----------------------------------------------------------
    @property
    def look(self) -> Look:
        return self.open[-1][1] if self.open else VISIBLE

    def _enter(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in self.open]
        if tag in _BLOCK_TAGS and names and names[-1] == "p":
            self.open.pop()  # a block closes an open paragraph
        closes, container = _IMPLIED_END.get(tag, (set(), set()))
        for index in range(len(names) - 1, -1, -1):
            if names[index] in container:
                break
            if names[index] in closes:
                del self.open[index:]
                break
        was_hidden = self.look.hidden
        self.open.append((tag, look_of(tag, attrs, self.look, self.rules)))
        if self.look.hidden and not was_hidden:
            self.hidden.append("")

    def _leave(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._dropping and tag not in _VOID_TAGS and tag not in _DROPPED_TAGS:
            self._enter(tag, attrs)
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
        elif tag == "li" and not self.look.hidden:
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
        if not self._dropping:
            self._leave(tag)
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
        if self.look.hidden:
            self.hidden[-1] += data
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


@dataclass(frozen=True)
class HtmlText:
    text: str  # what a reader sees, as lines
    hidden: tuple[str, ...] = ()  # the text a mail client would not show, one piece per hidden element


def read_html(html: str) -> HtmlText:
    """The text of an HTML body a reader sees, and apart from it what they would not see; never raises."""
    try:
        collector = _TextCollector(stylesheet(html))
        collector.feed(html)
        collector.close()
        hidden = tuple(piece for piece in (_SPACES.sub(" ", h).strip() for h in collector.hidden) if piece)
        return HtmlText(_tidy(collector.lines), hidden)
    except Exception:  # noqa: BLE001 - broken markup must never stop the caller
        return HtmlText(_tidy(_strip_tags_crudely(html)))


def carries_hidden(plain: str, html: HtmlText) -> bool:
    """Whether a text/plain alternative holds words its HTML hides: then only the HTML says what shows.

    Clients show the HTML; the plain part the sender's client wrote from it, or the sender wrote apart,
    may carry the hidden words as ordinary text, and which of its words show no one can tell.
    """
    for piece in html.hidden:
        words = r"\s+".join(re.escape(word) for word in piece.split())
        if re.search(r"\w", piece) and re.search(rf"(?<!\w){words}(?!\w)", plain, re.IGNORECASE):
            return True
    return False


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML body, hidden text left out; never raises."""
    return read_html(html).text


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
