"""Answers to the questionnaire, read against the version of it the person saw, placed on the current one.

Where the answers are is the answers parser's business (``mailbot.answers``). Here we decide
whether to look (a reply to our questionnaire mail, or text that carries it), and which of the
person's sentences the answers explain: a question they typed as an answer to "Welke vragen wilt u
beantwoord zien?" is an answer, not a question for the organiser; a question beside the answers is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mailbot.answers.matching import match_options
from mailbot.answers.parse_reply import looks_like_answers, parse_reply
from mailbot.answers.prose import (
    ProseAnswers,
    aside_label,
    asking_question,
    named_question,
    organisation_question,
    read_prose,
    with_kind,
)
from mailbot.answers.questionnaire import ALL_MEETINGS, AnswerValue
from mailbot.answers.values import denied_options
from mailbot.answers.versions import carry_over
from mailbot.core.domain import ANSWERABLE_MAIL, Attendance, Finding, MailKind
from mailbot.language.lexicon import Lexicon
from mailbot.language.sentences import split
from mailbot.language.text import words
from mailbot.understand.correction import same_answer
from mailbot.understand.leftovers import is_remark
from mailbot.understand.question import asks, change_asked
from mailbot.understand.reading import Found, Reading, Sentences
from mailbot.understand.references import mentioned

name = "answers"
# our mails that show someone their answers ("Klopt er iets niet?"): what they write back corrects them
CORRECTABLE = frozenset({MailKind.CONFIRMATION, MailKind.FOLLOW_UP})

_NUMBERED = re.compile(r"^\d{1,2}\s*[.):]\s*\S")
_MARKED = re.compile(r"^\s*[-*•]?\s*\[\s*[xXvV✓✔*]\s*\]")


_LABEL = re.compile(r"^[^:?]{2,30}:\s+")  # "Vragen: wanneer trekt ...?": the writer's own label


def _explained(sentence: str, values: list[str]) -> bool:
    lower = " ".join(sentence.lower().split())
    value = _LABEL.sub("", lower)  # "Vragen: wanneer ...?": the answer after its label
    return bool(_NUMBERED.match(lower) or _MARKED.match(lower)) or any(
        v and (v in lower or lower in v or (value != lower and len(value) >= 4 and value in v)) for v in values)



def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if not reading.participant:
        return []
    if reading.replies_to not in ANSWERABLE_MAIL and not looks_like_answers(reading.mail.text, reading.questionnaire):
        return []
    parsed = parse_reply(reading.mail.text, reading.questionnaire, reading.language, reading.sent_text,
                         reading.replied_to_text)
    answers = dict(parsed.answers)
    explained = _prose(reading, parsed.remarks, parsed.typed, answers, parsed.questions_for_organiser)
    if answers:
        answers.update(_workplace(reading, answers, parsed.typed))
    missed = _missed(reading, parsed.typed.get(ALL_MEETINGS, ""), answers.get(ALL_MEETINGS))
    if missed and reading.questionnaire.get(ALL_MEETINGS) is not None:
        answers[ALL_MEETINGS] = False
    carried = carry_over(answers, reading.questionnaire, reading.current)
    found: list[Found] = []
    if missed:
        found.append(Found(Finding.ATTENDANCE, parsed.typed[ALL_MEETINGS],
                           {"meetings": {m: Attendance.DECLINED for m in missed}, "guessed": False,
                            "in_answers": True}))
    if answers:
        values = [" ".join(v.lower().split()) for v in _texts(answers)]
        changing = set(sentences.asking_for_change())
        ours = _our_questions(reading)  # copied along with the answers ("Wat voor organisatie is dat?")
        used = tuple(i for i, s in sentences.unclaimed() if _explained(s, values)
                     or (i in changing and _asks_for_change(reading, s)) or " ".join(s.split()).casefold() in ours)
        if carried.answers:
            found.append(Found(Finding.ANSWERS, "", {"answers": carried.answers, "remarks": list(parsed.remarks)},
                               used))
        if carried.unplaced:
            found.append(Found(Finding.UNPLACED, "; ".join(carried.unplaced), {"why": "changed"},
                               () if carried.answers else used))
    tentative = _tentative(reading, parsed.typed, answers)
    for text in tentative:
        found.append(Found(Finding.MESSAGE, text, {}, _containing(sentences, text)))
    to_us = [t for t in parsed.questions_for_organiser if _asks(t, reading)]
    asked = set(to_us) | {r for r in parsed.remarks for t in tentative if r.endswith(t)}
    asked_change = [i for i in sentences.asking_for_change() if _asks_for_change(reading, sentences.items[i])] \
        if answers else change_asked(sentences)
    change = [sentences.items[i] for i in asked_change]
    for text in to_us:
        if text in explained:
            # "vervang mijn vraag door deze: hoe ...?": the new answer to "which questions", not ours; what else
            # it asks ("... en is er een lunch?") still reaches the organiser
            for other in _other_questions(reading, text, answers):
                found.append(Found(Finding.QUESTION, other, {}, _containing(sentences, other)))
            continue
        if any(c in text or text in c for c in change):
            continue  # "Kunt u dat aanpassen?": what the answers above do
        if _answering(reading, text, parsed.typed):
            continue  # "Vragen: wanneer trekt een universiteit zich terug?": typed as the answer; or our own question
        found.append(Found(Finding.QUESTION, text, {}, _containing(sentences, text)))
    for remark in parsed.remarks:
        if remark in explained and remark not in asked:
            for other in _other_questions(reading, remark, answers):  # "... Is er parkeergelegenheid?"
                found.append(Found(Finding.QUESTION, other, {}, _containing(sentences, other)))
        if remark not in explained and remark not in asked and _has_question(reading, remark):
            # "Vraagje tussendoor: is er ruimte voor een excursie?": a question beside the answers, for her
            found.append(Found(Finding.QUESTION, remark, {}, _containing(sentences, remark)))
            continue
        if _answered_at(reading, remark, answers):
            continue  # "Welke fase? → eerder volwassen dan groeiend": the words the answer was read from
        if remark not in asked and remark not in explained and answers and _worth_noting(remark, reading):
            if _arranging(remark):  # "on 11 February I'll need to leave Groningen around 15:45"
                found.append(Found(Finding.MESSAGE, remark, {}, _containing(sentences, remark)))
            else:
                found.append(Found(Finding.REMARK, remark, {"passed_on": False}, _containing(sentences, remark)))
    return found


def _workplace(reading: Reading, answers: Mapping[str, AnswerValue],
               typed: Mapping[str, str]) -> dict[str, AnswerValue]:
    """The kind of organisation the name they gave in prose says ("ik werk bij de gemeente Ede"), when neither this
    mail nor an earlier one answered it: filling in, never changing. Not beside a list answered question by
    question, where a question left open is theirs to answer."""
    asked = organisation_question(reading.current, reading.lexicon)
    if asked is None or asked in typed or asked not in answers:
        return {}
    kinds = with_kind(answers, reading.current, reading.lexicon, reading.language)
    return {k: v for k, v in kinds.items() if k not in answers and k not in reading.answers}


def answering_words(reading: Reading) -> tuple[str, ...]:
    """What the person wrote to answer a question other than whether they come to all four: "6 hoe hou je het
    mkb aangehaakt als de trekkers afhaken", "ontvangen kunnen we niet, dat doet Kennispark Twente al", "bij de
    thema's mis ik financieren". Those words are that answer, not a decline of the meeting they happen to name.
    What was typed at the question of all four meetings is this module's too (``_missed``)."""
    if not reading.participant:
        return ()
    if reading.replies_to not in ANSWERABLE_MAIL and not looks_like_answers(reading.mail.text, reading.questionnaire):
        return ()
    parsed = parse_reply(reading.mail.text, reading.questionnaire, reading.language, reading.sent_text,
                         reading.replied_to_text)
    texts = [text for text in parsed.typed.values() if text]
    correcting = reading.replies_to in CORRECTABLE
    for remark in parsed.remarks:
        read = _read_remark(reading, remark, parsed.questions_for_organiser, correcting)
        if read is not None:
            texts += [text for question_id, text in read.sources.items() if question_id != ALL_MEETINGS and text]
    return tuple(texts)


