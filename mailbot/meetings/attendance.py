"""Does a participant's reply say they cannot come to a meeting (or that they will)?

Works on the participant's own, unquoted text, one clause at a time (split at
. ! ? ; , and blank lines). A clause does not count when it is a question
("wat als ik niet kan komen?"), a condition ("als ik niet kan komen, ...") or
talks about leaving the whole circle ("niet meer", "alle bijeenkomsten",
"anymore"): withdrawals are classified elsewhere, and a missed decline costs
less than a participant wrongly marked absent. Both languages' phrases are
always tried, because participants do not always answer in their mail language;
``lang`` is accepted for symmetry with the rest of the API.

What the ``attendance`` table can say is ``mailbot.core.domain.Attendance``.
"""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"[^.!?;,]+[.!?;,]*")
_TOKEN = re.compile(r"[\w']+")
_SUBJECTS = frozenset({"ik", "we", "wij", "me", "mij", "i", "i'm", "i'll", "we're", "we'll"})
_CONDITIONAL_START = re.compile(
    r"^(?:(?:maar|en|dus|but|and|so)\s+)?(?:als|indien|mocht|wanneer|stel dat|wat als|ingeval|in geval|tenzij"
    r"|if|in case|what if|whether|unless|should i)\b"
)
_WITHDRAWAL = re.compile(
    r"\b(?:niet meer|alle(?:\s+\w+)?\s+bijeenkomsten|de rest|verdere"
    r"|hele (?:leerkring|programma|traject|cursus)|definitief|helemaal|uitschrijven"
    r"|stoppen met|anymore|any more|any longer|no longer|all (?:\w+\s+)?(?:meetings|sessions)|the rest of"
    r"|the whole|entire|unsubscribe|withdraw)\b"
)

# Dutch: "... kan/kom/ben/zal ... niet ...", judged by what follows "niet".
_DUTCH_HEADS = frozenset({"kan", "kunnen", "kom", "komen", "ben", "zijn", "zal", "zullen", "lukt"})
_OBJECT_PRONOUNS = frozenset(
    {"het", "dat", "wat", "hem", "haar", "zich", "alles", "niets", "zoiets", "jou", "u"}
)
_FILLERS = frozenset(
    "er bij naar op om te in de het deze die dit dat volgende eerstvolgende komende bijeenkomst sessie"
    " vergadering keer dag datum van leerkring helaas jammer genoeg toch dan ook morgen overmorgen vandaag"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag middag ochtend avond januari februari maart"
    " april mei juni juli augustus september oktober november december".split()
)
_ATTEND_VERBS = frozenset(
    {"zijn", "komen", "aanwezig", "erbij", "bijwonen", "deelnemen", "aansluiten", "meedoen", "gaan", "kunnen"}
)
_DUTCH_PHRASES = re.compile(
    r"(?<!niet )\bverhinderd\b|\bafzeggen\b|\bzeg(?:\s+\w+){0,3}\s+af\b|\bverstek laten gaan\b"
    r"|\bniet(?:\s+(?:bij|erbij|aanwezig))?\s+kunnen\s+(?:zijn|komen|bijwonen|deelnemen|aansluiten|meedoen)\b"
    r"|\b(?:ik|wij|we) (?:heb|hebben) (?:\w+ ){0,3}(?:een )?andere (?:afspraak|verplichting)\b"
)
_DUTCH_SIGN_OFF = re.compile(r"\b(?:afmelden|afmelding|af te melden|meld(?:t)?(?:\s+\w+){1,3}\s+af)\b")
# Signing off only declines a meeting when the clause points at one meeting, not at the circle.
_ONE_MEETING = re.compile(
    r"\b(?:bijeenkomst|sessie|deze keer|volgende keer|morgen|overmorgen|vandaag|\d{1,2}[-/]\d{1,2}"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b"
)

_ENGLISH_PHRASES = re.compile(
    # Not "couldn't": "I couldn't attend last time" is about the past.
    r"\b(?:can't|cannot|can not|won't be able to|will not be able to|'ll not be able to"
    r"|(?:am|'m|are|'re) (?:unable|not able) to|unable to|not going to be able to)"
    r"\s+(?:(?:really|unfortunately|sadly|possibly|actually|now|after all)\s+)?"
    r"(?:make it(?! (?:in|on) time)|make the|attend|come|join|be there|be present|be at|participate)\b"
    r"|\b(?:won't|will not|'ll not|not going to)\s+(?:be\s+)?"
    r"(?:there|attending|joining|make it(?! (?:in|on) time)|attend|come)\b"
    r"|\b(?:have to|must|will|'ll|going to)\s+(?:\w+\s+)?(?:miss|skip)\s+"
    r"(?:the|this|tomorrow's|next|our|\w+day's)\s+(?:\w+\s+)?(?:meeting|session)\b"
    r"|\b(?:send|sending|give) my apologies\b|\bapologies for (?:my )?absence\b"
    r"|\b(?:have to|must|regrettably|need to) (?:cancel|decline)\b"
    r"|\b(?:i|we) (?:have|'ve got) (?:\w+ )?(?:another|a prior|a conflicting)"
    r" (?:appointment|commitment|engagement)\b"
)

