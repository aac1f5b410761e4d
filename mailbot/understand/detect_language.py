"""Which language a person writes in, by counting common words.

Dutch and English are what we read; German, French, Spanish, Italian and Portuguese are recognised so
that such a mail goes to a person (and is answered in English) instead of being misread. A language
other than Dutch or English is only named on clear evidence: its own words must clearly outnumber
the Dutch and English ones, so that a Dutch mail with "Danke" or a French name in it stays Dutch. The
word lists hold only words that are not also common Dutch or English words ("die", "me", "no", "is").
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-zà-ÿß']+")
_DUTCH = frozenset("""de het een en van ik je u uw wij we zijn is niet met voor op aan dat die dit graag
    bij ook maar naar als wil zou kan kunt mij me mijn hierbij groet vriendelijke beste geachte hallo
    leerkring aanmelden aanmelding deelnemen werk ben heb hebben wordt worden onze ons over""".split())
_ENGLISH = frozenset("""the a an and of i you your we are is not with for on to that this would like
    could can my me am have has be in at as by dear regards kind best thanks thank hello hi please
    learning circle register participate join interested work our us about""".split())
FOREIGN: dict[str, frozenset[str]] = {
    "de": frozenset("""und ich nicht ist das dem des für auf sie wir bitte danke mich mein meine meinen
        ihre ihr ihnen haben werden gerne gern vielen grüße grüßen freundlichen freundliche sehr geehrte geehrter
        können möchte möchten teilnehmen anmelden anmeldung leider auch noch aber oder ein eine einen einem
        zu von bei sind über mit gibt kommen nächste nächsten sitzung termin veranstaltung nach wurde wird doch
        schon nur dass mir uns unser unsere wenn kann bin habe frau herr guten gute grüßen
        wäre würde hätte dabei hiermit aus im vom zum zur beim lernkreis teilnahme daten löschen
        abmelden abmeldung zurückziehen verhindert absagen leider bereits jedoch allerdings""".split()),
    "fr": frozenset("""vous le la et est pour avec une des du merci bonjour madame monsieur
        cordialement nous votre vos mon mes ne que qui suis sont au aux dans sur ce cette être avoir
        participer inscrire inscription bien salutations souhaite voudrais réunion
        dois pourrai serai veuillez données cercle annuler désinscrire très aussi mais""".split()),
    "es": frozenset("""el los las y es por para con una que estoy gracias hola saludos señor señora usted mi
        mis su sus nosotros del como pero muy quiero participar gustaría estimado estimada atentamente
        reunión inscribirme""".split()),
    "it": frozenset("""il lo gli le è non con una che sono grazie buongiorno saluti cordiali vorrei
        partecipare della del di da io ho molto gentile distinti riunione iscrivermi""".split()),
    "pt": frozenset("""os é não para uma que obrigado obrigada olá bom dia cumprimentos
        atenciosamente gostaria participar meu minha da dos das em você estou reunião
        inscrever""".split()),
}
_MIN_FOREIGN = 3  # different words of that language, at least
_FOREIGN_LEAD = 2.0  # ... and this many times the Dutch or English ones
_MIN_ALONE = 2  # different words of that language, when not one word is Dutch or English ("Ich bin verhindert.")


def detect_language(text: str, default: str = "nl") -> str:
    words = _WORDS.findall(" ".join(_plain_words(text.lower())))
    dutch = sum(w in _DUTCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    foreign = _foreign(words)
    if foreign is not None:
        return foreign
    if english > dutch * 1.2 and english >= 2:
        return "en"
    if dutch > english and dutch >= 2:
        return "nl"
    return default


_CLEAR_WORDS = 6  # common words of the new language, at least
_CLEAR_LEAD = 3.0  # ... and this many times those of the one they wrote before


def clearly_in(text: str, lang: str, before: str) -> bool:
    """Whether a text is plainly in ``lang`` rather than in ``before`` (Dutch or English): a whole mail in it,
    not "Thanks!" or an English term in a Dutch sentence. Someone switches language only so."""
    vocabulary = {"nl": _DUTCH, "en": _ENGLISH}
    if lang not in vocabulary or before not in vocabulary or lang == before:
        return False
    words = _WORDS.findall(" ".join(_plain_words(text.lower())))
    new = sum(w in vocabulary[lang] for w in words)
    old = sum(w in vocabulary[before] for w in words)
    return new >= _CLEAR_WORDS and new >= _CLEAR_LEAD * old


def _plain_words(text: str) -> list[str]:
    """The text without addresses and links, whose "com", "de" or "nl" are no words."""
    return [token for token in text.split() if "@" not in token and not token.startswith(("http", "www."))]


# our words that are that language's own common words too: they count for neither ("je", "de" in French)
SHARED = {"fr": frozenset("je de me en a on".split()), "de": frozenset("die in was will man er an am so".split())}


def _foreign(words: list[str]) -> str | None:
    """The one other language these words are clearly in, if any."""
    counts = sorted(((sum(w in vocabulary for w in words), len(vocabulary.intersection(words)), lang)
                     for lang, vocabulary in FOREIGN.items()), reverse=True)
    best, distinct, lang = counts[0]  # close relatives (es, pt, it) may tie: what counts is "neither nl nor en"
    shared = SHARED.get(lang, frozenset())
    ours = max(sum(w in vocabulary and w not in shared for w in words) for vocabulary in (_DUTCH, _ENGLISH))
    enough = _MIN_ALONE if not ours else _MIN_FOREIGN
    return lang if distinct >= enough and best >= _FOREIGN_LEAD * ours else None