def _read_remark(reading: Reading, remark: str, asked: Sequence[str], correcting: bool) -> ProseAnswers | None:
    """A paragraph beside (or instead of) the list, read as answers; not one typed at a question (read there), nor
    one that asks us something ("kan ik hem via deze weg aanmelden?": a question answers nothing, and what it names
    is no choice), unless what it asks is a change of their answers ("could you take governance off my themes?"),
    read as a correction."""
    if " → " in remark or ("\n" not in remark.strip() and remark.rstrip().endswith(":")):
        return None  # "Alvast de eerste vier:" announces the list below it; it answers nothing itself
    change = remark in asked and bool(reading.answers) and _asks_for_change(reading, remark)
    own = _own_question(reading, remark) or _group_question(reading, remark)
    if remark in asked and not change:
        if own is None or len(_asking(remark)) > 1:
            return None  # it asks us something: a person reads it whole
        # what it asks is the answer to the question about questions: the rest is read as any paragraph
    read = read_prose(remark, reading.questionnaire, reading.lexicon, reading.answers, correcting=correcting or change)
    for question_id, value in (own.answers if own else {}).items():
        read.answers.setdefault(question_id, value)
    return read


_GROUP_QUESTION_WORDS = 6  # "hoe krijg je private investeerders mee als ...?": a question of substance
_GENERIC_YOU = frozenset({"je", "you", "du", "tu", "man", "on"})  # "hoe houd je ...": anyone, not us


