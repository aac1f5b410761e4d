"""A bare "ja", "nee", "klopt", "ok" to one of our mails, with no request of ours waiting for it.

What it means depends on the question our mail ended with. "Klopt er iets niet?" under the answers
we noted: "nee", "no" and "klopt" say all is well (nothing to do); a bare "ja" may mean "yes, something
is wrong" or "yes, correct". To the questionnaire, a reminder, a withdrawal or a decline we confirmed, a
bare "ja" or "nee" can mean opposite things ("nee, ik wil niet meedoen", "nee, ik kan wél"): nothing
changes, and the person is asked what they meant (``UNCLEAR``; the organiser sees it too). A plain
acknowledgement ("top", "prima", "ok") needs nothing.
"""

from __future__ import annotations

from mailbot.core.domain import Finding, MailKind
from mailbot.language.lexicon import LANGUAGES, lexicon
from mailbot.language.text import words
from mailbot.understand.reading import Found, Reading, Sentences

name = "short_answer"
MAX_WORDS = 3
# our mails whose closing question is "is anything wrong?": a no is agreement
_ANYTHING_WRONG = frozenset({MailKind.CONFIRMATION, MailKind.FOLLOW_UP})
_ABOUT = {MailKind.QUESTIONNAIRE: "questionnaire", MailKind.CONFIRMATION: "answers", MailKind.FOLLOW_UP: "answers",
          MailKind.REMINDER: "meeting", MailKind.MEETING_UPDATE: "meeting", MailKind.ATTENDANCE: "attendance",
          MailKind.WITHDRAWAL: "withdrawal"}


_AGREEING = ("klopt", "prima", "correct", "stimmt", "akkoord", "right", "juist", "richtig")
_AGREEMENT_WORDS = 8  # "Yes, that's all correct. Thanks!"


def _all_correct(text: str) -> bool:
    """A short reply that says what we noted is right ("Ja hoor, alles klopt", "Yes, that's all correct. Thanks!"):
    no question, no negation, an agreeing word."""
    said = words(text)
    lex = lexicon(*LANGUAGES)
    return 0 < len(said) <= _AGREEMENT_WORDS and "?" not in text and not lex.has("negation", said) \
        and any(w in _AGREEING for w in said)


def word_of(text: str) -> str | None:
    """"yes", "no" or "ok" for a bare answer; None for anything longer or else. Any language: one word
    tells too little to know which language it is in."""
    said = words(text)
    if not said or len(said) > MAX_WORDS:
        return None
    lex = lexicon(*LANGUAGES)
    if lex.has("no", said[:1]):
        return "no"
    if lex.has("yes", said[:1]) and said[0] not in _AGREEING:
        return "yes"
    if lex.has("thanks", said) or lex.has("yes", said):
        return "ok"
    return None


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.pending_action is not None or reading.replies_to not in _ABOUT:
        return []  # a yes to a request of ours is a confirmation (decided already, or not ours to decide)
    text = " ".join(s for _, s in sentences.unclaimed())
    said = word_of(text)
    everything = tuple(i for i, _ in sentences.unclaimed())
    if said is None and reading.replies_to in _ANYTHING_WRONG and _all_correct(text):
        said = "ok"  # to "Klopt er iets niet?": all is well
    if said is None:
        return []
    if said == "ok" or (said == "no" and reading.replies_to in _ANYTHING_WRONG):
        sentences.claim(everything)
        return []  # agreement or thanks: nothing to do, nothing to answer
    about = _ABOUT.get(reading.replies_to, "other")
    return [Found(Finding.UNCLEAR, text, {"about": about, "word": said}, everything)]
