"""Which part of a reply the person wrote: the one place mailbot tells their words from ours.

Every decision about a person starts from their own words, and our mails say things like
"Wilt u toch niet meedoen? Schrijf het in uw antwoord", so a quoted copy of our mail must
never count as theirs. ``split_body`` divides a body into:

- ``new_text``: what the person wrote, their sign-off included ("Groet, Peter" is theirs);
- ``sign_off``: that closing, also given on its own;
- ``signature`` and ``disclaimer``: a device line ("Verstuurd vanaf mijn iPhone"), a ``-- `` block,
  a legal footer; dropped from ``new_text``;
- ``quote_header`` and ``quoted``: the line(s) that introduce the original and the original itself,
  ``>``-quoted or embedded unquoted below an Outlook or forward header;
- ``ours``: lines of mails we sent (given by the caller) found outside any quote;
- ``set_aside``: the words outside the quote not read as new text (a signature or disclaimer block):
  when new_text is empty, a person reads these.

Where a quote begins is ``mailbot.mail.quote_headers`` (shared with the answers parser, as are
``is_signature_start``, ``is_sign_off`` ... here): one quote detector. When in doubt, words are kept
rather than lost (tests/mail/test_split_properties.py states it for any text and the reply headers of
25+ languages and clients).
Pure: text in, frozen dataclass out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from mailbot.mail import reply_words as words
from mailbot.mail.quote_headers import (
    ReplyLine,
    is_attribution,
    is_delimiter,
    quote_header_length,
    skip_blanks,
    split_lines,
    text_lines,
)

__all__ = ["ReplyLine", "SplitBody", "is_attribution", "is_delimiter", "quote_header_length", "split_body",
           "split_lines"]
_any = words.alternation


# ---------------------------------------------------------------- signatures, sign-offs, greetings

_SIGN_OFF = re.compile(rf"^{_any(words.SIGN_OFFS)}(?![\w-])[\s,.!:;]*(?P<rest>.*)$", re.IGNORECASE)
_SIGNED_NAME = re.compile(r"^(?:-{1,2}|—|–|/{1,2})\s?[^\W\d_][\w.' -]{0,40}$")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_DEVICE = re.compile(rf"^[\s(<]*{_any(words.DEVICE_SIGNATURES)}[\s)>.!]*$", re.IGNORECASE)
_DISCLAIMER = re.compile(rf"^\W*{_any(words.DISCLAIMERS)}", re.IGNORECASE)
_SALUTATION = re.compile(rf"^{_any(words.SALUTATIONS)}\b[^.?!]{{0,60}}[,!:]?$", re.IGNORECASE)


def is_sign_off(content: str) -> bool:
    """A closing line: the phrase, then at most a short name ("Groeten, Jan", "Best regards")."""
    match = _SIGN_OFF.match(content)
    return match is not None and len(match.group("rest").split()) <= 3


def is_device_signature(content: str) -> bool:
    text = _MARKDOWN_LINK.sub(r"\1", content)
    text = re.sub(r"<https?://[^>]*>|https?://\S+", "", text).strip()
    return 0 < len(text.split()) <= 14 and bool(_DEVICE.match(text))


def is_disclaimer_start(content: str) -> bool:
    return bool(_DISCLAIMER.match(content[:300]))  # the opening words decide; a huge line must not cost seconds


def is_signature_start(content: str) -> bool:
    """A line from which on nothing carries answers: a closing, a device line, a disclaimer, '--'."""
    return (
        is_sign_off(content)
        or is_device_signature(content)
        or is_disclaimer_start(content)
        or content.strip() in ("--", "__")
    )


def is_salutation(content: str) -> bool:
    return len(content.split()) <= 6 and bool(_SALUTATION.match(content))


def looks_like_name(content: str) -> bool:
    """A lone sign-off name ("Jan", "Jan de Vries") left at the end of a reply."""
    parts = content.split()
    return (
        0 < len(parts) <= 4
        and not re.search(r"[.?!:;,0-9@]", content)
        and all(w[:1].isupper() or w in ("de", "van", "der", "den", "ter") for w in parts)
    )


# ---------------------------------------------------------------- the split


class _Role(Enum):
    OWN = "own"
    QUOTED = "quoted"  # '>'-quoted, a quote header, or the original embedded below one
    SIGNATURE = "signature"
    DISCLAIMER = "disclaimer"
    OURS = "ours"


@dataclass(frozen=True)
class SplitBody:
    new_text: str  # what the person wrote, sign-off included; no quotes, signatures, disclaimers or our lines
    sign_off: str = ""  # the closing at the end of new_text ("Met vriendelijke groet,\nPeter Vos")
    signature: str = ""  # device lines ("Sent from my iPhone") and '-- ' blocks, left out of new_text
    disclaimer: str = ""  # legal footers, left out of new_text
    quote_header: str = ""  # the first line(s) introducing a quoted or embedded original
    quoted: str = ""  # the quoted and embedded originals, with their headers
    ours: str = ""  # lines of our own mails found outside any quote, left out of new_text
    # words outside the quote not read as new text: signature and disclaimer lines, device lines ("Sent from my
    # iPhone") and delimiters left out. With an empty new_text, these are the words a person must read.
    set_aside: str = ""


_SUPERCITE = re.compile(r"^\s*[A-Za-z]{1,8}>(?:\s|$)")  # "Richard> ...": an old style of quoting
_MIN_OURS_WORDS = 3  # shorter lines ("Beste Jan,", "Ja") are too common to tell whose they are
_STRONG_OURS_WORDS = 8  # a line this long that we sent is ours wherever it stands


def split_body(text: str, ours: Iterable[str] = ()) -> SplitBody:
    """Divide a reply body into the person's words and the rest; ``ours``: texts of mails we sent."""
    raw, lines, read, header = _read(text)
    roles = list(read)
    sent = [t for t in ours if t and t.strip()]
    if sent:
        _mark_ours(lines, roles, sent)
    own = _joined(raw, roles, _Role.OWN)
    return SplitBody(
        new_text=own,
        sign_off=_sign_off(own),
        signature=_joined(raw, roles, _Role.SIGNATURE),
        disclaimer=_joined(raw, roles, _Role.DISCLAIMER),
        quote_header=header,
        quoted=_joined(raw, roles, _Role.QUOTED),
        ours=_joined(raw, roles, _Role.OURS),
        set_aside=_set_aside(lines, roles),
    )


