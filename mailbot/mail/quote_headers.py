"""Where a quote begins: the reply headers mail clients write above an original, in the languages people write.

The line-level readers the splitter (``mailbot.mail.split``) and the answers parser share, so there is
one quote detector: ``split_lines`` (lines with their quote depth; a header glued to the person's last
line starts a line of its own), ``is_attribution`` ("Op 4 okt. 2017 om 09:15 schreef Jan <jan@x.nl>:",
wrapped or not, in any language by its structure: a date or time, the address in brackets, a colon at
the end) and ``quote_header_length`` (attributions, separators, Outlook's From/Sent/To/Subject blocks).
Headers must really look like headers: a person's "Op 12 maart kan ik niet" or "On Monday I wrote to
you:" stays theirs; where it is in doubt where a header begins, words are kept rather than lost. The words of
each language are data in ``mailbot.mail.reply_words``. Pure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mailbot.mail import reply_words as words

_any = words.alternation


# ---------------------------------------------------------------- lines

_QUOTE_PREFIX = re.compile(r"^((?:[ \t]*>)+)[ \t]?")


@dataclass(frozen=True)
class ReplyLine:
    depth: int  # number of quote marks (">") in front
    content: str  # the line without its quote marks, stripped

    @property
    def blank(self) -> bool:
        return not self.content


def text_lines(text: str) -> list[str]:
    """The lines as the reader sees them: a reply header that shares a line with the person's words
    ("Prima! On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:") starts a line of its own."""
    return list(_text_lines(text))


@lru_cache(maxsize=256)  # one mail's text is cut into lines by the splitter and by the answers parser
def _text_lines(text: str) -> tuple[str, ...]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER_HINT.search(" ".join(lines)):  # each line is read with the two below it: none has a hint
        return tuple(lines)
    return tuple(part for index, line in enumerate(lines)
                 for part in _separate_header(line, lines[index + 1 : index + 3]))


def split_lines(text: str) -> list[ReplyLine]:
    return list(_split_lines(text))


@lru_cache(maxsize=256)
def _split_lines(text: str) -> tuple[ReplyLine, ...]:
    lines = []
    for raw in text_lines(text):
        raw = raw.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
        match = _QUOTE_PREFIX.match(raw)
        depth = match.group(1).count(">") if match else 0
        content = raw[match.end() :] if match else raw
        lines.append(ReplyLine(depth, content.strip()))
    return tuple(lines)


# ---------------------------------------------------------------- quote headers

_WROTE = _any(words.WROTE)
# "<before> wrote <after>:" with the last verb of the line; a time's colon may sit in <after> ("am ... um 11:53 Uhr:")
_ATTRIBUTION = re.compile(
    rf"^(?P<before>.*)(?<![^\W\d_-]){_WROTE}(?![\w-])(?P<after>(?:[^:：]|(?<=\d)[:：](?=\d))*)(?P<colon>[:：]?)$",
    re.IGNORECASE,
)
_STARTS_LIKE_ATTRIBUTION = re.compile(
    rf"^(?:{_any(words.ATTRIBUTION_START)}|{_any(words.WEEKDAYS)})(?![\w-])|^\d", re.IGNORECASE
)
_STRONG_START = re.compile(rf"^{_any(words.ATTRIBUTION_START)}\s+\S.{{0,25}}\d", re.IGNORECASE)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_EVIDENCE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|(?<!\d)(?:19|20)\d{2}(?!\d)|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|@")
# "I/we wrote" and lowercase prose words behind the verb belong to a person's sentence, not to a client's header
_SUBJECT_PRONOUN = re.compile(r"(?:^|\s)(?:i|ik|we|wij|jij|je|hij|zij|ze|ich|wir)\s*$", re.IGNORECASE)
_PROSE_WORDS = frozenset(
    "ik je jij u we wij jullie dat dit niet al ook dan toen hem haar ons mij me naar "
    "i you that this the to him her us me them already also then".split()
)
# Gmail in some locales writes no verb: "2016-10-24 15:36 GMT+02:00 Name <addr>:", "2013/7/20 Name <addr>"
_DATE_NAME_ADDRESS = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b.{0,120}<[^<>@\s]+@[^<>\s]+>\s*:?$")
_DATE_GMT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{2}:?\d{2} [^<>@:]{1,60}$")
_DATED_ADDRESS_COLON = re.compile(r"\b\d{1,2}[:.]\d{2}\b.{0,120}<[^<>@\s]+@[^<>\s]+>\s*[:：]$")
_ZOHO = re.compile(r"^-{2,}\s*(?P<inner>.+?)\s*-{2,}$")
_ZOHO_NAME = re.compile(r"^[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3}\s*$")

_SEPARATOR = re.compile(
    rf"^[-=_*~\s]{{2,}}{_any(words.SEPARATORS)}[\s:]*[-=_*~\s]*$|^{_any(words.BEGIN_FORWARD)}\s*:?$",
    re.IGNORECASE,
)
_DELIMITER = re.compile(r"^[-_=~*+#—–•ᐧ]{2,}$|^[ᐧ—]$")
_FIELD = re.compile(r"^\*?\s*(?P<name>[^:：*]{1,30}?)\s*\*?\s*[:：]")
_FIELD_KINDS = {
    kind: re.compile(rf"^{_any(names)}$", re.IGNORECASE) for kind, names in words.FIELDS.items()
}


def _field_kind(content: str) -> str | None:
    match = _FIELD.match(content)
    if not match:
        return None
    name = " ".join(match.group("name").split())
    return next((kind for kind, pattern in _FIELD_KINDS.items() if pattern.match(name)), None)


def _clean(text: str) -> str:
    """A header candidate without markup: entities decoded, bold stars and Zoho's dashes kept apart."""
    text = re.sub(r"<\s+", "<", html.unescape(text))  # Gmail wraps "Name <" / "addr>:"
    return text.strip().strip("*").strip()


