"""Answers written as a list above the quote: ``1. Provincie Overijssel``, ``2: Rijksoverheid``,
``Vraag 4: governance``, ``Thema's: governance en financiering``.

A line is tied to a question only by its number (the number we rendered) or by a label
that names exactly one question; anything else stays free text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mailbot.answers.layout import option_line
from mailbot.answers.matching import content_words, match_options, normalize, similar_words
from mailbot.answers.prose import named_question
from mailbot.answers.questionnaire import CHOICE_TYPES, AnswerValue, Question, Questionnaire
from mailbot.answers.values import Evidence, Remark, resolve
from mailbot.language.lexicon import Lexicon, lexicon
from mailbot.language.persons import persons
from mailbot.language.text import tokens, words

_NUMBERED_ITEM = re.compile(
    r"^(?:(?:vraag|question|frage|punt|point|punkt|nr\.?|nummer|v|q|ad)\s*)?(?P<number>\d{1,2})\s*"
    r"(?:[.):=]|\s?(?:->|-->|=>|→|[-–>])\s)\s*"
    r"(?P<value>.*)$", re.IGNORECASE
)
_BARE_NUMBER = re.compile(r"^(?P<number>\d{1,2})\s+(?P<value>[^\d\s].*)$")  # "1 oost nl", in a list of them
_BARE_LIST = 3  # lines numbered so before they are read as a list
_LABELLED_ITEM = re.compile(r"^(?P<label>[^:>–=→]{2,40}?)\s*(?::|\s-+>\s?|\s=>\s?|\s?→\s?|\s>\s?|\s[–-]\s)\s*"
                            r"(?P<value>\S.*)$")
_MAX_LABEL_WORDS = 5


@dataclass
class _Item:
    question: int
    lines: list[str] = field(default_factory=list)
    numbered: bool = False
    label: str = ""  # a label of the writer's own that names no question ("Waar ik mee worstel"): placed later
    block: int = 0  # which run of lines without a blank one it stands in


@dataclass(frozen=True)
class ListResult:
    answers: dict[str, AnswerValue]
    remarks: list[Remark]
    typed: dict[str, str] = field(default_factory=dict)  # question id -> the item's words


def parse_list(contents: Sequence[str], questionnaire: Questionnaire, lang: str) -> ListResult:
    """``contents``: the participant's own lines in order, "" for blank lines."""
    items: list[_Item] = []
    remarks: list[Remark] = []
    paragraph: list[str] = []
    current: _Item | None = None
    bare = sum(1 for c in contents if _BARE_NUMBER.match(c)) >= _BARE_LIST
    block = 0
    for content in [*contents, ""]:
        item = _item_of(content, questionnaire, lang, bare) or _own_label(content, lang)
        block += not content.strip()
        if item is not None:
            item.block = block
            _close_paragraph(paragraph, remarks)
            if item.numbered and _names_itself(item, questionnaire, lang):
                item.lines = []  # "1. Organisatie", the answer on the line below: a table, cell by cell
            current = item
            items.append(item)
        elif not content:
            _close_paragraph(paragraph, remarks)
            current = None
        elif current is not None and (current.question < 0 or questionnaire.questions[current.question].type == "text"
                                      or not current.lines) \
                and not (_LABELLED_ITEM.match(content) and content.rstrip().endswith("?")):
            current.lines.append(content)  # a text answer may run over several lines; "Vraagje: ...?" is no part
        else:
            current = None
            paragraph.append(content)
    _align(items, questionnaire, lang)
    _place(items, questionnaire)
    for item in [i for i in items if i.question < 0]:
        remarks.append(Remark(" ".join([f"{item.label}: {item.lines[0]}", *item.lines[1:]])))
    items = [i for i in items if i.question >= 0]
    answers: dict[str, AnswerValue] = {}
    typed: dict[str, str] = {}
    for item in items:
        question = questionnaire.questions[item.question]
        outcome = resolve(question, _evidence(item.lines), lang)
        typed[question.id] = " ".join(item.lines)
        if outcome.value is not None:
            answers[question.id] = outcome.value
        remarks.extend(outcome.remarks)
    return ListResult(answers, remarks, typed)


def _names_itself(item: _Item, questionnaire: Questionnaire, lang: str) -> bool:
    """The numbered line holds only the name of its own question ("4. Thema's", "2. Type"), as a header."""
    value = item.lines[0].strip(" :*-")
    if len(value.split()) > _MAX_LABEL_WORDS or not value:
        return False
    lex = lexicon(lang, "en" if lang != "en" else "nl")
    question = questionnaire.questions[item.question]
    if question.type != "text" and match_options(value, question.options)[0]:
        return False  # "5. Volwassen": the answer itself
    own = {w for text in (*question.question.values(), *question.synonyms) for w in normalize(text).split()}
    said = [w for w in normalize(value).split() if w not in ("en", "and", "und", "of", "or")]
    # only the question's own words ("Cluster / regio", "Thema's"), no answer ("Twente en regio Zwolle")
    return bool(said) and all(w in own for w in said) and named_question(value, questionnaire, lex) == item.question