@lru_cache(maxsize=256)  # a reply is split when parsed and again against our mail it answers
def _read(text: str) -> tuple[tuple[str, ...], tuple[ReplyLine, ...], tuple[_Role, ...], str]:
    """The text's lines as written and as read, and each line's role before our own mails are looked for."""
    raw = tuple(line.rstrip() for line in text_lines(text))
    lines = tuple(split_lines(text))
    roles, header = _roles(lines, raw)
    return raw, lines, tuple(roles), header


def _roles(lines: Sequence[ReplyLine], raw: Sequence[str]) -> tuple[list[_Role], str]:
    """Walk the body once: quote headers and what they introduce, quotes, signatures, the rest is own."""
    roles = [_Role.OWN] * len(lines)
    code = _code_lines(lines)
    first_text = next((i for i, line in enumerate(lines) if line.content), len(lines))
    first_header = ""
    tail: _Role | None = None  # inside a signature or disclaimer, until the next quote
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in code:
            roles[index] = tail or _Role.OWN
            index += 1
            continue
        size = quote_header_length(lines, index)
        if size:
            first_header = first_header or "\n".join(x.content for x in lines[index : index + size] if x.content)
            roles[index : index + size] = [_Role.QUOTED] * size
            following = skip_blanks(lines, index + size, most=len(lines))
            if line.depth == 0 and following < len(lines) and lines[following].depth == 0 and index > first_text:
                # the original follows unquoted (Outlook, forwards): everything below is history
                roles[index:] = [_Role.QUOTED] * (len(lines) - index)
                break
            # a '>'-quote follows, and text after it is the person's again (inline or bottom replies);
            # with nothing above the header (a forward, a client that puts it on top) the text below it is theirs
            tail = None
            index += size
            continue
        if line.depth > 0 or _SUPERCITE.match(raw[index]):
            roles[index], tail = _Role.QUOTED, None
        elif line.blank:
            roles[index] = tail or _Role.OWN
        elif tail is not None:
            tail = _Role.DISCLAIMER if is_disclaimer_start(line.content) else tail
            roles[index] = tail
        else:
            tail = _tail_starting(lines, index)
            roles[index] = tail or _Role.OWN
        index += 1
    return roles, first_header


def _code_lines(lines: Sequence[ReplyLine]) -> set[int]:
    """Lines inside ``` fences of the person's own text: never headers or signatures. An unclosed fence counts not."""
    fences = [i for i, line in enumerate(lines) if line.depth == 0 and line.content.startswith("```")]
    return {i for start, end in zip(fences[::2], fences[1::2], strict=False) for i in range(start, end + 1)}


