"""Yes or no to something we asked the sender to confirm (an erasure, an announcement, a command).

Only an unambiguous yes counts: ``ja``, ``akkoord``, ``bevestig``, ``yes``, ``confirm`` and the like,
with nothing that says no or hesitates. "Nee, niet verwijderen" is a no; "ja, maar ..." is unclear.
An unclear answer changes nothing: the request stays open and the sender is asked again.
"""

from __future__ import annotations

import re

from mailbot.core.domain import Finding
from mailbot.understand.phrases import is_greeting, is_thanks
from mailbot.understand.reading import Found, Reading, Sentences

name = "confirmation"

_YES = re.compile(r"^(?:ja|jazeker|jawel|akkoord|bevestig(?:d|t)?|ik bevestig(?: het| dit)?|graag|doe maar|ga je gang"
                  r"|klopt|correct|prima|ok(?:é|e|ay)?|yes|yep|confirm(?:ed)?|i confirm|go ahead|please do"
                  r"|agreed|that's right|dat klopt)\b")
_NO = re.compile(r"\b(?:nee|neen|niet|geen|nooit|liever niet|laat maar|annuleer|annuleren|stop|wacht|toch niet"
                 r"|no|not|don't|do not|never|cancel|wait|hold on|rather not)\b|n't\b")
_HESITATE = re.compile(r"\b(?:maar|alleen|misschien|eerst|tenzij|but|only|maybe|perhaps|first|unless)\b|\?")


def intent(text: str) -> str:
    """'yes', 'no' or 'unclear', from the sender's own words."""
    sentences = [s for _, s in Sentences.of(text) if not is_greeting(s) and not is_thanks(s)] or [text.strip()]
    first = sentences[0].lower().strip(" .!,")
    rest = " ".join(sentences[1:]).lower()
    if _YES.match(first) and not _NO.search(first) and not _HESITATE.search(first) and not _NO.search(rest):
        return "yes"
    if re.match(r"^(?:nee|neen|no|nope|niet doen|liever niet|laat maar|annuleer|cancel)\b", first) or (
            _NO.search(first) and not _YES.match(first)):
        return "no"
    return "unclear"


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.pending_action is None:
        return []
    said = intent(reading.text)
    used = tuple(i for i, _ in sentences)[:2]
    return [Found(Finding.CONFIRMATION, reading.text[:300], {"intent": said, "action": reading.pending_action}, used)]