def _group_question(reading: Reading, paragraph: str) -> ProseAnswers | None:
    """A paragraph whose one question is of substance and asked of nobody in particular ("wat me bezighoudt is
    financiering: hoe krijg je private investeerders mee als de business case nog dun is?"): what they bring for
    the group, as under their own label (``_own_question``), when they gave none yet. Not a question to us
    ("wanneer sturen jullie ...?"), about the meetings, the circle or their data, nor one about themselves ("mag ik
    ...?")."""
    lex = reading.lexicon
    asked = asking_question(reading.questionnaire, lex)
    if asked is None or asked in reading.answers or len(_asking(paragraph)) != 1:
        return None  # with theirs given, a later question is more likely one to us
    found = []
    for sentence in split(paragraph):
        if not sentence.rstrip().endswith("?"):
            continue
        put = sentence.rsplit(":", 1)[-1].strip()
        said = words(put)
        if len(said) < _GROUP_QUESTION_WORDS or said[0] not in lex.words_of("question"):
            continue
        if any(w in lex.words_of("addressee") and w not in _GENERIC_YOU for w in said) or any(
                lex.has(name, said) for name in ("first", "first_object", "meeting", "circle", "data", "list")):
            continue
        found.append(put.rstrip("?").strip())
    return ProseAnswers({asked: found[0]}, ()) if found else None


def _asking(paragraph: str) -> list[int]:
    """The sentences of a paragraph that end in a question mark."""
    return [i for i, sentence in enumerate(split(paragraph)) if sentence.rstrip().endswith("?")]


def _wholly_read(paragraph: str, read: ProseAnswers) -> bool:
    """Every sentence of the paragraph was read as an answer, its own question aside (a question, it is the answer
    to the question about questions, or it made the paragraph one to hand on)."""
    asking = _asking(paragraph)
    return all(i in read.explained or i in asking for i in range(len(split(paragraph))))


_QUESTION_LABEL = re.compile(r"^[^:?]{2,80}:\s+")  # "Een concrete vraag die ik graag inbreng: ..."
_QUESTION_LABEL_WORDS = 8