def _tail_starting(lines: Sequence[ReplyLine], index: int) -> _Role | None:
    """Whether a signature or disclaimer starts at this unquoted line."""
    content = lines[index].content
    if is_disclaimer_start(content):
        return _Role.DISCLAIMER
    if is_device_signature(content) or content in ("--", "ᐧ"):
        return _Role.SIGNATURE
    if not is_delimiter(content):
        return None
    underline = content[0] in "-=" and index > 0 and not lines[index - 1].blank and lines[index - 1].depth == 0
    if underline:
        return None  # a Markdown heading's underline
    return _Role.SIGNATURE if _reads_like_signature(lines, index + 1) else None


def _reads_like_signature(lines: Sequence[ReplyLine], start: int) -> bool:
    """What follows a delimiter line is a signature when it holds no sentences, only a few short lines."""
    count = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.depth > 0 or quote_header_length(lines, index):
            break
        if line.blank:
            continue
        if is_device_signature(line.content) or is_disclaimer_start(line.content):
            return True
        count += 1
        sentence = len(line.content.split()) >= 6 and line.content.endswith((".", "!", "?"))
        if sentence or count > 10:
            return False
    return True


def _set_aside(lines: Sequence[ReplyLine], roles: Sequence[_Role]) -> str:
    """The words of signature and disclaimer lines; what a client adds by itself (device lines, '--') left out."""
    kept = [
        line.content for line, role in zip(lines, roles, strict=True)
        if role in (_Role.SIGNATURE, _Role.DISCLAIMER) and re.search(r"\w", line.content)
        and not is_device_signature(line.content) and not is_delimiter(line.content)
    ]
    return "\n".join(kept)


def _joined(raw: Sequence[str], roles: Sequence[_Role], role: _Role) -> str:
    """The lines of one role, with the blank lines between them; a blank line goes with the line above."""
    picked = []
    current = _Role.OWN
    for line, line_role in zip(raw, roles, strict=True):
        if line.strip():
            current = line_role
        if current is role:
            picked.append(line)
    return "\n".join(picked).strip("\n").rstrip()


def _sign_off(own: str) -> str:
    """The closing at the end of the person's text: from "Groet," (or a signed "-- Jan") to the end."""
    lines = own.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for count, index in enumerate(reversed(filled)):
        content = lines[index].strip()
        if count > 6 or (len(content.split()) >= 6 and content.endswith((".", "?", "!"))):
            break  # a closing is followed by a name and perhaps a title or phone number, not by sentences
        signed = _SIGNED_NAME.match(content) and content.lstrip("-—–/ ")[:1].isupper()
        if is_sign_off(content) or (count == 0 and signed):
            return "\n".join(lines[index:]).strip()
    return ""


# ---------------------------------------------------------------- our own text


def _key(content: str) -> str:
    return " ".join(content.split()).casefold()


def _mark_ours(lines: Sequence[ReplyLine], roles: list[_Role], sent: Sequence[str]) -> None:
    """Take lines of our own mails out of the person's text, even with no quote header above them.

    A long line (``_STRONG_OURS_WORDS``) that we sent is ours anywhere. A shorter one only where it
    stands in a paragraph with one of ours, or in the run of our lines that ends the text: a
    participant who types "ik kan helaas niet" under our question must keep those words.
    Lines of fewer than ``_MIN_OURS_WORDS`` words are never matched.
    """
    ours_keys = {_key(line.content) for text in sent for line in split_lines(text) if line.content}
    matches = [roles[i] is _Role.OWN and _key(line.content) in ours_keys for i, line in enumerate(lines)]
    size = [len(line.content.split()) for line in lines]
    for i in range(len(lines)):
        if matches[i] and size[i] >= _STRONG_OURS_WORDS:
            roles[i] = _Role.OURS
    for paragraph in _paragraphs(lines, roles):
        if any(roles[i] is _Role.OURS for i in paragraph):
            for i in paragraph:
                if matches[i] and size[i] >= _MIN_OURS_WORDS:
                    roles[i] = _Role.OURS
    # the end of a pasted mail of ours (its closing, our name) follows its last long line
    own = [i for i, line in enumerate(lines) if roles[i] in (_Role.OWN, _Role.OURS) and line.content]
    run = []
    for i in reversed(own):
        if roles[i] is not _Role.OURS and not matches[i]:
            break
        run.append(i)
    ours_in_run = [i for i in run if roles[i] is _Role.OURS]
    if ours_in_run:
        for i in run:
            if i > min(ours_in_run):
                roles[i] = _Role.OURS


def _paragraphs(lines: Sequence[ReplyLine], roles: Sequence[_Role]) -> list[list[int]]:
    """Runs of consecutive non-blank own lines."""
    found: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.content and roles[i] in (_Role.OWN, _Role.OURS):
            current.append(i)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found