def _item_of(content: str, questionnaire: Questionnaire, lang: str, bare: bool) -> _Item | None:
    numbered = _NUMBERED_ITEM.match(content) or (_BARE_NUMBER.match(content) if bare else None)
    if numbered:
        number = int(numbered.group("number"))
        value = numbered.group("value").strip()
        if 1 <= number <= len(questionnaire.questions) and value:
            return _Item(number - 1, [value], numbered=True)
        return None
    labelled = _LABELLED_ITEM.match(content)
    if labelled:
        label = labelled.group("label").strip(" *-[]")
        index = None
        lex = lexicon(lang, "en" if lang != "en" else "nl")
        if lex.has("addressee", words(label)):
            # our question copied ("Welke vragen wilt u bespreken?"), or "Nog een vraag aan jou:", a question to us
            index = question_named(label, questionnaire.questions)
            return _Item(index, [labelled.group("value").strip()]) if index is not None else None
        value = labelled.group("value").strip()
        opening = words(label)[:1]
        if opening and opening[0] in lex.words_of("beforehand") | lex.words_of("condition"):
            return None  # "Voordat ik de vragen invul: ...", "Als u het goed vindt: ...": a clause leading in, no label
        if lex.has("aside", words(label)) and "?" in value:
            return None  # "Nog een vraag: komt er een deelnemerslijst?": a question beside the answers, to us
        if len(content_words(label) or label.split()) <= _MAX_LABEL_WORDS:  # by what its words mean ("Org", "Soort")
            index = named_question(label, questionnaire, lex)
        if value.endswith("?") and any(p.kind == "addressee" for p in persons(tokens(value), lex)) \
                and not _only_names(label, index, questionnaire, lex):
            # "Een vraag nog: hoe lang bewaren jullie deze gegevens?": a question to us; but under the label of a
            # question that asks for text ("Vragen: hoe krijg je het mkb mee?") it is what that question asks for
            return None
        if index is None:
            index = question_named(label, questionnaire.questions)
        if index is not None:
            return _Item(index, [labelled.group("value").strip()])
    return None


def _only_names(label: str, index: int | None, questionnaire: Questionnaire, lex: Lexicon) -> bool:
    """The label is the name of a question that asks for text and says nothing else ("Vragen", "Mijn vraag"), not
    a question's topic of its own ("Eine Frage zum Datenschutz")."""
    if index is None or questionnaire.questions[index].type != "text":
        return False
    return all(named_question(w, questionnaire, lex) == index for w in content_words(label) or label.split())


def _own_label(content: str, lang: str) -> _Item | None:
    """"Waar ik mee worstel: hoe verdeel je ...", "What I bring - our experience with ...": an answer under a label
    of the writer's own that names none of our questions; where it belongs is settled with the others (``_place``)."""
    labelled_ = _LABELLED_ITEM.match(content)
    if not labelled_:
        return None
    label, value = labelled_.group("label").strip(" *-[]"), labelled_.group("value").strip()
    said = words(label)
    lex = lexicon(lang, "en" if lang != "en" else "nl")
    asks_us = "?" in value and any(p.kind == "addressee" for p in persons(tokens(value), lex))
    if not said or len(said) > _MAX_LABEL_WORDS or not label[:1].isalpha() or lex.has("addressee", said) \
            or lex.has("aside", said) or asks_us or _LINK.search(content):
        return None  # a question to us, a PS, a link ("https://..."): no answer
    return _Item(-1, [value], label=label)


_LINK = re.compile(r"https?://|www\.|@")


