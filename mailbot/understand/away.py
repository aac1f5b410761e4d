"""Whether an out-of-office reply carries words the organiser must read.

Most of one is the machine's: away until a date, no access to mail, not forwarded, whom to call for urgent
matters, a promise to answer on return. Its owner's own words matter when they touch their taking part: a
meeting they name, or one that falls in the absence they announce ("met vakantie tot en met 12 april" takes
in the meeting of 8 april), or that they have left, or want to withdraw or be erased.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from mailbot.language.lexicon import lexicon
from mailbot.meetings.model import Meeting
from mailbot.understand.detect_language import detect_language
from mailbot.understand.reading import Sentences
from mailbot.understand.references import mentioned, until

_ENDS = ("withdraw", "erase")  # acts that end their taking part


def for_organiser(text: str, meetings: Sequence[Meeting], tz: ZoneInfo, now: datetime) -> bool:
    if mentioned(text, meetings, tz) or until(text, meetings, tz, now):
        return True
    language = detect_language(text)
    sentences = Sentences.of(text, lexicon(language, "en" if language != "en" else "nl"))
    left = any(c.no_longer for found in sentences.clauses for c in found)  # "niet meer werkzaam bij", "no longer with"
    return left or any(s.act in _ENDS and s.by_sender and s.affirmed and s.meant for s in sentences.said)
