"""Answers given inside our questionnaire: typed under (or onto) a question, or marked ``[x]``.

The questionnaire is found quoted (``> 1. Question``, Gmail, Apple Mail, Thunderbird)
or unquoted under an Outlook header block. A line belongs to the participant when it is
less deeply quoted than our questions, or, when we know the text we sent, when we did
not send it. Without the sent text, an unknown line at the questions' own depth is
taken as typed in, except after the last question, where our closing words follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from mailbot.answers.layout import (
    Layout,
    OptionLine,
    QuestionHit,
    is_instruction,
    option_line,
    placeholder_value,
)
from mailbot.answers.questionnaire import AnswerValue
from mailbot.answers.values import Evidence, Remark, resolve
from mailbot.mail.split import ReplyLine, is_salutation, looks_like_name

_BARE_MARK = re.compile(r"^(?:[xX✓✔*]|\(\s*[xX]\s*\))\s+(.+)$")


class Origin(Enum):
    PARTICIPANT = "participant"
    OURS = "ours"
    UNKNOWN = "unknown"  # at the questions' depth, and the sent text is not known
    HISTORY = "history"  # quoted deeper than our questions: older mail


@dataclass(frozen=True)
class InlineResult:
    answers: dict[str, AnswerValue]
    remarks: list[Remark]
    typed: dict[str, str] = field(default_factory=dict)  # question id -> what was written or marked at it


@dataclass(frozen=True)
class Region:
    """The lines around one occurrence of the questionnaire."""

    start: int  # first line after the quote header that introduces it
    end: int  # the next quote header, or the end of the text
    hits: Sequence[QuestionHit]
    signature: Sequence[bool]  # per reply line: inside a signature or disclaimer


def parse_inline(lines: Sequence[ReplyLine], region: Region, layout: Layout, lang: str) -> InlineResult:
    depth = min(lines[hit.line].depth for hit in region.hits)
    reader = _Reader(lines, region, layout, depth)
    answers: dict[str, AnswerValue] = {}
    typed: dict[str, str] = {}
    remarks = reader.remarks_between(region.start, region.hits[0].line)
    questions = layout.questionnaire.questions
    found = []
    for number, hit in enumerate(region.hits):
        last = number == len(region.hits) - 1
        stop = region.end if last else region.hits[number + 1].line
        found.append((hit, *reader.evidence(hit, stop, last), last))
    _unmark([evidence for _, evidence, _, _ in found])
    for hit, evidence, after, last in found:
        question = questions[hit.question]
        outcome = resolve(question, evidence, lang)
        kept = [m.label for m in evidence.marks] if evidence.kept_by_deleting() else []
        # "Nee (juni gaat niet)": options kept by deleting the others are written too
        written = [evidence.typed_text(), *(m.label for m in evidence.marks if m.marked), *kept]
        if any(written):
            typed[question.id] = " ".join(w for w in written if w)
        if outcome.value is not None:
            answers[question.id] = outcome.value
        remarks.extend(outcome.remarks)
        if last:
            remarks.extend(reader.remarks_between(after, region.end))
    return InlineResult(answers, remarks, typed)


_MARKER = re.compile(r"^\s*(\[[^\]\s]{1,12}\]|\([^)\s]{1,6}\)|[A-Z]{2,4}\s*[:>]|-->?|=>|>>)\s*")
_MARKED_ANSWERS = 2


def _unmark(evidences: list[Evidence]) -> None:
    """The mark someone puts before each answer to set it apart ("[HV] Noviomed BV", "--> ja") is no part of it:
    taken off when at least two answers start with it."""
    starts = [m.group(1) for e in evidences for t in e.typed[:1] if (m := _MARKER.match(t))]
    common = {mark for mark in starts if starts.count(mark) >= _MARKED_ANSWERS}
    for evidence in evidences:
        evidence.typed = [_MARKER.sub("", t, count=1) if (m := _MARKER.match(t)) and m.group(1) in common else t
                          for t in evidence.typed]
        evidence.typed = [t for t in evidence.typed if t.strip()]


class _Reader:
    def __init__(self, lines: Sequence[ReplyLine], region: Region, layout: Layout, depth: int) -> None:
        self.lines = lines
        self.region = region
        self.layout = layout
        self.depth = depth

    def origin(self, line: ReplyLine) -> Origin:
        if line.depth > self.depth:
            return Origin.HISTORY
        if line.depth < self.depth:
            return Origin.PARTICIPANT
        sent = self.layout.was_sent(line)
        if sent is None:
            return Origin.UNKNOWN
        return Origin.OURS if sent else Origin.PARTICIPANT

    def evidence(self, hit: QuestionHit, stop: int, last: bool) -> tuple[Evidence, int]:
        """What the participant left at one question, and where its block really ended."""
        evidence = Evidence(offered=self.layout.offered(hit.question))
        evidence.add_typed(hit.remainder)
        gap = False  # a blank line since our last rendered line or the participant's text
        previous_option: OptionLine | None = None
        for index in range(hit.end, stop):
            line = self.lines[index]
            if line.blank:
                gap, previous_option = True, None
                continue
            if previous_option and line.depth == self.depth and self._wraps(previous_option, line.content):
                # The client wrapped a long option line: glue the rest back to its label.
                merged = OptionLine(previous_option.marked, f"{previous_option.label} {line.content}", None)
                evidence.marks[-1] = previous_option = merged
                continue
            previous_option = None
            if self.region.signature[index] and line.depth <= self.depth:
                if last:
                    return evidence, index
                continue
            origin = self.origin(line)
            if origin is Origin.HISTORY:
                if last:
                    return evidence, index
                continue
            option = option_line(line.content)
            typed_on_placeholder = placeholder_value(line.content)
            if option is not None:
                evidence.marks.append(option)
                previous_option = option
            elif typed_on_placeholder is not None:
                evidence.add_typed(typed_on_placeholder)
            elif is_instruction(line.content):
                continue
            elif origin is Origin.OURS:
                if last:
                    return evidence, index
            elif (bare := _BARE_MARK.match(line.content)) and self.layout.is_option_name(bare.group(1)):
                # "X Rijksoverheid": the brackets were typed over.
                evidence.marks.append(OptionLine(True, bare.group(1), None))
            elif last and gap and (origin is Origin.UNKNOWN or evidence.typed):
                # After the last question: our closing words, or the participant's next paragraph.
                return evidence, index
            else:
                evidence.add_typed(line.content)
            gap = False
        return evidence, stop

    def _wraps(self, option: OptionLine, content: str) -> bool:
        return not self.layout.is_option_name(option.label) and self.layout.is_option_name(
            f"{option.label} {content}"
        )

    def remarks_between(self, start: int, stop: int) -> list[Remark]:
        """The participant's own paragraphs outside any question."""
        remarks: list[str] = []
        paragraph: list[str] = []
        for index in range(start, stop):
            line = self.lines[index]
            own = (
                not line.blank
                and not self.region.signature[index]
                and self.origin(line) is Origin.PARTICIPANT
                and option_line(line.content) is None
                and placeholder_value(line.content) is None
                and not is_salutation(line.content)
            )
            if own:
                paragraph.append(line.content)
            elif paragraph:
                remarks.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            remarks.append(" ".join(paragraph))
        return [Remark(r) for r in remarks if not looks_like_name(r)]