def _own_question(reading: Reading, remark: str) -> ProseAnswers | None:
    """A paragraph that asks, where what is asked is put under the writer's own name for the question about
    questions ("Mijn vraag voor de groep: hoe betrek je ...?", "A question I'd like to bring: what happens when
    ...?"): that question is the answer. Only the asked question: the rest of such a paragraph is read elsewhere,
    or goes to a person with it."""
    lex = reading.lexicon
    for sentence in split(remark):
        labelled = _QUESTION_LABEL.match(sentence.strip())
        if not labelled or not sentence.rstrip().endswith("?"):
            continue
        label = labelled.group(0).rstrip(": ")
        said = words(label)
        if len(said) > _QUESTION_LABEL_WORDS:
            continue
        if any(lex.has(name, said) for name in ("addressee", "aside", "data", "meeting", "circle", "list")):
            continue  # "Nog een vraag aan jullie:", "Een vraag over de locatie:": to us
        if said and said[0] in lex.words_of("beforehand"):
            continue  # "Voordat ik de vragen invul: ...?": a question before answering, to us
        put = words(sentence.strip()[labelled.end():])
        if put[:1] and put[0] not in lex.words_of("question") \
                and any(lex.has(name, put) for name in ("first", "first_object", "first_possessive")):
            continue  # "Verder een vraag: mag mijn collega de stukken ontvangen?": asks leave of us, not the group
        for word in said:
            index = named_question(word, reading.questionnaire, lex)
            if index is not None and reading.questionnaire.questions[index].type == "text":
                question = reading.questionnaire.questions[index]
                return ProseAnswers({question.id: sentence.strip()[labelled.end():].strip()}, ())
    return None


def _prose(reading: Reading, remarks: Sequence[str], typed: Mapping[str, str], answers: dict[str, AnswerValue],
           asked: Sequence[str] = ()) -> set[str]:
    """Answers written as prose beside (or instead of) a list: "ik werk bij de provincie Zeeland, mijn vraag is
    ..."; and what was typed at a question that a choice could not be read from ("ik kan wél bij alle vier
    zijn"). A structured answer wins. The remarks read as answers, to leave out of the remarks."""
    explained: set[str] = set()
    correcting = reading.replies_to in CORRECTABLE
    for question_id, text in typed.items():
        if question_id in answers and _changes(reading, question_id, text):
            # "4. Graag ook Financieren erbij": the list reads the option, the words say what becomes of the others
            read = read_prose(text, reading.questionnaire, reading.lexicon, reading.answers, correcting=True,
                              at=question_id)
            answers.update(read.answers)
        elif question_id in answers and _qualified(reading, question_id, text):
            # "alle vier, maar vooral de rolverdeling": the sentence says it, or it stays open (never the list's guess)
            read = read_prose(text, reading.questionnaire, reading.lexicon, reading.answers, correcting=correcting,
                              at=question_id)
            if question_id in read.answers:
                answers[question_id] = read.answers[question_id]
            elif not _others_denied(reading, question_id, text, answers[question_id]):
                del answers[question_id]
        elif question_id not in answers and text and not _doubted(reading, question_id, text):
            # what was typed at the question comes first; a yes or no said in doubt is none ("misschien, ...")
            read = read_prose(text, reading.questionnaire, reading.lexicon, reading.answers, correcting=correcting,
                              at=question_id)
            answers.update(read.answers)
    for remark in remarks:
        prose = _read_remark(reading, remark, asked, correcting)
        if prose is None:
            continue
        if prose.answers and (not _asking(remark) or _wholly_read(remark, prose)):
            explained.add(remark)  # a paragraph that asks and was read only in part still goes to a person
        for question_id, value in prose.answers.items():
            if not (correcting and same_answer(reading.answers.get(question_id), value)):
                answers.setdefault(question_id, value)  # "bij 8 staat ja": what they have is no correction
    if asked and reading.answers and (correcting or not answers):  # a later mail about the answers they gave
        explained |= _asked_as_answer(reading, asked, answers)
    return explained


