"""A correction of an answer in so many words: "bij vraag 7 bedoelde ik Nee", "vraag 5 moet Groeiend zijn",
"for question 3 I meant Company", "change question 2 to Rijksoverheid", "bij fase bedoelde ik Groeiend".

The question is named by its number in the mail the person answers (the version they saw) or by a short
label; the new value is read as an answer to that question. A correction we cannot place for certain
(no such question, a value that is no option) is never guessed and never "no answers found": it goes to
a person (``UNPLACED``).
"""

from __future__ import annotations

import re

from mailbot.answers.matching import normalize
from mailbot.answers.parse_reply import looks_like_answers
from mailbot.answers.prose import read_organisation, read_prose
from mailbot.answers.questionnaire import AnswerValue, Question
from mailbot.answers.toplist import question_named
from mailbot.answers.values import Evidence, resolve
from mailbot.answers.versions import carry_over
from mailbot.core.domain import ANSWERABLE_MAIL, Finding
from mailbot.understand.phrases import is_greeting
from mailbot.understand.reading import Found, Reading, Sentences

name = "correction"

_N = r"(?:(?:vraag|question|nummer|number|nr\.?|no\.?)\s*)?(?P<n>\d{1,2})"
_Q = r"(?:vraag|question|nummer|number|nr\.?|no\.?)\s*(?P<n>\d{1,2})"
_LABEL = r"(?:de vraag (?:over|naar) |the question (?:about|on) )?(?P<label>[^,.:;!?\d]{3,40}?)"
_V = r"(?P<v>[^.!;]+)"
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    # Dutch
    rf"\b(?:bij|voor|op|in)\s+{_N}\s*,?\s*(?:bedoelde|bedoel)\s+ik\s+(?:eigenlijk\s+|toch\s+)?{_V}",
    rf"\b{_Q}\s+(?:moet|dient)\s+(?:eigenlijk\s+|toch\s+)?{_V}\s+(?:zijn|worden|luiden)\b",
    rf"\b(?:wijzig|verander|pas)\s+(?:graag\s+)?(?:mijn\s+|het\s+)?(?:antwoord\s+(?:op|bij)\s+)?{_Q}\s+"
    rf"(?:graag\s+)?(?:aan\s+)?(?:in|naar)\s+{_V}",
    rf"\bhet antwoord (?:op|bij) {_Q}\s+(?:moet|is|wordt)\s+(?:eigenlijk\s+|toch\s+)?{_V}",
    rf"\b(?:bij|voor)\s+{_LABEL}\s*,?\s*(?:bedoelde|bedoel)\s+ik\s+(?:eigenlijk\s+|toch\s+)?{_V}",
    rf"\b(?:ik\s+)?(?:bedoelde|bedoel)\s+(?:ik\s+)?(?:eigenlijk\s+|toch\s+)?(?:bij|voor|op)\s+{_N}\s*,?\s*{_V}",
    # English
    rf"\b(?:for|in|on|at|to)\s+{_N}\s*,?\s*I\s+(?:meant|mean)\s+(?:to\s+(?:say|answer)\s+)?{_V}",
    rf"\b(?:the\s+answer\s+to\s+)?{_Q}\s+should\s+(?:be|read|say)\s+{_V}",
    rf"\b(?:change|correct|update)\s+(?:my\s+)?(?:answer\s+(?:to|for)\s+)?{_Q}\s+to\s+{_V}",
    rf"\b(?:for|on|at)\s+{_LABEL}\s*,?\s*I\s+(?:meant|mean)\s+{_V}",
    rf"\bI\s+meant\s+(?P<v>[^.!;]+?)\s+(?:for|at|on|in|to)\s+{_Q}\s*[.!;]?$",
    rf"\bI\s+meant\s+(?:to\s+(?:say|answer)\s+)?(?:for|at|on|in|to)\s+{_N}\s*,?\s*{_V}",
)]
# "Correctie: vraag 7: nee", "correction: question 5 = Growing": a number and a value after a correction word
_CUED = re.compile(rf"\b{_Q}\s*(?:[:=]|-\s|is\s|wordt\s|becomes\s)\s*{_V}", re.IGNORECASE)
# words that say "this corrects an answer" although we could not read which or what
_CUE = re.compile(r"\b(?:correctie|verbetering|bedoelde ik|vergist|i meant|correction|my mistake)\b", re.IGNORECASE)
_NOT_BUT = re.compile(r"^(?:niet|not)\s+.+?\s+(?:maar|but)\s+(?P<v>.+)$", re.IGNORECASE)
_INSTEAD = re.compile(r"(?:\s+(?:in plaats van|i\.p\.v\.|ipv|instead of|en niet|and not|rather than)|,\s*(?:niet|not))"
                      r"\s+.*$", re.IGNORECASE)