_DATE_OR_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|(?<!\d)(?:19|20)\d{2}(?!\d)")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DIGIT = re.compile(r"\d")
# how clients of any language write who wrote: the address in brackets ("Jan <jan@x.nl>", "Jan (<jan@x.nl>)")
_BRACKETED_ADDRESS = re.compile(r"[<(]\s*(?:mailto:)?[^<>()@\s]+@[^<>()\s]+?\s*[>)]\)?")


def _bracketed_header(text: str) -> bool:
    """A header in any language: a date or time, who wrote in brackets, a few words, a colon at the end.

    "Jan <jan@x.nl> ezt írta (időpont: 2025. ápr. 30., Sze, 15:19):", "... <jan@x.nl>님이 작성:" ...
    A person writes an address in brackets with a time and ends the line with a colon almost never.
    """
    found = list(_BRACKETED_ADDRESS.finditer(text))
    if not found or not text.rstrip().endswith((":", "：")):
        return False
    tail = text[found[-1].end() :]
    return len(tail) <= 90 and bool(_DATE_OR_TIME.search(_BRACKETED_ADDRESS.sub(" ", text)))


def is_attribution(text: str) -> bool:
    """One (joined) line such as "Op 4 okt. 2017 om 09:15 schreef Jan <jan@example.nl>:"."""
    text = _clean(text)
    if len(text) > 400:
        return False
    zoho = _ZOHO.match(text)
    if zoho:
        text = zoho.group("inner")
    if _DATE_NAME_ADDRESS.match(text) or _DATE_GMT_NAME.match(text) or _bracketed_header(text):
        return True
    match = _ATTRIBUTION.match(text)
    if not match:
        return bool(_DATED_ADDRESS_COLON.search(text)) and bool(re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text))
    before, after = match.group("before"), match.group("after")
    if _SUBJECT_PRONOUN.search(before):
        return False  # "On Monday I wrote to jan@example.nl:" is the person telling what they did
    if zoho and not after.strip() and _ZOHO_NAME.match(before):
        return True  # Android: "---- John Smith wrote ----"
    bare = not after.strip() and bool(_ADDRESS.search(before)) and bool(_STARTS_LIKE_ATTRIBUTION.match(text))
    if not (match.group("colon") or zoho or bare):
        return False  # "... <addr> wrote" without a colon: only as the whole line after a date
    if len(after) > 120 or not _EVIDENCE.search(text):
        return False
    if _ADDRESS.search(text) or "&lt;" in text:
        return True
    if not _STARTS_LIKE_ATTRIBUTION.match(text) and " via " not in text:
        return False
    return not set(re.findall(r"\w+", after.lower())) & _PROSE_WORDS