def _asked_as_answer(reading: Reading, asked: Sequence[str], answers: dict[str, AnswerValue]) -> set[str]:
    """A question that is itself the new answer to a question about questions ("Mijn vraag had ik te smal
    geformuleerd. Wat ik eigenlijk wil bespreken: hoe borg je ...?"): read in the whole of what they wrote,
    since the subject is named in one sentence and the answer asked in the next."""
    read = read_prose(reading.said, reading.questionnaire, reading.lexicon, reading.answers, correcting=True)
    taken: set[str] = set()
    for question_id, value in read.answers.items():
        if not isinstance(value, str) or same_answer(reading.answers.get(question_id), value):
            continue
        said = [q for q in asked if " ".join(value.split()).casefold() in " ".join(q.split()).casefold()]
        if said:
            answers[question_id] = value
            taken.update(said)
    return taken


_CHANGING = ("add", "remove", "except", "only", "rather")
# words that make what was typed at a choice a sentence to read, not a list of the options it names:
# "eigenlijk alle vier, maar vooral de rolverdeling", "geen bedrijf maar een provincie", "alles behalve X"
_QUALIFYING = ("every", "negation", "rather")  # not "except": "de rest volgt" is no "except"


def _changes(reading: Reading, question_id: str, text: str) -> bool:
    """Words at a choice they answered before that add to it or take from it ("ook ... erbij", "mag eruit")."""
    question = reading.questionnaire.get(question_id)
    if question is None or question.type != "multi" or not reading.answers.get(question_id):
        return False
    said = words(text)
    return any(reading.lexicon.has(name, said) for name in _CHANGING)


def _qualified(reading: Reading, question_id: str, text: str) -> bool:
    """A choice typed with words that change what the options it names mean (all, except, not, rather); not a
    mark with a line beside it ("[x] Volwassen" and "de rest volgt later")."""
    question = reading.questionnaire.get(question_id)
    if question is None or question.type not in ("single", "multi") or not match_options(text, question.options)[0]:
        return False
    said = words(text)
    lex = reading.lexicon
    doubt = {i for s, e in lex.spans("doubt", said) for i in range(s, e)}  # the "geen" of "geen idee" is no "not"
    return any(not set(range(s, e)) <= doubt for name in _QUALIFYING for s, e in lex.spans(name, said))


def _others_denied(reading: Reading, question_id: str, text: str, chosen: AnswerValue) -> bool:
    """"Other, I'd say - not really a cluster organisation": the one option named without a negation, every other
    one named only to deny it. The list's reading stands."""
    question = reading.questionnaire.get(question_id)
    if question is None or question.type != "single":
        return False
    named = set(match_options(text, question.options)[0])
    denied = denied_options(question, text, reading.lexicon)
    return chosen in named and chosen not in denied and named - denied == {chosen}


def _tentative(reading: Reading, typed: Mapping[str, str], answers: Mapping[str, AnswerValue]) -> list[str]:
    """What was typed at a yes/no question and is not yet a yes or a no, when it carries more than the doubt: an
    offer or a detail the organiser follows up ("Possibly – our office has a room for 40. Let's talk"). The doubt
    alone ("weet ik nog niet, moet ik navragen", "not my call", "hangt af van mijn directeur, ik weet het in
    januari") leaves the question open and is noted on the record: nothing in it for a person to act on."""
    tentative: list[str] = []
    for question in reading.questionnaire.questions:
        text = typed.get(question.id, "")
        if question.type != "yesno" or question.id in answers or not text:
            continue
        said = Sentences.of(text, reading.lexicon, reading.not_names)
        if any(c.doubt or c.condition for found in said.clauses for c in found) and _beyond_doubt(said, reading):
            tentative.append(text)
    return tentative


def _doubted(reading: Reading, question_id: str, text: str) -> bool:
    """A yes/no question answered in doubt ("misschien, ons pand heeft een zaal"), not with a yes or no that the
    rest qualifies ("Yes, in principle - would need to check dates")."""
    question = reading.questionnaire.get(question_id)
    if question is None or question.type != "yesno":
        return False
    said = Sentences.of(text, reading.lexicon, reading.not_names)
    said_words = words(text)
    opening = said_words[:1]
    doubt_first = any(start == 0 for start, _ in said.lex.spans("doubt", said_words))  # "no idea", "nee, geen idee"
    if (said.lex.has("yes", opening) or said.lex.has("no", opening)) and not doubt_first:
        return False
    return any(c.doubt or c.condition for found in said.clauses for c in found)


