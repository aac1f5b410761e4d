"""What is left of a mail once everything we act on is read, and whether a person should read it.

Not every line is a remark. Greetings, thanks, wishes and sign-offs are not ("Dank u wel!", "Fijne
feestdagen"); nor what the writer took back ("Ik meld me af! Grapje"); nor are cover lines about the mail
or the questionnaire itself ("zie hieronder mijn antwoorden", "de vragenlijst vul ik deze week in",
"sorry for answering in English"), unless it also says what they do or want done ("mijn gegevens hoeven niet
gewist te worden"). A remark is what
is left: something the organiser would want to read. ``understand`` asks this when nothing else was found
(or only a sign-up from someone who is already in), and the answers detector for the words beside answers.
"""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.language.clauses import Clause
from mailbot.language.statements import ENDING_ACTS
from mailbot.understand.phrases import is_greeting, is_thanks
from mailbot.understand.reading import Found, Reading, Said, Sentences

name = "leftovers"
MIN_WORDS = 3


def is_remark(sentences: Sentences, index: int, sender_name: str = "", attached: bool = True) -> bool:
    """``attached``: the mail has a file with it; a sentence that speaks of one when none came is a remark
    ("in de bijlage de ingevulde vragenlijst": someone must ask for it)."""
    sentence = sentences.items[index]
    if is_greeting(sentence) or is_thanks(sentence) or _is_name(sentence, sender_name):
        return False
    clauses = sentences.clauses[index]
    acts = [s for s in sentences.said if s.sentence == index]
    if acts and not any(s.voiced for s in acts):
        # "Eindhoven is bijna buitenland, daar trek ik me maar uit terug! Geintje": all of it the joke; "u schrijft
        # dat ik me kan afmelden als ...": our own mail, told back
        return False
    if stays(sentences, index):
        # "Ik meld me af! Grapje", "afmelden is niet de bedoeling": taken back or denied, nothing changes; what
        # else the sentence says is read on its own
        with_acts = {id(s.clause) for s in acts}
        clauses = [c for c in clauses if id(c) not in with_acts and not c.retraction]
        if not clauses:
            return False
    stating = {id(s.clause) for s in acts}
    clauses = [c for c in clauses if id(c) in stating or not _excuse(c, sentences)]
    if not clauses:
        return False
    heard = [w for c in clauses for w in c.words]
    if sentences.lex.has("offer", heard) and not any(c.question for c in clauses):
        return False  # "Please let me know if you require further information": an offer, nothing to read
    if any(c.question for c in clauses) or sentences.lex.has("asking", heard):
        return True
    words = [w for c in clauses for w in c.words]
    if not attached and sentences.lex.has("enclosed", words):
        return True
    stated = [s for s in acts if not (s.retracted or _keeps(s)) and s.act != "answers"]
    if (sentences.lex.has("meta", words) or sentences.lex.has("answers", words)) and not stated \
            and not _says_something_is_wrong(sentences, clauses):
        return False  # a cover line: about the mail or the questionnaire itself, not about what they will do
    # thanks, wishes, "sorry" and a "grapje" or "nee hoor" that takes a joke back say nothing to read
    pleasantries = [w for name in ("thanks", "retraction", "apology") for s, e in sentences.lex.spans(name, words)
                    for w in words[s:e]]
    if not stated and len(words) <= _APOLOGY_WORDS and any(s == 0 for s, _ in sentences.lex.spans("apology", words)):
        return False  # "Sorry voor de vertraging!", "Apologies for the late reply": the apology and what it is for
    return len(words) - len(pleasantries) >= MIN_WORDS


_APOLOGY_WORDS = 6


def stays(sentences: Sentences, index: int) -> bool:
    """Every act the sentence states was taken back or denied: "Ik meld me af! Grapje", "afmelden is niet de
    bedoeling". Nothing changes."""
    acts = [s for s in sentences.said if s.sentence == index]
    return bool(acts) and all(s.retracted or _keeps(s) for s in acts)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    attached = bool(reading.mail.attachments)
    said = [(i, s) for i, s in sentences.unclaimed() if is_remark(sentences, i, reading.mail.sender_name, attached)]
    if sum(len(s.split()) for _, s in said) < MIN_WORDS:
        if not reading.text.strip() and reading.mail.set_aside:  # no new text, yet words outside the quote
            return [Found(Finding.MESSAGE, reading.mail.set_aside[:500], {"reason": "set_aside"})]
        if not reading.answers and (announced := _answers_announced(sentences)):
            # "hieronder mijn antwoorden", yet nothing was read as an answer: they are somewhere we could not
            # read them (between the quoted questions, in a file that did not come), and must not be lost
            return [Found(Finding.MESSAGE, sentences.text(announced)[:500], {"reason": "answers_announced"}, announced)]
        kept = tuple(i for i, _ in sentences.unclaimed() if stays(sentences, i))
        if kept and reading.participant:
            # "ik haak niet af, hoor": nothing for the organiser to do, yet said to us: noted on their record, and
            # they hear that it was
            return [Found(Finding.REMARK, sentences.text(kept)[:500], {"passed_on": False}, kept)]
        return [Found(Finding.MESSAGE, sentences.text(kept)[:500], {}, kept)] if kept else []
    return [Found(Finding.MESSAGE, " ".join(s for _, s in said)[:500], {}, tuple(i for i, _ in said))]


def _answers_announced(sentences: Sentences) -> tuple[int, ...]:
    """The sentences that say answers come with this mail ("bij deze de ingevulde vragenlijst", "my answers are
    below"), not that they will come later ("de rest volgt") nor ask about them."""
    lex = sentences.lex
    return tuple(i for i, _ in sentences.unclaimed()
                 if any(lex.has("answers", c.words) and not lex.has("deferral", c.words) and not c.question
                        and not c.negations and not lex.has("time", c.words) for c in sentences.clauses[i]))


def _excuse(clause: Clause, sentences: Sentences) -> bool:
    """"Het is hier gewoon een gekkenhuis", "I've been swamped": why they are late, not news for the organiser;
    unless it asks or names a time ("in juni is het hier hectisch" may say they will miss a meeting)."""
    lex = sentences.lex
    return lex.has("busy", clause.words) and not clause.question and not lex.has("time", clause.words)


def _keeps(said: Said) -> bool:
    """An end of one's taking part the sender says they do not mean ("ik ben niet van plan af te haken", "I'm not
    pulling out"): everything stays as it is."""
    return said.act in ENDING_ACTS and said.by_sender and said.meant and not said.affirmed



def _says_something_is_wrong(sentences: Sentences, clauses: list[Clause]) -> bool:
    """"Bij thema had ik governance ingevuld, dat moet financiering zijn", "mijn antwoord klopt niet meer": about
    the answers, but saying one is wrong or must change, which someone must act on."""
    lex = sentences.lex
    return any(c.negations or c.no_longer or any(lex.has(name, c.words) for name in ("change", "add", "remove"))
               for c in clauses)


def _is_name(sentence: str, sender_name: str) -> bool:
    words = sentence.strip(" .,").split()
    return 0 < len(words) <= 4 and (sentence.strip(" .,").lower() in sender_name.lower()
                                    or all(w[:1].isupper() for w in words))
