"""Small judgements about one sentence that several detectors need: is it a question, a condition, a
greeting, about someone else? Dutch and English, lower-case input."""

from __future__ import annotations

import re

_QUESTION_START = re.compile(
    r"^(?:(?:en|maar|dus|and|but|so|ps|p\.s\.)[,:]?\s+)?"
    r"(?:hoe|wat|wanneer|waar|waarom|wie|welke?|hoeveel|kan|kun|kunt|kunnen|mag|mogen|moet|moeten|is|zijn|zou|"
    r"zouden|heeft|hebben|wordt|worden|klopt|weet|how|what|when|where|why|who|which|can|could|may|might|"
    r"should|would|will|is|are|do|does|did|have|has)\b")
_REQUEST = re.compile(
    r"\b(?:kunt u|kun je|kunnen jullie|zou u|zou je|zouden jullie|is het mogelijk|weet u|weten jullie|graag hoor ik"
    r"|ik vroeg me af|ik ben benieuwd|mag ik|wil(?:t)? u (?:mij|me|ons) (?:laten weten|informeren|sturen)"
    r"|laat u (?:het|mij) weten|can you|could you|would you|is it possible|do you know|i was wondering"
    r"|i wonder|may i|please let me know|let me know|i would like to know|i'd like to know)\b")
_CONDITION = re.compile(
    r"^(?:(?:maar|en|dus|but|and|so)\s+)?(?:als|indien|mocht|wanneer|stel dat|ingeval|in geval|tenzij|if|in case"
    r"|unless|should i|whether)\b")
_THANKS = re.compile(
    r"^(?:(?:heel |hartelijk |alvast |nogmaals )?(?:bedankt|dank(?:\s*(?:je|u)(?:\s*wel)?)?)(?: voor [^.!?]{0,60})?"
    r"|(?:many |thanks? )?thanks?(?: a lot| very much| for [^.!?]{0,60})?|thank you(?: very much| for [^.!?]{0,60})?"
    r"|top|prima|super|fijn|ok(?:é|e|ay)?|helder|duidelijk|ontvangen|graag gedaan|tot dan|tot ziens"
    r"|see you(?: then| there)?|great|perfect|noted)[\s.!,:)]*$")
_GREETING = re.compile(
    r"^(?:beste|hoi|hallo|hai|hi|hello|hey|dear|geachte|goedemorgen|goedemiddag|goedenavond|good (?:morning|afternoon"
    r"|evening)|met (?:vriendelijke|hartelijke) groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|mvg|gr\.?"
    r"|(?:kind|best|warm) regards|regards|cheers|best)\b[^.!?]{0,60}[,!.:]?$")
# someone else as the subject of what is said: "mijn collega Karel wil zich afmelden", "Karel meldt zich af"
_SOMEONE_ELSE = re.compile(
    r"\b(?:mijn|onze|een) (?:collega|medewerker|manager|leidinggevende|directeur|secretaresse|assistent)\b"
    r"|\b(?:my|our|a) (?:colleague|co-worker|coworker|manager|assistant|secretary|boss)\b"
    r"|\bnamens\b|\bon behalf of\b|\bzich\b|\b(?:hij|zij|ze|he|she|they) (?:wil|wilt|willen|kan|moet|gaat|wants?"
    r"|would|will|can|is|are)\b")
_FIRST_PERSON = re.compile(r"\b(?:ik|mij|me|mijn|wij|we|ons|i|my|myself|i'm|i'll|i'd)\b")


def is_question(sentence: str) -> bool:
    text = sentence.strip().lower()
    return text.endswith("?") or bool(_QUESTION_START.match(text) and "?" in text) or bool(_REQUEST.search(text))


def is_request(sentence: str) -> bool:
    """Asks a person to do or tell something, question mark or not ("graag hoor ik wat het kost")."""
    return bool(_REQUEST.search(sentence.lower()))


def is_condition(sentence: str) -> bool:
    return bool(_CONDITION.match(sentence.strip().lower()))


def is_thanks(sentence: str) -> bool:
    return bool(_THANKS.match(sentence.strip().lower()))


def is_greeting(sentence: str) -> bool:
    return len(sentence.split()) <= 8 and bool(_GREETING.match(sentence.strip().lower()))


def about_someone_else(sentence: str) -> bool:
    """The sentence is about another person (a colleague, 'he', 'zich'), not about the writer."""
    return bool(_SOMEONE_ELSE.search(sentence.lower()))


def first_person(sentence: str) -> bool:
    return bool(_FIRST_PERSON.search(sentence.lower()))


def negated(sentence: str, verb: re.Pattern[str]) -> bool:
    """'niet' / 'geen' / 'not' / "don't" within a few words before or after the verb."""
    text = sentence.lower().replace("\u2019", "'")
    for match in verb.finditer(text):
        before = re.split(r"[,:;()]", text[max(0, match.start() - 40) : match.start()])[-1]  # this clause only
        if re.search(r"\b(?:niet|not)\b(?! meer| langer| longer)", match.group()):
            return True  # "me zeker niet afmelden": the negation sits inside what the verb pattern took
        after = text[match.end() : match.end() + 25]
        if re.search(r"\b(?:niet|geen|nooit|not|never|no longer wish)\b|n't\b", before):
            if not re.search(r"\bniet meer\b|\bno longer\b", before):  # "niet meer meedoen" is a withdrawal
                return True
        if re.search(r"^\s*(?:\w+\s+){0,2}(?:niet|not)\b", after) and not re.search(r"^\s*meer\b", after):
            return True
    return False