def _beyond_doubt(said: Sentences, reading: Reading) -> bool:
    """Whether it names a meeting ("the other two probably not": who may be missing when is hers to follow up), or
    the clauses that neither doubt nor put the answer off ("ik weet het in januari", "I'll let you know") say
    something the organiser would want to read."""
    kept = [c for found in said.clauses for c in found if not said.lex.has("deferral", c.words)]
    if mentioned(" ".join(c.text for c in kept), reading.meetings, reading.timezone):
        return True  # not "ik laat het u in februari weten": when they will know is no meeting
    rest = [c.text for c in kept if not (c.doubt or c.condition)]
    left = Sentences.of(" ".join(rest), reading.lexicon, reading.not_names)
    return any(is_remark(left, i) for i, _ in left)


def _asks(text: str, reading: Reading) -> bool:
    """Whether a line beside the answers asks something, as the sentence reads: a question, words that ask, or a
    clause that opens with its verb and then who ("kunt u ...", "mag ik ...", "do you know ..."); "daar zou je
    bijna van afhaken" asks nothing, for all its "zou je"."""
    said = Sentences.of(text.split(" → ")[-1], reading.lexicon, reading.not_names)
    lex = said.lex
    return any(asks(said, i) for i, _ in said) or any(
        len(c.words) > 1 and lex.has("question_verb", c.words[:1])
        and any(lex.has(who, c.words[1:2]) for who in _WHO) for found in said.clauses for c in found)


_WHO = ("first", "addressee", "third", "thing")


def _asks_for_change(reading: Reading, text: str) -> bool:
    """"Could you take governance off my themes?", "Kun je dat aanpassen?": they ask us to change their answers.
    The request speaks of the answers: it names one, or their words for them ("mijn thema's"), or points back at
    what was said before ("dat"); not "kan ik hem via deze weg aanmelden of moet hij zelf mailen?"."""
    said = Sentences.of(text, reading.lexicon, reading.not_names)
    lex = reading.lexicon
    for index in said.asking_for_change():
        heard = [w for c in said.clauses[index] if not aside_label(c, lex) for w in c.words]  # not "Noch eine Frage:"
        others = lex.has("third", heard) or lex.has("third_object", heard)
        if lex.has("answer_words", heard) or (_points_back(heard, lex) and not others) or read_prose(
                said.items[index], reading.questionnaire, lex, reading.answers, correcting=True).answers:
            return True
    return False


def _points_back(heard: Sequence[str], lex: Lexicon) -> bool:
    """"Kunt u dat aanpassen?" points back at what was said; the "dat" of "een verslag dat ik mag delen" joins a
    clause (a subject follows it) and points nowhere."""
    subjects = lex.words_of("first") | lex.words_of("third") | lex.words_of("addressee")
    return any(not (end < len(heard) and heard[end] in subjects) for _, end in lex.spans("anaphor", heard))


def _answering(reading: Reading, text: str, typed: Mapping[str, str]) -> bool:
    """A question that is the answer typed at a question of ours (what they want to discuss), or only our own
    questions copied along ("Wat voor organisatie is dat? In welke fase zit uw cluster?")."""
    flat = " ".join(text.split()).casefold()
    bare = flat.split(": ", 1)[1] if ": " in flat[:30] else flat  # without the writer's label ("Vragen: ...")
    nouns = reading.lexicon.words_of("question_noun")
    asking = [q.id for q in reading.questionnaire.questions if q.type == "text"
              and any(w in nouns for lang in q.question for w in words(q.text(lang)))]  # "Welke vragen ...?"
    if any(bare in " ".join(typed[q].split()).casefold() for q in asking if typed.get(q)):
        return True
    ours = _our_questions(reading)
    said = [" ".join(s.split()).casefold() for s in Sentences.of(text).items]
    return bool(said) and all(s in ours for s in said)