# a correction that names no question: "ik bedoelde Groeiend, niet Opkomend", "correctie: het moet Bedrijf zijn"
_UNNAMED = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(?:ik\s+bedoelde|bedoelde\s+ik)\s+(?:eigenlijk\s+|toch\s+)?(?P<v>[^.!;]+)",
    r"\bI\s+meant\s+(?:to\s+(?:say|answer)\s+)?(?P<v>[^.!;]+)",
    r"\b(?:correctie|correction)\s*:\s*(?:het\s+(?:moet|is)\s+|it\s+should\s+be\s+)?(?P<v>[^.!;]+?)"
    r"(?:\s+zijn)?\s*[.!]?\s*$",
)]
_FILLER = re.compile(r"^(?:dat (?:het|ik)\s+|het antwoord\s+|dus\s+|:\s*)+|\s+(?:zijn|hoor|graag|please)$",
                     re.IGNORECASE)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if not reading.participant:
        return []
    placed: dict[str, AnswerValue] = {}
    used: list[int] = []
    unplaced: list[tuple[int, str]] = []
    for index, sentence in sentences.unclaimed():
        match = next((m for p in _PATTERNS if (m := p.search(sentence))), None)
        if match is None and _CUE.search(sentence):
            match = _CUED.search(sentence)
        if match is None:
            if (only := _only_option(reading, sentence)) is not None:
                placed[only[0].id] = only[1]
                used.append(index)
            elif _CUE.search(sentence) and re.search(r"\d|vraag|question", sentence, re.IGNORECASE):
                unplaced.append((index, sentence))
            continue
        question = _question(reading, match)
        value = _value(question, match.group("v"), reading.language) if question is not None else None
        if question is None or value is None:
            unplaced.append((index, sentence))
            continue
        placed[question.id] = value
        used.append(index)
    if not placed and not unplaced and reading.replies_to not in ANSWERABLE_MAIL \
            and not looks_like_answers(reading.mail.text, reading.questionnaire):  # answers: theirs to read
        placed, used = _in_prose(reading, sentences)
    carried = carry_over(placed, reading.questionnaire, reading.current)
    found: list[Found] = []
    if carried.answers:
        used += [i for i in sentences.asking_for_change() if i not in used]
        found.append(Found(Finding.CORRECTION, sentences.text(used), {"answers": carried.answers}, tuple(used)))
    if unplaced or carried.unplaced:
        words = " ".join(s for _, s in unplaced)
        found.append(Found(Finding.UNPLACED, "; ".join(filter(None, (words, *carried.unplaced))),
                           {"why": "changed" if carried.unplaced else "unclear"}, tuple(i for i, _ in unplaced)))
    return found


def _in_prose(reading: Reading, sentences: Sentences) -> tuple[dict[str, AnswerValue], list[int]]:
    """A correction in prose, outside the thread of our questionnaire: "Bij de fase staat volwassen, dat moet
    groeiend zijn", "please replace Financing with Facilitating" (``mailbot.answers.prose``, read against
    their answers); or only what they now say of their organisation ("since January I work at ...")."""
    lex = reading.lexicon
    words = [w for index, found in enumerate(sentences.clauses) for clause in found for w in clause.words
             if not is_greeting(sentences.items[index])]  # "Beste organisatie," speaks of no answer
    subject_words = [w for w in normalize(reading.subject).split()]
    about_answers = any(lex.has(name, [*words, *subject_words]) for name in ("meta", "answer_words"))
    if about_answers:
        read = read_prose(reading.said, reading.questionnaire, lex, reading.answers, correcting=True)
    else:
        read = read_organisation(reading.said, reading.questionnaire, lex, joining=False)
    changed = {q: v for q, v in read.answers.items() if not same_answer(reading.answers.get(q), v)}
    return changed, [i for i in read.explained if i not in sentences.claimed] if changed else []


def same_answer(before: AnswerValue | None, now: AnswerValue) -> bool:
    if isinstance(before, str) and isinstance(now, str):
        return normalize(before) == normalize(now)  # "Gemeente Assen" is "gemeente Assen"
    if isinstance(before, list) and isinstance(now, list):
        return sorted(before) == sorted(now)
    return before == now


def _only_option(reading: Reading, sentence: str) -> tuple[Question, AnswerValue] | None:
    """A correction that names only the new choice: placed when it is, word for word, an option of exactly
    one question, and that question takes one choice.

    A choice of several (``multi``) is never placed so: "I meant X" does not say whether X replaces the
    others or joins them. Yes and no belong to several questions, so they never place themselves here.
    """
    if sentence.rstrip().endswith("?"):
        return None  # "wat bedoelde u met Anders?" asks; it corrects nothing
    match = next((m for p in _UNNAMED if (m := p.search(sentence))), None)
    if match is None:
        return None
    said = _clean(match.group("v")).casefold()
    fits = [(q, option.id) for q in reading.questionnaire.questions for option in q.options
            if said in (label.casefold() for label in option.label.values())]
    if len(fits) != 1 or fits[0][0].type != "single":
        return None
    return fits[0]


def _question(reading: Reading, match: re.Match[str]) -> Question | None:
    questions = reading.questionnaire.questions
    groups = match.groupdict()
    if groups.get("n"):
        number = int(groups["n"])
        return questions[number - 1] if 1 <= number <= len(questions) else None
    index = question_named(groups.get("label") or "", questions)
    return questions[index] if index is not None else None


def _clean(raw: str) -> str:
    """The new value alone: "niet X maar Y" is Y, "Y in plaats van X" is Y, without filler words."""
    text = raw.strip().strip("\"'“”‘’ ")
    not_but = _NOT_BUT.match(text)
    text = not_but.group("v") if not_but else _INSTEAD.sub("", text)
    return _FILLER.sub("", text).strip().strip("\"'“”‘’ ")


def _value(question: Question, raw: str, lang: str) -> AnswerValue | None:
    text = _clean(raw)
    if not text:
        return None
    evidence = Evidence()
    evidence.add_typed(text)
    outcome = resolve(question, evidence, lang)
    if question.type in ("single", "multi") and outcome.remarks:
        return None  # part of it is no option: a person decides
    return outcome.value