def _place(items: list[_Item], questionnaire: Questionnaire) -> None:
    """Answers under the writer's own labels, among answers under labels we know, placed as a careful reader would:
    by what they choose (the one choice whose options they name: "Interesse: governance en financiering"), or by
    where they stand (the question after the one answered just above it, in a list that follows our order). What
    cannot be placed so stays the writer's words, for a person."""
    seen: set[int] = set()
    for item in items:
        # a second label for one question ("Een bijeenkomst bij ons" after "Alle vier"): placed by where it stands
        if item.question in seen and not item.numbered and not item.label:
            item.question, item.label = -1, "-"
        seen.add(item.question)
    known = [item for item in items if item.question >= 0]
    orders = [item.question for item in known]
    if len(known) < _KNOWN_AROUND or orders != sorted(set(orders)):
        return  # too few labels we know, or not in our order: no place to read from
    taken = set(orders)
    for at, item in enumerate(items):
        if item.question >= 0:
            continue
        open_ = [i for i in range(len(questionnaire.questions)) if i not in taken]
        by_value = [i for i in open_ if questionnaire.questions[i].type in CHOICE_TYPES
                    and match_options(item.lines[0], questionnaire.questions[i].options)[0]]
        if len(by_value) == 1:
            item.question = by_value[0]
        else:
            # only answers in the same run of lines tell where it stands ("Goed nieuws: ..." above the list does not)
            before = max((i.question for i in items[:at] if i.block == item.block and i.question >= 0), default=None)
            after = min((i.question for i in items[at + 1:] if i.block == item.block and i.question >= 0),
                        default=None)
            if before is None:
                continue
            between = [i for i in open_ if before < i < (len(questionnaire.questions) if after is None else after)]
            if before + 1 in between and items[at - 1].question == before:
                between = [before + 1]  # the question after the one answered just above, as the list follows ours
            if len(between) != 1:
                continue
            item.question = between[0]
        taken.add(item.question)


_KNOWN_AROUND = 3  # labels we know in a list before its other labels are placed by where they stand


def _align(items: list[_Item], questionnaire: Questionnaire, lang: str) -> None:
    """A list numbered 1..n for fewer questions than we asked, when one was skipped and the numbers moved up
    ("Vraag 3 heb ik overgeslagen", then 1..8 for nine questions): the numbers are renumbered from the place
    where the answers fit the questions plainly better (a phase at the phase question, a yes at a yes/no one)."""
    numbered = [item for item in items if item.numbered]
    count = len(questionnaire.questions)
    if not numbered or len(numbered) != len(items) or len(numbered) >= count:
        return
    if [item.question for item in numbered] != list(range(len(numbered))):
        return

    def fit(shift_from: int) -> int:
        score = 0
        for item in numbered:
            index = item.question + (1 if item.question >= shift_from else 0)
            if index >= count:
                return -count
            score += _fits(questionnaire.questions[index], item.lines, lang)
        return score

    plain = fit(count)
    best = max(range(len(numbered)), key=lambda k: (fit(k), k))  # as late as the answers allow
    if fit(best) >= plain + 2:
        for item in numbered:
            if item.question >= best:
                item.question += 1


def _fits(question: Question, lines: list[str], lang: str) -> int:
    """+1 when the words answer the question by its kind (an option of it, a yes or no), -1 when they plainly
    answer another kind (a yes where a text is asked, words no option matches where one is to be chosen)."""
    outcome = resolve(question, _evidence(lines), lang)
    if question.type == "text":
        text = " ".join(lines)
        kind_of_yes = resolve(Question("_", "yesno", False, {lang: "?"}), _evidence(lines), lang).value
        return -1 if kind_of_yes is not None and len(text.split()) <= 4 else 0
    return 1 if outcome.value is not None else -1


def labelled(contents: Sequence[str], questionnaire: Questionnaire, lang: str) -> set[int]:
    """The questions that lines of the form "Label: answer" name ("Org: TNO", "Host: no")."""
    found = set()
    for content in contents:
        item = _item_of(content, questionnaire, lang, bare=False) if _LABELLED_ITEM.match(content) else None
        if item is not None and not item.numbered:
            found.add(item.question)
    return found


def _evidence(lines: list[str]) -> Evidence:
    evidence = Evidence()
    for line in lines:
        option = option_line(line)
        if option is not None and option.marked:
            evidence.marks.append(option)
        else:
            evidence.add_typed(line)
    return evidence


def _close_paragraph(paragraph: list[str], remarks: list[Remark]) -> None:
    if paragraph:
        remarks.append(Remark(" ".join(paragraph)))
        paragraph.clear()


def question_named(label: str, questions: Sequence[Question]) -> int | None:
    """The one question a short label such as "Thema's" or "Type organisatie" names."""
    words = content_words(label)
    if not words or len(words) > _MAX_LABEL_WORDS:
        return None
    scored: list[tuple[float, int]] = []
    for index, question in enumerate(questions):
        id_words = normalize(question.id).split()
        text_words = {w for text in question.question.values() for w in content_words(text)}
        vocabulary = text_words | set(id_words)
        if not all(any(similar_words(w, v) for v in vocabulary) for w in words):
            continue
        names_id = any(similar_words(w, v) for w in words for v in id_words)
        scored.append((len(words) / max(len(text_words), 1) + (1.0 if names_id else 0.0), index))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    winners = [index for score, index in scored if score == best]
    return winners[0] if len(winners) == 1 else None
