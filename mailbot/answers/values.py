"""From what a participant did at one question (marks, typed text) to its answer value.

Whatever cannot be turned into a value with confidence comes back as a remark, so the
organiser still sees it; two contradicting marks on a one-answer question give no answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mailbot.answers.layout import OptionLine
from mailbot.answers.matching import (
    match_option,
    match_options,
    match_scale,
    match_yes_no,
    normalize,
    option_names,
    yes_no_of_label,
)
from mailbot.answers.questionnaire import AnswerValue, Question, option_label
from mailbot.answers.render import YES_NO_LABELS
from mailbot.language.lexicon import Lexicon, lexicon
from mailbot.language.text import words

_YES_LABELS = tuple(yes for yes, _ in YES_NO_LABELS.values())
_NO_LABELS = tuple(no for _, no in YES_NO_LABELS.values())
_LONG_ENOUGH_FOR_A_REMARK = 4  # words; "Ja, graag" is an answer, not also a remark


@dataclass
class Evidence:
    """What the participant left at one question."""

    marks: list[OptionLine] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)
    offered: tuple[str, ...] | None = None  # the option lines the mail as sent showed here (when known)

    def add_typed(self, text: str) -> None:
        if text.strip():
            self.typed.append(text.strip())

    @property
    def empty(self) -> bool:
        return not self.typed and not any(self._marked_labels())

    def typed_text(self) -> str:
        return " ".join(" ".join(self.typed).split())

    def _marked_labels(self) -> list[str]:
        return [m.label for m in self.marks if m.marked]

    def kept_by_deleting(self) -> list[str]:
        """The option lines left standing when the participant deleted the others (and marked nothing):
        compared with the mail as sent, what is left is what they chose."""
        if not self.offered or self.typed or any(m.marked or m.loose_label for m in self.marks):
            return []
        offered = {normalize(label) for label in self.offered}
        labels = [m.label if normalize(m.label) in offered else _without_aside(m.label) for m in self.marks]
        kept = list(dict.fromkeys(normalize(label) for label in labels))
        if not kept or not set(kept) <= offered or len(kept) >= len(offered):
            return []
        return labels


_ASIDE = re.compile(r"\s*(?:\(.*\)|(?:->|→|=>|--?>)\s*.*|\s[-–]\s.*)$")


def _without_aside(label: str) -> str:
    """"Nee (juni gaat niet)", "Nee -> Eindhoven is te ver": the option, without what was written beside it."""
    return _ASIDE.sub("", label).strip() or label


@dataclass(frozen=True)
class Remark:
    """Free text of the participant, with the question it was left at (if any) for context."""

    text: str
    question: str = ""

    def __str__(self) -> str:
        return f"{self.question} → {self.text}" if self.question else self.text


@dataclass(frozen=True)
class Outcome:
    value: AnswerValue | None
    remarks: tuple[Remark, ...] = ()


def resolve(question: Question, evidence: Evidence, lang: str) -> Outcome:
    typed = evidence.typed_text()
    lex = lexicon(lang, "en" if lang != "en" else "nl")
    said = words(typed)
    if typed and (_deferred(said, lex) or (question.type == "text" and _deferred_first(typed, lex))
                  or (question.type != "text" and lex.has("doubt", said)
                      and not _no_with_doubt_about_part(question, typed, said, lex)
                      and not _chosen_after_doubt(question, typed, lex)
                      and not _plain_first_sentence(question, typed, lex))):
        # "-", "volgt nog", "n.v.t.", "weet ik niet", "hard to say - mature in parts": no answer, never a guess
        return Outcome(None, (_about(question, typed, lang),) if len(said) >= _LONG_ENOUGH_FOR_A_REMARK else ())
    if question.type == "text":
        marks = tuple(_about(question, f"[x] {m.label}", lang) for m in evidence.marks if m.marked)
        return Outcome(typed or None, marks)
    if question.type == "scale":
        return _scale(question, evidence, typed, lang)
    if question.type == "yesno":
        return _yes_no(question, evidence, typed, lang)
    return _choice(question, evidence, typed, lang)


_FIRST_SENTENCE = re.compile(r"^[^.!?]*[.!?]\s+\S")


def _plain_first_sentence(question: Question, typed: str, lex: Lexicon) -> bool:
    """"Heel graag. Wellicht is er in een volgende ronde ruimte voor ons?": a yes or no said plainly first, and a
    doubt only in what follows about something else."""
    if question.type != "yesno" or not _FIRST_SENTENCE.match(typed):
        return False
    first = words(re.split(r"[.!?]", typed, maxsplit=1)[0])
    return (lex.has("yes", first) or lex.has("no", first)) and not lex.has("doubt", first) \
        and not lex.has("condition", first)


def _scale(question: Question, evidence: Evidence, typed: str, lang: str) -> Outcome:
    candidates = [match_scale(m.label) for m in evidence.marks if m.marked]
    if typed:
        candidates.append(match_scale(typed))
    values = {c for c in candidates if c is not None}
    remarks = () if len(values) == 1 or not (typed or candidates) else (_about(question, typed, lang),)
    return Outcome(values.pop() if len(values) == 1 else None, remarks)


def _yes_no(question: Question, evidence: Evidence, typed: str, lang: str) -> Outcome:
    kept = evidence.kept_by_deleting()
    if len(kept) == 1:
        return Outcome(yes_no_of_label(kept[0], _YES_LABELS, _NO_LABELS))
    values: set[bool] = set()
    for mark in _effective_marks(evidence, [(y,) for y in _YES_LABELS + _NO_LABELS]):
        value = yes_no_of_label(mark, _YES_LABELS, _NO_LABELS)
        if value is not None:
            values.add(value)
    remarks: list[Remark] = []
    if typed:
        value = match_yes_no(typed)
        if value is None or len(typed.split()) >= _LONG_ENOUGH_FOR_A_REMARK:
            remarks.append(_about(question, typed, lang))
        if value is not None:
            values.add(value)
    if len(values) > 1:
        return Outcome(None, (_about(question, "ja en nee" if lang == "nl" else "yes and no", lang),))
    return Outcome(values.pop() if values else None, tuple(remarks))


_BRACKETED = re.compile(r"\([^()]*\)")


def _choice(question: Question, evidence: Evidence, typed: str, lang: str) -> Outcome:
    found: list[str] = []
    remarks: list[Remark] = []
    names = [tuple(option_names(o)) for o in question.options]
    kept = evidence.kept_by_deleting()
    if kept and (question.type == "multi" or len(kept) == 1):
        kept_ids = [match_option(label, question.options) for label in kept]
        if all(kept_ids):
            chosen_ids = [o.id for o in question.options if o.id in kept_ids]
            return Outcome(chosen_ids if question.type == "multi" else chosen_ids[0])
    for label in _effective_marks(evidence, names):
        option_id = match_option(label, question.options)
        if option_id is None:
            remarks.append(_about(question, f"[x] {label}", lang))
        else:
            found.append(option_id)
    if typed and question.type == "single":
        # "groeiend (al zeggen sommigen dat we volwassen zijn)": what stands in brackets is said beside the choice
        outside = " ".join(_BRACKETED.sub(" ", typed).split())
        if outside != typed and match_options(outside, question.options)[0]:
            typed = outside
    if typed:
        ids, _ = match_options(typed, question.options)
        whole = match_option(typed, question.options) if question.type == "single" and len(ids) < 2 else None
        if whole is not None:
            found.append(whole)
        else:
            ids, unmatched = match_options(typed, question.options)
            found.extend(ids)
            if unmatched or not ids:
                remarks.append(_about(question, typed, lang))
    chosen = [o.id for o in question.options if o.id in found]
    if question.type == "multi":
        return Outcome(chosen or None, tuple(remarks))
    if len(chosen) > 1 and typed:
        # "other, I'd say - we're a non-profit, not really a cluster organisation": what is denied is not chosen
        denied = denied_options(question, typed, lexicon(lang, "en" if lang != "en" else "nl"))
        chosen = [c for c in chosen if c not in denied] if len(denied) < len(chosen) else chosen
    if len(chosen) > 1:
        labels = " / ".join(option_label(o, lang) for o in question.options if o.id in chosen)
        return Outcome(None, (*remarks, _about(question, labels, lang)))
    return Outcome(chosen[0] if chosen else None, tuple(remarks))


def _effective_marks(evidence: Evidence, names: Sequence[tuple[str, ...]]) -> list[str]:
    """Labels of marked lines, plus lines marked beside the brackets when the rest is exactly a label."""
    known = {normalize(n) for group in names for n in group}
    labels = [m.label for m in evidence.marks if m.marked]
    labels += [m.loose_label for m in evidence.marks if m.loose_label and normalize(m.loose_label) in known]
    return labels


def _parts(typed: str) -> list[str]:
    """What was typed at a question, cut at punctuation and at a dash between words: "other, I'd say - ..."."""
    return [p for p in re.split(r"\s*(?:[.;,:!?()]|\s[-–]\s)\s*", typed) if p.strip()]


def denied_options(question: Question, typed: str, lex: Lexicon) -> set[str]:
    """The options named in what was typed only where a negation stands before them ("geen bedrijf", "not really
    a cluster organisation")."""
    named: dict[str, list[bool]] = {}
    for part in _parts(typed):
        for option_id in match_options(part, question.options)[0]:
            named.setdefault(option_id, []).append(lex.has("negation", words(part)))
    return {option_id for option_id, negated in named.items() if all(negated)}


def _chosen_after_doubt(question: Question, typed: str, lex: Lexicon) -> bool:
    """"Geen idee eigenlijk, voor de agrifood zou ik zeggen volwassen": the doubt first, then one option said
    without it. Not "misschien groeiend" (the option doubted) nor "volwassen of vernieuwing, ik twijfel"."""
    if question.type not in ("single", "multi"):
        return False
    parts = _parts(typed)
    naming = [i for i, p in enumerate(parts) if match_options(p, question.options)[0]]
    chosen = {o for i in naming for o in match_options(parts[i], question.options)[0]}
    doubted = [i for i, p in enumerate(parts) if lex.has("doubt", words(p))]
    return len(chosen) == 1 and bool(doubted) and all(i < naming[0] for i in doubted)


def _no_with_doubt_about_part(question: Question, typed: str, said: list[str], lex: Lexicon) -> bool:
    """"Nee, juni wordt lastig", "No - the other two probably not", "Nein, der Oktobertermin wird schwierig": a
    plain no first, and the doubt is about a part named after it (a month, a place): not all of it, so no."""
    if question.type != "yesno" or not said or not lex.has("no", said[:1]) or lex.has("yes", said):
        return False
    rest = re.split(r"^\W*\w+\s*[,;:.–—(-]+", typed.strip(), maxsplit=1)
    if len(rest) < 2:
        return False  # "nee weet ik niet": no separate part
    named = [t for t in re.findall(r"\w+", rest[1]) if t[:1].isupper() or t.isdigit()]
    times = [w for w in words(rest[1]) if any(w.startswith(t) for t in lex.words_of("time"))]
    return bool(named or times) and not _deferred(words(rest[1]), lex)


def _deferred(said: list[str], lex: Lexicon) -> bool:
    """Nothing but a dash, "volgt nog", "later", "n.v.t.": the answer is still to come."""
    if not said:
        return True
    spans = lex.spans("deferral", said)
    covered = {i for s, e in spans for i in range(s, e)}
    return len(said) <= 3 and bool(spans) and len(covered) >= len(said) - 1


_FIRST_PART = re.compile(r"[,;.:!?]")


def _deferred_first(typed: str, lex: Lexicon) -> bool:
    """"Daar kom ik op terug, ik wil eerst bij collega's navragen ...", "heb ik opengelaten": the answer says first
    that it is still to come; what follows is why, no answer."""
    first = words(_FIRST_PART.split(typed, maxsplit=1)[0])
    if not 0 < len(first) <= _DEFERRAL_WORDS:
        return False
    covered = {i for s, e in lex.spans("deferral", first) for i in range(s, e)}
    return bool(covered) and len(covered) >= len(first) - 2  # "daar kom ik op terug", "heb ik opengelaten"


_DEFERRAL_WORDS = 6


def _about(question: Question, text: str, lang: str) -> Remark:
    return Remark(text, question.text(lang))
