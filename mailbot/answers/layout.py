"""Recognising the lines of our own rendered questionnaire inside a reply.

The templates write ``N. Question``, ``[ ] Label`` and ``Antwoord:`` lines (see
``render.py``); a reply brings them back quoted, unquoted, marked or typed onto. When
the exact text we sent is known, any line equal to one of its lines is ours too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mailbot.answers.matching import fold, normalize, option_names
from mailbot.answers.questionnaire import Questionnaire, option_label
from mailbot.answers.render import ANSWER_PLACEHOLDERS, YES_NO_LABELS
from mailbot.mail.split import ReplyLine

# a mark between the brackets is an x, a tick, a star: "[HV] my answer" is someone's initials, typed text
_OPTION_LINE = re.compile(r"^(?P<pre>[xX*vV✓✔☒]\s*)?[-*•]?\s*\[(?P<mark>[\sxXvV✓✔*+•_-]{0,3})\]\s*(?P<label>.*?)\s*$")
_MARK_AFTER = re.compile(r"^(?P<label>.+?)\s+(?:x|X|<-+|<=+|←|✓|✔)$")
# "[ ] Growing   <-- this one", "<-- also yes": an arrow back at the option, and a word about it
_ARROW_AFTER = re.compile(r"^(?P<label>.+?)\s+(?:<-+|<=+|←)\s+(?P<note>[^<>]{1,30})$")
_NOT = re.compile(r"\b(?:niet|geen|not|no|nicht|kein\w*|pas)\b", re.IGNORECASE)
_MARK_BEFORE = re.compile(r"^(?:x|X|✓|✔)\s+(?P<label>.+)$")
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.):]\s*\S")
_PLACEHOLDER_WORDS = "|".join(re.escape(p.rstrip(":").lower()) for p in ANSWER_PLACEHOLDERS.values())
_PLACEHOLDER = re.compile(rf"^(?:uw |your )?(?:{_PLACEHOLDER_WORDS}|antw)\s*[:.]\s*(?P<value>.*)$", re.I)


@dataclass(frozen=True)
class QuestionHit:
    line: int  # index of the question line in the reply
    end: int  # index of the first line after it (a wrapped question takes two)
    question: int  # index into questionnaire.questions
    remainder: str  # what the participant typed behind the question on the same line


@dataclass(frozen=True)
class OptionLine:
    marked: bool
    label: str
    loose_label: str | None  # the label without a mark typed beside the brackets ("[ ] Bedrijf x")


def option_line(content: str) -> OptionLine | None:
    match = _OPTION_LINE.match(content)
    if not match:
        return None
    label = match.group("label")
    mark = match.group("mark").strip().strip("_-")
    if mark or match.group("pre"):
        return OptionLine(True, label, None)
    beside = _MARK_AFTER.match(label) or _MARK_BEFORE.match(label)
    arrow = _ARROW_AFTER.match(label)
    if beside is None and arrow is not None and not _NOT.search(arrow.group("note")):
        beside = arrow
    return OptionLine(False, label, beside.group("label") if beside else None)


def placeholder_value(content: str) -> str | None:
    """The text typed on an ``Antwoord:`` line ("" when still empty); None for other lines."""
    match = _PLACEHOLDER.match(content)
    return match.group("value").strip() if match else None


def is_instruction(content: str) -> bool:
    """Our one-line instruction mentions the brackets mid-sentence."""
    lowered = content.lower()
    return ("[x]" in lowered or "[ ]" in lowered) and option_line(content) is None


class Layout:
    """Knows our rendered lines for one questionnaire (and the exact sent text, if given)."""

    def __init__(self, questionnaire: Questionnaire, sent_text: str | None) -> None:
        self.questionnaire = questionnaire
        texts = [
            (index, text)
            for index, question in enumerate(questionnaire.questions)
            for text in dict.fromkeys(question.question.values())
        ]
        # Longest first, so a short question that starts a longer one cannot steal its line.
        texts.sort(key=lambda pair: -len(pair[1]))
        self._patterns = [(index, _question_pattern(text)) for index, text in texts]
        self._sent_lines: frozenset[str] | None = None
        self._sent_words = ""
        if sent_text is not None:
            self._sent_lines = frozenset(line_key(line) for line in sent_text.splitlines() if line.strip())
            self._sent_words = f" {normalize(sent_text)} "
        self._option_names = frozenset(
            name for question in questionnaire.questions for o in question.options for name in option_names(o)
        )

    def is_option_name(self, text: str) -> bool:
        return normalize(text) in self._option_names

    @property
    def knows_sent_text(self) -> bool:
        return self._sent_lines is not None

    def question_at(self, lines: Sequence[ReplyLine], index: int) -> QuestionHit | None:
        line = lines[index]
        hit = self._match_question(line.content)
        if hit is not None:
            question, remainder = hit
            return QuestionHit(index, index + 1, question, remainder)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following
            and following.content
            and following.depth == line.depth
            and _NUMBERED.match(line.content)
        ):
            hit = self._match_question(f"{line.content} {following.content}")
            if hit is not None:
                return QuestionHit(index, index + 2, hit[0], hit[1])
        return None

    def _match_question(self, content: str) -> tuple[int, str] | None:
        folded = fold(content)
        for index, pattern in self._patterns:
            match = pattern.match(folded)
            # A number in front must be the one we rendered: "3. <text of question 5>" is an
            # answer that happens to quote a question, not question 5 itself.
            if match and match.group("number") in (None, str(index + 1)):
                return index, content[match.end() :].strip()
        return None

    def offered(self, question: int) -> tuple[str, ...] | None:
        """The option lines the mail as sent showed at a question, when we know it did show them all."""
        if self._sent_lines is None:
            return None
        asked = self.questionnaire.questions[question]
        if asked.type == "yesno":
            candidates = [tuple(labels) for labels in YES_NO_LABELS.values()]
        else:
            languages = dict.fromkeys(lang for o in asked.options for lang in o.label)
            candidates = [tuple(option_label(o, lang) for o in asked.options) for lang in languages]
        for labels in candidates:
            if labels and all(line_key(f"[ ] {label}") in self._sent_lines for label in labels):
                return labels
        return None

    def was_sent(self, line: ReplyLine) -> bool | None:
        """Whether the line is part of the mail we sent (None: the sent text is unknown)."""
        if self._sent_lines is None:
            return None
        if line_key(line.content) in self._sent_lines:
            return True
        # Quoted text may have been re-wrapped by the client: accept a fragment of ours.
        words = normalize(line.content)
        return (
            line.depth > 0
            and len(words.split()) >= 2
            and words not in self._option_names
            and f" {words} " in self._sent_words
        )


@lru_cache(maxsize=1024)  # a question's pattern is compiled once per process, not once per mail
def _question_pattern(text: str) -> re.Pattern[str]:
    words = re.findall(r"\w+", fold(text))
    body = r"[\W_]*".join(re.escape(w) for w in words)
    # Behind the question text: its own punctuation ("?", "(1-5)?", ":"), not what was typed.
    return re.compile(rf"^(?:0*(?P<number>\d{{1,2}})\s*[.):]?\s*)?{body}(?!\w)[^\w\[]*")


def line_key(content: str) -> str:
    """A line as compared with ours: its words, however spaced, in any case."""
    return " ".join(content.split()).casefold()