def _answered_at(reading: Reading, remark: str, answers: Mapping[str, AnswerValue]) -> bool:
    """A remark left at one of our questions ("<question> → <words>") that the answer to it was read from."""
    if " → " not in remark:
        return False
    asked, said = (" ".join(part.split()) for part in remark.split(" → ", 1))
    if "?" in said or reading.lexicon.has("asking", words(said)):
        return False  # "→ ja, en laten we even bellen over de zaal": more than the answer
    asked = asked.casefold()
    return any(q.id in answers and asked == " ".join(q.text(lang).split()).casefold()
               for q in reading.questionnaire.questions for lang in q.question)


def _our_questions(reading: Reading) -> set[str]:
    return {" ".join(q.text(lang).split()).casefold() for q in reading.questionnaire.questions for lang in q.question}


def _has_question(reading: Reading, text: str) -> bool:
    """A remark beside the answers, not read as an answer, with a clause that is a question (unlike `_asks`, no
    verb-first request counts: the remark was not taken as a question when the answers were parsed)."""
    said = Sentences.of(text.split(" → ")[-1], reading.lexicon, reading.not_names)
    return any(c.question and not c.retraction for found in said.clauses for c in found)


def _other_questions(reading: Reading, text: str, answers: Mapping[str, AnswerValue]) -> list[str]:
    """The sentences of a text read as answers that still ask us something: not a change they ask for, nor
    the words of an answer ("Mijn vraag: hoe borg je ...?")."""
    said = Sentences.of(text, reading.lexicon, reading.not_names)
    change = {i for i in said.asking_for_change() if _asks_for_change(reading, said.items[i])}
    values = [" ".join(v.lower().split()) for v in _texts(dict(answers))]
    return [s for i, s in said if i not in change and any(c.question or c.request for c in said.clauses[i])
            and not _explained(s, values)]


def _worth_noting(remark: str, reading: Reading) -> bool:
    """A remark beside answers, not a cover line ("zie hieronder mijn antwoorden") or a wish."""
    said = Sentences.of(remark.split(" → ")[-1], reading.lexicon, reading.not_names)
    return any(is_remark(said, i) for i, _ in said)


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(?:om|rond|tegen|voor|na|at|around|by|before|after|um|gegen)\s+"
                    r"(?:\d{1,2}|een|twee|drie|vier|vijf|zes|half \w+)\s*(?:uur|u|o'clock|uhr|h|pm|am)\b",
                    re.IGNORECASE)


def _arranging(remark: str) -> bool:
    """A remark beside answers that names an hour ("ik moet om 15.30 uur weg", "I'll arrive around 2 pm"): coming
    late or leaving early changes the organiser's arrangements for that meeting, so she reads it now. A remark
    that only names a meeting is mostly the reason for a decline, or a signature's town: kept on the record."""
    return bool(_CLOCK.search(remark))


def _texts(answers: dict[str, AnswerValue]) -> list[str]:
    return [v for v in answers.values() if isinstance(v, str) and len(v) >= 4]


def _containing(sentences: Sentences, text: str) -> tuple[int, ...]:
    wanted = " ".join(text.lower().split())
    return tuple(i for i, s in sentences.unclaimed() if " ".join(s.lower().split()) in wanted
                 or wanted in " ".join(s.lower().split()))


def _missed(reading: Reading, typed: str, answer: AnswerValue | None) -> list[str]:
    """The meetings named under "Kunt u bij alle vier zijn?" when the answer is no ("Nee, 10 juni zit ik op
    vakantie"), or when what was written there declines them ("8 april lukt niet")."""
    if not typed or answer is True:
        return []
    named = mentioned(typed, reading.meetings, reading.timezone)
    if not named:
        return []
    sentences = Sentences.of(typed, reading.lexicon, reading.not_names)
    if answer is False:
        # "nee, juni wordt lastig", "ik mis waarschijnlijk juni": not all four, but no firm decline of June
        hedged = {m for found in sentences.clauses for c in found if c.doubt or c.condition
                  for m in mentioned(c.text, reading.meetings, reading.timezone)}
        return [m for m in named if m not in hedged]
    declines = any(s.meant and ((s.act == "attend" and not s.affirmed) or (s.act == "absent" and s.affirmed))
                   for s in sentences.said)
    return named if declines else []