# where a header may begin inside a line: a word it opens with ("On", "Op", "Am" ...), else a day's name or a number
_AT_WORD = r"(?<![^\s\-—–*])"  # at the start, or after a space or a run of dashes ("reply--- On ...")
_DAY = _any(words.WEEKDAYS)
# inside a line a header opens with its word, then a day's name, a number, or one or two short words and a
# number ("On Wed, Apr 4, ...", "Op 12 ...", "Le lun. 15 ...")
_OPENING_WORD = re.compile(
    rf"{_AT_WORD}(?!{_any(words.INSIDE_ATTRIBUTION)}(?![\w-])){_any(words.ATTRIBUTION_START)}"
    rf"(?=\s+(?:{_DAY}(?![\w-])|\d|[^\W\d_]{{1,6}}[.,]{{0,2}}\s+(?:[^\W\d_]{{1,4}}[.,]{{0,2}}\s+)?\d))",
    re.IGNORECASE,
)
_OPENING_OTHER = re.compile(rf"{_AT_WORD}(?:{_DAY}(?![\w-])|\d)", re.IGNORECASE)
# a header at the start of a line: its opening word, a day's name, or a whole date or a time ("23 mar 2017 21:25 ...")
_DATE_START = (rf"(?:{_DAY}(?![\w-])|\d{{4}}[-/.年]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}"
               r"|\d{1,2}\.?\s+[^\W\d_]{1,5}\.?,?\s+\d{4}|\d{1,2}[:.h]\d{2}\b)")
_STARTS_WITH_DATE = re.compile(rf"^[-—–*\s]*{_DATE_START}", re.IGNORECASE)
_STARTS_AS_HEADER = re.compile(rf"^[-—–*\s]*(?:{_any(words.ATTRIBUTION_START)}(?=\s)|{_DATE_START})", re.IGNORECASE)
_INSIDE_AT_START = re.compile(rf"^{_any(words.INSIDE_ATTRIBUTION)}(?![\w-])", re.IGNORECASE)
_OPENING_AT_START = re.compile(rf"^[-—–*\s]*{_any(words.ATTRIBUTION_START)}(?=\s)", re.IGNORECASE)
_HEADER_HINT = re.compile(rf"@|&lt;|(?<![^\W\d_-]){_WROTE}(?![\w-])", re.IGNORECASE)


def _complete_header(content: str) -> bool:
    """A header by itself: a date or time and who wrote ("På 14 september 2015 ... (v@rudy.be) skrev:")."""
    return bool(_DATE_OR_TIME.search(content)) and is_attribution(content)


def _who_and_when(content: str) -> bool:
    """A line with a date or time and an address holds a header's who and when: not the tail of the line above."""
    return bool(_DATE_OR_TIME.search(_ADDRESS.sub("", content))) and bool(_ADDRESS.search(content))


def _written_by_a_client(text: str) -> bool:
    """A header that ends someone's words on the same line: with an address, or a year and a time."""
    evidence = bool(_ADDRESS.search(text)) or "&lt;" in text or bool(_YEAR.search(text) and _TIME.search(text))
    return evidence and is_attribution(text)


def _separate_header(raw: str, following: Sequence[str]) -> list[str]:
    """``raw`` as one line, or as the person's words and the reply header that follows them on the same line.

    A header that begins the line stays whole. Inside a line, a header must be one by itself (alone, or
    with the next lines when wrapped), written as a client writes it, and begin where a header opens.
    Words in front of a header we cannot place stay the person's: a few extra words read, never words lost.
    """
    if len(raw) > 400 or not _HEADER_HINT.search(" ".join([raw, *following])):
        return [raw]
    match = _QUOTE_PREFIX.match(raw)
    prefix, content = (raw[: match.end()], raw[match.end() :]) if match else ("", raw)
    tails: list[str] = []
    for line in following:  # a wrapped header goes on in the next lines, up to a blank one or a header of its own
        tail = _QUOTE_PREFIX.sub("", line).strip()
        if not tail or _complete_header(tail):
            break
        tails.append(tail)

    def wrapped(rest: str) -> list[str]:
        return [" ".join([rest, *tails[:n]]) for n in range(len(tails) + 1)]

    # a header that begins the line: a word opens one with its verb ("Op ... schreef"), a date or a day any one
    worded = bool(_OPENING_AT_START.match(content))
    whole = bool(_STARTS_AS_HEADER.match(content)) and any(
        is_attribution(c) and (not worded or _ATTRIBUTION.match(_clean(c))) for c in wrapped(content))

    def begins_here(start: int, needs_verb: bool) -> bool:
        own, rest = content[:start].rstrip(" \t-—–*"), content[start:]
        if not re.search(r"\w", own):
            return False
        if _STARTS_AS_HEADER.match(own) and _DIGIT.search(own) and not _YEAR.search(rest):
            return False  # the date of the same header ("Στις Τετ 30 Απρ 2025 στις 15:19, ...")
        dated = bool(_TIME.search(own) or _YEAR.search(own))
        if whole and not needs_verb and not (_STARTS_AS_HEADER.match(rest) and dated):
            return False  # inside the header that begins the line ("23 mar 2017 21:25 ..."), not a second one
        return any(_written_by_a_client(c) and (not needs_verb or _ATTRIBUTION.match(_clean(c))) for c in wrapped(rest))

    # the last place a header could begin: a date the person wrote before it ("Ik kom op di. 12 maart, Op 11 mrt.
    # 2025 om 10:15 schreef ...") stays theirs; a header that opens with a word needs its verb
    for opening, needs_verb in ((_OPENING_WORD, True), (_OPENING_OTHER, False)):
        for found in reversed(list(opening.finditer(content))):
            if begins_here(found.start(), needs_verb):
                return [prefix + content[: found.start()].rstrip(" \t-—–*"), prefix + content[found.start() :]]
    return [raw]


