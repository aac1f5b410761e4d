"""Questions for a person: what the sender asks that nothing else here explains.

"Wat kost deelname?" under a sign-up, "PS: mag ik een collega meenemen?" under answers, a question
typed into a calendar decline: each reaches the organiser, never dropped. A sentence asks when one of
its clauses is a question or it asks us in so many words ("graag hoor ik wat het kost"). Our own
questionnaire's questions, kept above the answers typed under them, are ours quoted back: nobody asks them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mailbot.core.domain import Finding
from mailbot.language.text import words
from mailbot.understand.phrases import is_greeting
from mailbot.understand.reading import Found, Reading, Sentences

name = "question"
# findings that change a record: "Kunt u dat aanpassen?" beside one asks for what it does, nothing more
_CHANGES = frozenset({Finding.ATTENDANCE, Finding.CORRECTION, Finding.ANSWERS})


def asks(sentences: Sentences, index: int) -> bool:
    found = sentences.clauses[index]
    said = [w for c in found for w in c.words]
    if sentences.lex.has("offer", said) and not any(c.question for c in found):
        return False  # "laat het weten als u iets nodig heeft", "ik hoor graag hoe het verder gaat": our reply says it
    # asking words may run over a comma: "ich hoffe, das ist kein Problem"; what would be welcome is asked for
    # ("a gluten-free option would be much appreciated", "het zou fijn zijn als de stukken vooraf komen")
    return any(c.question for c in found) or sentences.lex.has("asking", said) or _wished_for(sentences, index) \
        or _put_aside(sentences, index)


def _put_aside(sentences: Sentences, index: int) -> bool:
    """A sentence the writer labels as a point beside their act ("Nog iets praktisch: ik eet glutenvrij", "PS: ...",
    "Quick practical point: ..."): they set it apart for someone to read. Not a mere "nog vergeten:", "one more:",
    which adds to what the mail does."""
    lex = sentences.lex
    return any(c.label and any(set(label[s:e]) - lex.words_of("additive") for s, e in lex.spans("aside", label))
               for c in sentences.clauses[index] for label in [words(c.label)])


def _wished_for(sentences: Sentences, index: int) -> bool:
    """What would be welcome, when it is nothing we read as an act ("zou het waarderen als ik de andere drie mag
    bijwonen" is attendance) nor what our reply gives (a confirmation: ``offer``)."""
    if any(s.sentence == index for s in sentences.said):
        return False
    return any(sentences.lex.has("welcome", c.words) and sentences.lex.has("hypothetical", c.words)
               for c in sentences.clauses[index])


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    ours = _our_questions(reading)
    done = change_asked(sentences)
    asked = [(i, s) for i, s in sentences.unclaimed()
             if not is_greeting(s) and asks(sentences, i) and _plain(s) not in ours and i not in done]
    if not asked:
        return []
    return [Found(Finding.QUESTION, " ".join(s for _, s in asked), {}, tuple(i for i, _ in asked))]


def _our_questions(reading: Reading) -> frozenset[str]:
    return frozenset(_plain(text) for questionnaire in (reading.questionnaire, reading.current)
                     for question in questionnaire.questions for text in question.question.values())


_NOT_WORDS = re.compile(r"^\W*\d{1,2}\s*[.):]|[\W_]+")


@lru_cache(maxsize=4096)  # pure; our questionnaire's questions are made plain again for every mail
def _plain(sentence: str) -> str:
    """"3. Om welk cluster gaat het?" as "om welk cluster gaat het": its words, without a number before it."""
    return " ".join(_NOT_WORDS.sub(" ", sentence.casefold()).split())


_POINTING = 8  # words: "Kunt u dat voor mij aanpassen?" points back; a longer question asks something of its own


def change_asked(sentences: Sentences) -> tuple[int, ...]:
    """Short requests to make the change the mail states ("Kun je het aanpassen?", "Could you update that?"),
    when a change was read beside them (an answer, a correction, a meeting declined): what the bot does, not a
    question for a person. Without a change read, they stay questions: what to change is then unclear."""
    if not any(k in _CHANGES for k in sentences.claimed_by.values()):
        return ()
    return tuple(i for i in sentences.asking_for_change()
                 if len(words(sentences.items[i])) <= _POINTING
                 and any(sentences.lex.has("change", c.words) for c in sentences.clauses[i])
                 and _points_back(sentences, i))


def _points_back(sentences: Sentences, index: int) -> bool:
    """The request is about the change read beside it: it asks us to make it ("kunt u ...", "could you ...") or
    points back at it ("kan dat zo?", "mijn gegevens"). "Worden de presentaties gedeeld?" asks of something else."""
    lex = sentences.lex
    return any(c.request or lex.has("anaphor", c.words) or lex.has("first_possessive", c.words)
               or lex.has("first", c.words) for c in sentences.clauses[index])
