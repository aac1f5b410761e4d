"""Reading a participant's answers from the text of their reply.

Where answers are found, in order of precedence:

1. a list the participant wrote above the quote (``toplist.py``); when there is one, the
   quoted mail below is history (a correction mail answers only what it lists);
2. otherwise inside the topmost copy of our questionnaire, quoted or not (``inline.py``).

Nothing is ever guessed: text that cannot be tied to a question is a remark, and a
question without a clear answer is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mailbot.answers.describe import describe_answer
from mailbot.answers.inline import Region, parse_inline
from mailbot.answers.layout import Layout, QuestionHit, line_key, option_line
from mailbot.answers.matching import normalize, option_names
from mailbot.answers.questionnaire import AnswerValue, Questionnaire
from mailbot.answers.toplist import labelled, parse_list
from mailbot.answers.values import Remark
from mailbot.mail.split import (
    ReplyLine,
    is_salutation,
    is_signature_start,
    looks_like_name,
    quote_header_length,
    split_lines,
)

__all__ = ["ParsedReply", "describe_answer", "looks_like_answers", "parse_reply"]

_ORGANISER_QUESTION = re.compile(
    r"\b(?:kunt u|kun je|kunnen jullie|zou u|zou je|zouden jullie|is het mogelijk|weet u|weten jullie"
    r"|graag hoor ik|ik vroeg me af|mag ik|can you|could you|would you|is it possible|do you know"
    r"|i was wondering|may i|please let me know|laat u (?:het|mij) weten)\b",
    re.IGNORECASE,
)
_NUMBERED_LINE = re.compile(r"^(\d{1,2})\s*[.):]\s*\S")
_LABELS_ENOUGH = 3  # "Label: answer" lines naming this many questions carry answers


@dataclass(frozen=True)
class ParsedReply:
    answers: dict[str, AnswerValue]  # only questions the participant really answered
    remarks: tuple[str, ...]  # free text not tied to a question (no signatures or quote headers)
    questions_for_organiser: tuple[str, ...]  # remarks or answers that ask the organiser something
    typed: dict[str, str] = field(default_factory=dict)  # question id -> what was written at it (marks included)


@dataclass(frozen=True)
class _Structure:
    lines: list[ReplyLine]
    headers: dict[int, int]  # first line of a quote header -> its length
    hits: list[QuestionHit]
    signature: list[bool]


def parse_reply(
    text: str, questionnaire: Questionnaire, lang: str, sent_text: str | None = None, replied_to: str | None = None
) -> ParsedReply:
    """``sent_text``: the questionnaire mail they answer; ``replied_to``: the text of the mail of ours they reply
    to (a reminder, say), whose lines quoted below their words are never their answers."""
    # the detectors of one mail ask for its reply twice (its answers, and the words that answer): read once
    key = (text, id(questionnaire), lang, sent_text, replied_to)
    known = _READ.get(key)
    if known is None or known[0] is not questionnaire:
        if len(_READ) >= _READ_MOST:
            _READ.clear()
        known = _READ[key] = (questionnaire, _parse_reply(text, questionnaire, lang, sent_text, replied_to))
    parsed = known[1]
    # a copy of the answers: what a caller does with its lists stays its own
    return ParsedReply({q: list(v) if isinstance(v, list) else v for q, v in parsed.answers.items()},
                       parsed.remarks, parsed.questions_for_organiser, dict(parsed.typed))


_READ_MOST = 64  # replies remembered (with the questionnaire each was read against, so its id stays its own)
_READ: dict[tuple[str, int, str, str | None, str | None], tuple[Questionnaire, ParsedReply]] = {}


def _parse_reply(text: str, questionnaire: Questionnaire, lang: str, sent_text: str | None,
                 replied_to: str | None) -> ParsedReply:
    layout = Layout(questionnaire, sent_text)
    structure = _structure(text, layout)
    lines = structure.lines
    top_end = min([*structure.headers, *(h.line for h in structure.hits), len(lines)])
    listed = parse_list(_own_lines(structure, layout, top_end), questionnaire, lang)
    answers, remarks, typed = dict(listed.answers), list(listed.remarks), dict(listed.typed)
    group = _first_group(structure)
    if not answers and group:
        start = max([top_end, *(i + n for i, n in structure.headers.items() if i + n <= group[0].line)])
        end = min([len(lines), *(i for i in structure.headers if i > group[-1].line)])
        if not _sent_text_fits(structure, layout, start, group):
            layout = Layout(questionnaire, None)
        found = parse_inline(lines, Region(start, end, group, structure.signature), layout, lang)
        answers, remarks, typed = found.answers, remarks + found.remarks, {**typed, **found.typed}
    if not answers and not structure.hits and top_end < len(lines):
        # answers typed below the quote ("Op ... schreef:", a cut "[...]", then "1 - ..."): their own lines there
        ours = {line_key(line) for line in (replied_to or "").splitlines() if line.strip()}
        below = parse_list([line if line_key(line) not in ours else ""
                            for line in _own_lines(structure, layout, len(lines), start=top_end)], questionnaire, lang)
        if below.answers:
            answers, remarks, typed = dict(below.answers), remarks + below.remarks, {**typed, **below.typed}
    remarks = [r for r in dict.fromkeys(remarks) if r.text.strip() and not looks_like_name(r.text)]
    return ParsedReply(
        answers,
        tuple(str(r) for r in remarks),
        _organiser_questions(answers, remarks, questionnaire),
        typed,
    )


def looks_like_answers(text: str, questionnaire: Questionnaire) -> bool:
    """Whether the text carries our questionnaire (quoted or not) or a numbered answer list."""
    structure = _structure(text, Layout(questionnaire, None))
    needed = min(2, len(questionnaire.questions))
    if len({hit.question for hit in structure.hits}) >= needed:
        return True
    numbers = {
        int(m.group(1))
        for line in structure.lines
        if line.depth == 0 and (m := _NUMBERED_LINE.match(line.content))
    }
    if len(numbers & set(range(1, len(questionnaire.questions) + 1))) >= needed:
        return True
    own = [line.content for line in structure.lines if line.depth == 0]
    if len(labelled(own, questionnaire, "en") | labelled(own, questionnaire, "nl")) >= max(needed, _LABELS_ENOUGH):
        return True  # "Organisation: TNO", "Type: knowledge institution", "Host: no"
    names = {name for q in questionnaire.questions for o in q.options for name in option_names(o)}
    return any(
        (option := option_line(line.content)) is not None
        and option.marked
        and normalize(option.label) in names
        for line in structure.lines
    )


def _structure(text: str, layout: Layout) -> _Structure:
    lines = split_lines(text)
    headers: dict[int, int] = {}
    hits: list[QuestionHit] = []
    index = 0
    while index < len(lines):
        size = quote_header_length(lines, index)
        if size:
            headers[index] = size
            index += size
            continue
        hit = layout.question_at(lines, index)
        if hit:
            hits.append(hit)
            index = hit.end
            continue
        index += 1
    return _Structure(lines, headers, hits, _signature_mask(lines, headers, hits))


def _signature_mask(
    lines: Sequence[ReplyLine], headers: dict[int, int], hits: Sequence[QuestionHit]
) -> list[bool]:
    """A signature runs from its first line ("Met vriendelijke groet") to a change of quote depth."""
    starts = {hit.line for hit in hits} | set(headers)
    mask = [False] * len(lines)
    depth: int | None = None
    for index, line in enumerate(lines):
        if index in starts:
            depth = None
        elif depth is not None and (line.blank or line.depth == depth):
            mask[index] = True
            continue
        else:
            depth = None
        if is_signature_start(line.content):
            depth = line.depth
            mask[index] = True
    return mask


def _own_lines(structure: _Structure, layout: Layout, stop: int, start: int = 0) -> list[str]:
    """The participant's unquoted lines from ``start`` to ``stop``; signatures, salutations, quote headers
    and our own text (when known) become blank lines."""
    own = []
    inside_header = {i for h, n in structure.headers.items() for i in range(h, h + n)}
    for index in range(start, stop):
        line = structure.lines[index]
        skip = (
            line.depth > 0
            or index in inside_header
            or structure.signature[index]
            or is_salutation(line.content)
            or bool(layout.was_sent(line))
        )
        own.append("" if skip else line.content)
    return own


def _sent_text_fits(structure: _Structure, layout: Layout, start: int, group: Sequence[QuestionHit]) -> bool:
    """Whether the quoted mail is the one we were told we sent.

    The runner may only know the last questionnaire mail while the participant replied to
    another one (a follow-up asking for the missing answers). Trusting the wrong text would
    make our own words look typed by the participant, so we check the text above the first
    question (greeting, instruction), where participants hardly ever type.
    """
    if not layout.knows_sent_text:
        return True
    depth = structure.lines[group[0].line].depth
    ours = [
        layout.was_sent(line)
        for line in structure.lines[start : group[0].line]
        if line.depth == depth and line.content and option_line(line.content) is None
    ]
    return len(ours) < 2 or sum(map(bool, ours)) >= 0.8 * len(ours)


def _first_group(structure: _Structure) -> list[QuestionHit]:
    """The topmost copy of the questionnaire: hits in question order, same depth, no header between."""
    group: list[QuestionHit] = []
    for hit in structure.hits:
        if group:
            previous = group[-1]
            same_copy = (
                hit.question > previous.question
                and structure.lines[hit.line].depth == structure.lines[previous.line].depth
                and not any(previous.line < h < hit.line for h in structure.headers)
            )
            if not same_copy:
                break
        group.append(hit)
    return group


def _organiser_questions(
    answers: dict[str, AnswerValue], remarks: Sequence[Remark], questionnaire: Questionnaire
) -> tuple[str, ...]:
    # A text answer ending in "?" is usually the participant's question for the learning
    # circle itself; only explicit requests in answers are meant for the organiser.
    texts = [
        value for qid, value in answers.items() if isinstance(value, str) and _is_text(questionnaire, qid)
    ]
    found = [str(r) for r in remarks if r.text.rstrip().endswith("?") or _ORGANISER_QUESTION.search(r.text)]
    found += [t for t in texts if _ORGANISER_QUESTION.search(t)]
    return tuple(dict.fromkeys(found))


def _is_text(questionnaire: Questionnaire, question_id: str) -> bool:
    question = questionnaire.get(question_id)
    return question is not None and question.type == "text"