_DUTCH_ACCEPT = re.compile(
    r"\bik kom(?:\s+(?:graag|zeker|gewoon|wel|ook|er|naar de bijeenkomst|morgen|donderdag))*\s*[.!]*$"
    r"|\bik ben er(?:\s+(?:graag|zeker|gewoon|weer|ook))*\s*bij\b|\bik ben erbij\b"
    r"|\bik zal er(?:\s+\w+)? zijn\b|\bik ben (?:zeker |graag )?aanwezig\b"
    r"|\bik zal (?:zeker )?aanwezig zijn\b|^tot (?:donderdag|morgen|dan)\b"
)
_ENGLISH_ACCEPT = re.compile(
    r"\b(?:i'll|i will|we'll|we will) (?:definitely |certainly )?(?:be there|attend|come|join)\b"
    r"|\b(?:i'm|i am|we're|we are) coming\b|\bcount me in\b|^see you (?:there|then|tomorrow|on|next)\b"
)


def detect_decline(text: str, lang: str = "nl") -> bool:
    """True when the text says the participant cannot come to the meeting (not: leaves the circle)."""
    return any(_clause_declines(clause) for clause in _plain_clauses(text))


def detect_acceptance(text: str, lang: str = "nl") -> bool:
    """True when the text says the participant will come, and nothing in it declines."""
    if detect_decline(text, lang):
        return False
    for clause in _plain_clauses(text):
        if re.search(r"\b(?:niet|geen|not)\b|n't\b", clause):
            continue
        if _DUTCH_ACCEPT.search(clause) or _ENGLISH_ACCEPT.search(clause):
            return True
    return False


def _plain_clauses(text: str) -> list[str]:
    """Statement clauses, lower case with normal apostrophes; questions and conditions left out."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\n\s*\n", ". ", text)  # a blank line ends a sentence; a single one is just wrapping
    text = re.sub(r",\s*(helaas|jammer genoeg|unfortunately|sadly|regrettably)\s*,", r" \1 ", text)
    clauses: list[str] = []
    for match in _CLAUSE.finditer(text):
        clause = " ".join(match.group().split())
        body = clause.rstrip(".!?;,")
        if "?" in clause[len(body) :] or not body or _CONDITIONAL_START.search(body):
            continue
        clauses.append(body)
    return clauses


def _clause_declines(clause: str) -> bool:
    if _WITHDRAWAL.search(clause):
        return False
    if _DUTCH_PHRASES.search(clause) or _ENGLISH_PHRASES.search(clause):
        return True
    if _DUTCH_SIGN_OFF.search(clause) and _ONE_MEETING.search(clause):
        return True
    return _dutch_cannot(_TOKEN.findall(clause))


def _dutch_cannot(tokens: list[str]) -> bool:
    """``ik kan er helaas niet bij zijn``, ``donderdag kan ik niet``, but not ``ik kan niet wachten``."""
    if not _SUBJECTS.intersection(tokens):
        return False
    for index, token in enumerate(tokens):
        if token != "niet":
            continue
        before = tokens[max(0, index - 6) : index]
        heads = [i for i, word in enumerate(before) if word in _DUTCH_HEADS]
        if not heads or _OBJECT_PRONOUNS.intersection(before[heads[-1] + 1 :]):
            continue
        after = tokens[index + 1 :]
        rest = [word for word in after[:6] if word not in _FILLERS and not word.isdigit()]
        head = before[heads[-1]]
        if head in {"ben", "zijn", "zal", "zullen"}:
            # "ik ben er niet bij", "ik zal niet aanwezig zijn"; "ik ben niet blij" is no decline.
            if ("bij" in after[:4] and "er" in before) or (rest[:1] and rest[0] in _ATTEND_VERBS):
                return True
            continue
        if not rest or rest[0] in _ATTEND_VERBS:
            return True
    return False
