"""Coming or not, per meeting: "bij de eerste kan ik niet, de andere wel", "ik meld me af voor de tweede
bijeenkomst in Wageningen", "op de nieuwe datum kan ik wel", "I can't make the Food Valley session".

Which meeting: the ones the sentence names; else the one our mail was about (a reminder, an
update); else, for a decline, the next meeting ahead, which the acknowledgement names so that
the person can correct it. A decline never ends someone's participation: that is a withdrawal.
"""

from __future__ import annotations

import re

from mailbot.core.domain import ACTIVE, Attendance, Finding
from mailbot.meetings.attendance import detect_acceptance, detect_decline
from mailbot.meetings.schedule import upcoming
from mailbot.understand.phrases import about_someone_else, is_condition
from mailbot.understand.reading import Found, Reading, Sentences
from mailbot.understand.references import mentioned, mentions_one_meeting, says_next, says_others

name = "attendance"

_ACCEPT = re.compile(
    r"\b(?:ben|zijn) (?:ik|wij|we) (?:er )?(?:wel|graag|zeker|gewoon)\b"
    r"|\bkan (?:ik|wij|we) (?:er )?(?:toch )?wel\b|\b(?:ik|wij|we) kan (?:er )?toch\b|\bkan toch\b|\bkom(?:en)? toch\b"
    r"|\btoch (?:wel )?(?:aanwezig|komen|erbij)\b|\bwel aanwezig\b|\bik kom (?:wel|graag|zeker)\b"
    r"|\bi can (?:make it|come|attend|join)(?: after all)?\b|\bafter all\b|\bi(?:'ll| will) be there\b"
    r"|\bcount me in\b|\bcan make (?:it|the)\b")
# "ik meld me af voor ...": a decline when what follows is one meeting (see mentions_one_meeting)
_DECLINE_ONE = re.compile(r"\bmeld(?:t)? (?:mij|me) (?:\w+ ){0,3}?af voor\b|\b(?:mij|me) afmelden voor\b"
                          r"|\bafmelden voor (?:de|het)\b|\bafmelding voor\b")


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.status not in ACTIVE or not reading.meetings:
        return []  # someone who withdrew is not coming to anything: "toch" from them is a comeback
    ahead = [m.id for m in upcoming(reading.meetings, reading.now)]
    said: dict[str, str] = {}
    used: list[int] = []
    guessed = False
    for index, sentence in sentences.unclaimed():
        lower = sentence.lower()
        if is_condition(lower) or about_someone_else(lower):
            continue
        declines = detect_decline(sentence) or bool(_DECLINE_ONE.search(lower)
                                                    and mentions_one_meeting(lower, reading.meetings))
        accepts = not declines and (detect_acceptance(sentence) or bool(_ACCEPT.search(lower)))
        if not (declines or accepts):
            continue
        status = Attendance.DECLINED if declines else Attendance.ACCEPTED
        named = mentioned(sentence, reading.meetings, reading.timezone)
        if not named and says_others(lower) and said:
            named = [m for m in ahead if m not in said]
        if not named and says_next(lower) and ahead:
            named = ahead[:1]
        if not named and reading.thread_meeting in ahead:
            named = [reading.thread_meeting] if reading.thread_meeting else []
        if not named and status == Attendance.DECLINED and ahead:
            named, guessed = ahead[:1], True
        if not named and status == Attendance.ACCEPTED:
            named = ["*declined"]  # "ik kan toch": the handler reverses what they declined before
        for meeting_id in named:
            said.setdefault(meeting_id, status)
        used.append(index)
    if not said:
        return []
    return [Found(Finding.ATTENDANCE, sentences.text(used), {"meetings": said, "guessed": guessed}, tuple(used))]