def _attribution_length(lines: Sequence[ReplyLine], index: int) -> int:
    """How many lines (1-6) make up an attribution starting here; 0 when none does.

    Gmail wraps a long one before the address ("... schreef Jan <" / "jan@example.nl>:"), sometimes
    across blank lines; the '>' of "<address>" can then look like a quote mark on the next line.
    """
    first = lines[index]
    if is_attribution(first.content):
        return 1
    if first.content.endswith((".", "!", "?")) and "<" not in first.content and "@" not in first.content:
        return 0  # a sentence of its own, not the first half of a header
    opens = bool(_STARTS_AS_HEADER.match(first.content)) and bool(_DIGIT.search(first.content))
    if not (opens or len(first.content) >= 30 or first.content.endswith("<")):
        return 0  # a header wraps when it is long, and its first line opens as one, with its date
    blanks_allowed = bool(_STRONG_START.match(first.content))
    parts = [first.content]
    for end in range(index + 1, min(index + 6, len(lines))):
        line = lines[end]
        if line.blank:
            if not blanks_allowed:
                return 0
            continue
        quoted_tail = line.depth == first.depth + 1 and len(line.content) <= 40
        if line.depth != first.depth and not quoted_tail:
            return 0
        unfinished = parts[-1].endswith((",", "<", "("))  # "On Nov 21, 2014," / "at 10:18," / "Name <addr>"
        header_of_its_own = (
            _complete_header(line.content)
            or (_STARTS_WITH_DATE.match(line.content) and _DIGIT.search(line.content))
            or (_STRONG_START.match(line.content) and not _INSIDE_AT_START.match(line.content))
            or (not parts[-1].endswith("<") and _who_and_when(line.content))
        )
        if header_of_its_own or not unfinished and (
            _STRONG_START.match(line.content)
            or (_STARTS_LIKE_ATTRIBUTION.match(line.content) and is_attribution(line.content))
        ):
            return 0  # the next line is a header by itself: this one is the person's own
        parts.append(line.content)
        if is_attribution(" ".join(parts)) and _DIGIT.search(_ADDRESS.sub("", " ".join(parts))):
            return end - index + 1  # a header long enough to wrap has its date
        if quoted_tail or len(parts) >= 4:
            return 0
    return 0


def _field_block_length(lines: Sequence[ReplyLine], index: int) -> int:
    """An embedded header block: From/Van first, then Sent/Date, To, Subject... (wrapped values allowed)."""
    if index >= len(lines) or _field_kind(lines[index].content) not in ("from", "date"):
        return 0
    depth = lines[index].depth
    kinds: set[str] = set()
    end = index
    for j in range(index, min(index + 14, len(lines))):
        line = lines[j]
        if line.blank or line.depth != depth:
            break
        kind = _field_kind(line.content)
        if kind is not None:
            kinds.add(kind)
            end = j + 1
        elif j == index or line.content.endswith((".", "!", "?")) or len(line.content) > 100:
            break
    if "from" in kinds and ("date" in kinds and ("subject" in kinds or "to" in kinds) or {"subject", "to"} <= kinds):
        return end - index
    return 0


def skip_blanks(lines: Sequence[ReplyLine], index: int, most: int = 2) -> int:
    after = index
    while after < len(lines) and lines[after].blank and after - index < most:
        after += 1
    return after


def quote_header_length(lines: Sequence[ReplyLine], index: int) -> int:
    """How many lines starting at ``index`` form a quote header (0: none starts here)."""
    first = lines[index].content
    if not first:
        return 0
    size = _attribution_length(lines, index)
    if size:
        return size
    separator = bool(_SEPARATOR.match(_clean(first)))
    if separator or _DELIMITER.match(first):
        after = skip_blanks(lines, index + 1)
        fields = _field_block_length(lines, after)
        return (after - index) + fields if fields else int(separator)
    return _field_block_length(lines, index)


def is_delimiter(content: str) -> bool:
    """A line of only dashes, underscores, stars ...: what clients put above a signature or an original."""
    return bool(_DELIMITER.match(content.replace(" ", "")))
