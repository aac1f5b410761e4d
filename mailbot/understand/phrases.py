"""Greetings and thanks: sentences that say nothing a person must act on ("Dank u wel!", "Hoi Marloes,").
Whether a sentence asks, is a condition, is negated or is about someone else is read by
``mailbot.language``."""

from __future__ import annotations

import re

_THANKS = re.compile(
    r"^(?:(?:heel |hartelijk |alvast |nogmaals )?(?:bedankt|dank(?:\s*(?:je|u)(?:\s*wel)?)?)(?: voor [^.!?]{0,60})?"
    r"|(?:many |thanks? )?thanks?(?: a lot| very much| for [^.!?]{0,60})?|thank you(?: very much| for [^.!?]{0,60})?"
    r"|top|prima|super|fijn|ok(?:é|e|ay)?|helder|duidelijk|ontvangen|graag gedaan|tot dan|tot ziens"
    r"|see you(?: then| there)?|great|perfect|noted)[\s.!,:)]*$")
_GREETING = re.compile(
    r"^(?:beste|hoi|hallo|hai|hi|hello|hey|dear|geachte|goedemorgen|goedemiddag|goedenavond|good (?:morning|afternoon"
    r"|evening)|met (?:vriendelijke|hartelijke) groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|mvg|gr\.?"
    r"|(?:kind|best|warm) regards|regards|cheers|best)\b[^.!?]{0,60}[,!.:]?$")


def is_thanks(sentence: str) -> bool:
    return bool(_THANKS.match(sentence.strip().lower()))


def is_greeting(sentence: str) -> bool:
    return len(sentence.split()) <= 8 and bool(_GREETING.match(sentence.strip().lower()))
