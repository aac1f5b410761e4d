"""Coming or not, per meeting: "bij de eerste kan ik niet", "de bijeenkomst in Wageningen sla ik over",
"Brainport gaat niet lukken", "I'll miss June", "op 8 april ben ik er toch bij".

A clause that says the sender will (not) be somewhere, meant (no condition, doubt, mere question or joke
taken back): coming is an act of attending, affirmed; not coming is attending negated, or an act of
missing (missen, overslaan, verstek laten gaan, absent ...) affirmed; "ik meld me af voor de tweede
bijeenkomst" is a decline of that meeting. Which meeting: the ones the clause (or its sentence) names;
else the one our mail was about (a reminder); else, for a decline, the next meeting ahead, which the
acknowledgement names so that the person can correct it; for "ik kan toch", the ones declined before.
A date no meeting is on names none: which one is meant is asked. Coming is recorded where the writer's own words
name the meeting ("7 oktober ben ik er sowieso bij", parting words "tot in Groningen!"), answer our mail about
it, or take back a decline; "de andere drie wel" beside a named decline is coming to each meeting not declined.
A plain "ik kom graag" names none and records nothing.
A decline never ends someone's participation: that is a withdrawal.
"""

from __future__ import annotations

from collections.abc import Callable

from mailbot.answers.parse_reply import looks_like_answers
from mailbot.core.domain import ACTIVE, ANSWERABLE_MAIL, Attendance, Finding
from mailbot.language.clauses import Clause
from mailbot.language.persons import persons
from mailbot.language.text import words
from mailbot.meetings.schedule import upcoming
from mailbot.understand.answers import answering_words
from mailbot.understand.reading import Found, Reading, Said, Sentences
from mailbot.understand.references import mentioned, names_a_shared_area, says_others
from mailbot.understand.scope import scope

name = "attendance"


def presence(said: Said, sentences: Sentences, reading: Reading) -> str | None:
    """accepted / declined, for a statement about being at a meeting; None when it is about something else."""
    where = scope(said, sentences, reading)
    affirmed = said.statement.affirmed
    if said.act == "attend":
        if said.clause.no_longer and not where.meeting:
            return None  # "niet meer komen": leaving the circle
        return Attendance.DECLINED if said.clause.no_longer or not affirmed else Attendance.ACCEPTED
    if said.act == "absent":
        if where.circle and not where.meeting:
            return None  # "Teilnahme am Lernkreis absagen": a withdrawal
        return Attendance.DECLINED if affirmed else Attendance.ACCEPTED
    if said.act == "signup" and reading.thread_meeting and not where.circle and not said.clause.no_longer:
        return Attendance.ACCEPTED if affirmed else Attendance.DECLINED  # "count me in!" to a reminder
    if said.act in ("withdraw", "signup") and where.meeting and not where.circle:
        if said.act == "withdraw":
            return Attendance.DECLINED if affirmed else None
        return Attendance.DECLINED if not affirmed or said.clause.no_longer else Attendance.ACCEPTED
    return None


_ITEM_LETTERS = 5  # a programme's own word ("Borrel", "Werksessie"), not "de", "met" or a time


def _programme_items(reading: Reading) -> frozenset[str]:
    """The words that name a part of a meeting's programme ("den Borrel verpasse ich", "de lunch sla ik over"): a
    clause that names one misses that part, not the meeting."""
    return frozenset(w for m in reading.meetings for text in m.words("programme") for w in words(text)
                     if len(w) >= _ITEM_LETTERS and w.isalpha())


def _partly_there(sentences: Sentences, index: int) -> bool:
    """"Ik ben erbij, maar wel wat later", "muss gegen 16 Uhr wieder aufbrechen": there for a part of it; not a
    train's time ("already booked the 11:32"), which changes nothing for her."""
    return any(sentences.lex.has("partly_there", clause.words) for clause in sentences.clauses[index])


def _vague(said: Said, sentences: Sentences) -> bool:
    """"Ontvangen kunnen we niet", "dat lukt niet", "ik ben op vakantie": not coming to what? Only a meeting
    named says."""
    start, end = said.statement.span
    act = said.clause.words[start:end]
    lex = sentences.lex
    return all(w in lex.words_of("vague") for w in act) or all(w in lex.words_of("away") for w in act)


def _answers(said: Said, answered: str) -> bool:
    """The clause is (part of) what the person wrote to answer questions of the questionnaire; the numbers of a
    list whose lines ran together ("6 hoe hou je ... afhaken 7 het triple helix overleg") aside."""
    clause = [w for w in words(said.clause.text) if not w.isdigit()]
    return bool(clause) and f" {' '.join(clause)} " in answered


def _named_where(sentences: Sentences, reading: Reading, used: list[int], says: Callable[[Clause], bool]) -> list[str]:
    """The meetings named in the clauses that ``says`` coming to them; ``used`` gets their sentences."""
    out: list[str] = []
    for index, found in enumerate(sentences.clauses):
        for clause in found:
            if clause.words and clause.affirmed and clause.settled and says(clause) \
                    and (named := mentioned(clause.text, reading.meetings, reading.timezone)):
                out += named
                used.append(index)
    return out


def _parting(sentences: Sentences) -> Callable[[Clause], bool]:
    """"Tot in Groningen!", "Bis Juni in Wageningen!", "See you in April": parting words that name a meeting say
    the writer will be there. Only a clause of parting words alone: "tot in februari ben ik weg" says more."""
    lex = sentences.lex
    parting, saying_more = lex.words_of("parting"), lex.words_of("first") | lex.words_of("question_verb")
    return lambda clause: clause.words[0] in parting and not saying_more.intersection(clause.words)


def _kept_free(sentences: Sentences) -> Callable[[Clause], bool]:
    """"Die Termine im Februar, April und Juni habe ich fest eingeplant": the meetings a clause says the writer
    keeps time for; not "iets anders ingepland" (something else), nor someone else's calendar."""
    lex = sentences.lex

    def says(clause: Clause) -> bool:
        said = clause.words
        return lex.has("reserved", said) and not clause.question and not clause.condition \
            and not lex.words_of("generic").intersection(said) \
            and not any(p.is_subject and p.is_other for p in persons(clause.tokens, lex, sentences.not_names))
    return says


_SAYING_YES_TO_THE_REST = ("yes", "affirming", "attend", "in_calendar", "reserved")


def _rest_affirmed(sentences: Sentences, used: list[int]) -> bool:
    """"de andere drie wel", "the rest yes", "die übrigen schon", "the other three are in my diary": a clause
    about the meetings not named that says yes to them or keeps time for them, plainly (not negated, no condition
    or doubt); ``used`` gets its sentence."""
    lex = sentences.lex
    for index, found in enumerate(sentences.clauses):
        for clause in found:
            if says_others(clause.text) and clause.affirmed and clause.settled \
                    and any(lex.has(name, clause.words) for name in _SAYING_YES_TO_THE_REST) \
                    and not lex.has("correct", clause.words):  # "De rest klopt": the answers are right
                used.append(index)
                return True
    return False


def _onwards(said: Said, named: tuple[str, ...], ahead: list[str], sentences: Sentences) -> list[str]:
    """"vanaf april schuif ik weer aan": the first meeting named and every one after it."""
    if not sentences.lex.has("from_on", said.clause.words) or not any(m in ahead for m in named):
        return []
    return ahead[min(ahead.index(m) for m in named if m in ahead):]


def _ends_taking_part(sentences: Sentences) -> bool:
    """The writer asks, meaning it, to leave or to have their data erased: "Ich werde nicht teilnehmen" beside it
    is part of that, no decline of the next meeting."""
    return any(s.by_sender and not s.by_other and s.meant and s.affirmed for s in sentences.acts("erase", "withdraw"))


def _names_a_decline(sentences: Sentences, reading: Reading) -> bool:
    """Whether the mail declines a meeting it names: then "ik kan niet bij alles zijn" is that one, not a
    guess at the next."""
    for said in sentences.acts("attend", "absent"):
        if said.by_sender and not said.by_other and said.meant \
                and presence(said, sentences, reading) == Attendance.DECLINED \
                and scope(said, sentences, reading).meetings:
            return True
    return False


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    joining = any(s.act == "signup" and s.by_sender and s.meant for s in sentences.said)
    if not reading.meetings or not (reading.status in ACTIVE or (reading.status is None and joining)):
        return []  # someone who withdrew is not coming to anything: "toch" from them is a comeback
    ahead = [m.id for m in upcoming(reading.meetings, reading.now)]
    said_of: dict[str, str] = {}
    used: list[int] = []
    guessed = unclear = False
    rest: str | None = None
    partly: list[int] = []  # sentences that miss a part of a meeting
    items = _programme_items(reading)
    answering = reading.replies_to in ANSWERABLE_MAIL or looks_like_answers(reading.mail.text, reading.questionnaire)
    answered = f" {' '.join(words(' '.join(answering_words(reading))))} " if answering else ""
    for said in sentences.acts("attend", "absent", "withdraw", "signup"):
        if not said.by_sender or said.by_other or not said.meant:
            continue
        if _answers(said, answered):
            continue  # the words answer a question of the questionnaire: not a decline of a meeting they name
        status = presence(said, sentences, reading)
        if status is None:
            continue
        where = scope(said, sentences, reading)
        if status == Attendance.DECLINED and not items.isdisjoint(said.clause.words):
            partly.append(said.sentence)  # "den Borrel verpasse ich": a part of the meeting missed, not the meeting
            continue
        in_clause = mentioned(said.clause.text, reading.meetings, reading.timezone)
        onwards = _onwards(said, where.meetings, ahead, sentences) if status == Attendance.ACCEPTED else []
        in_clause = list(dict.fromkeys([*in_clause, *onwards]))
        others = says_others(said.clause.text)
        # "..., op de overige middagen ben ik er gewoon": the others, not the one the sentence named
        named = [] if others and not in_clause else list(dict.fromkeys([*where.meetings, *onwards]))
        if not named and where.odd_date:
            unclear = True
            continue
        if not named and others:
            used.append(said.sentence)
            rest = rest or status  # "de andere drie wel": the meetings this mail does not decline, once it names some
            continue
        if not named and reading.thread_meeting in ahead:
            named = [reading.thread_meeting] if reading.thread_meeting else []
            if status == Attendance.ACCEPTED and said_of.get(named[0]) == Attendance.DECLINED \
                    and not sentences.lex.has("again", said.clause.words):
                continue  # "I can't make it, I'll be at a customer site": being elsewhere is why, no coming
        if not named and status == Attendance.DECLINED and (
                sentences.lex.has("period", said.clause.words)
                or names_a_shared_area(said.clause.text, reading.meetings)):
            # "de bijeenkomst in maart", "the spring meeting": a time no meeting (or several) falls in; "die in
            # Gelderland" when two meetings lie there
            unclear = True
            continue
        if not named and status == Attendance.DECLINED and ahead and not _vague(said, sentences) and not answering \
                and not _names_a_decline(sentences, reading) and not _ends_taking_part(sentences):
            # "ik kan helaas niet komen": the next one, said back; not beside answers, where "not" is about
            # the answers ("my Dutch is not quite there") and the question of all four meetings says it
            named, guessed = ahead[:1], True
        again = sentences.lex.has("again", said.clause.words)
        if status == Attendance.ACCEPTED and where.meetings and sentences.lex.has("only_these", said.clause.words):
            # "ik kan pas bij de laatste twee aansluiten", "I can only make the June one": the others are declined
            for meeting_id in ahead:
                if meeting_id not in where.meetings:
                    said_of[meeting_id] = Attendance.DECLINED
            used.append(said.sentence)
        if status == Attendance.ACCEPTED:
            # coming is recorded where the words name the meeting ("7 oktober ben ik er sowieso bij", "tot in
            # Groningen!"), answer our mail about it, or take back a decline ("op 8 april kan ik toch"); never
            # "ik kom graag" beside a sign-up, nor a meeting named in another clause ("op die donderdag vergaderen
            # Provinciale Staten en daar moet ik bij zijn": "daar" is not the meeting)
            # not in a request to us: "kunt u financieren erbij zetten?" asks us to add something
            own = [] if said.clause.request else in_clause
            named = [m for m in named if m == reading.thread_meeting or m in reading.declined or again or m in own]
            if not named and not again:
                continue
        if not named and status == Attendance.ACCEPTED:
            named = ["*declined"]  # "ik kan toch": the handler reverses what they declined before
        for meeting_id in named:
            said_of[meeting_id] = status
        used.append(said.sentence)
    for meeting_id in [*_named_where(sentences, reading, used, _parting(sentences)),
                       *_named_where(sentences, reading, used, _kept_free(sentences))]:
        said_of.setdefault(meeting_id, Attendance.ACCEPTED)
    if Attendance.DECLINED in said_of.values() and (rest == Attendance.ACCEPTED or _rest_affirmed(sentences, used)):
        for meeting_id in ahead:  # "can't do April, the rest yes": the meetings this mail does not decline
            said_of.setdefault(meeting_id, Attendance.ACCEPTED)
    found = []
    if said_of:
        found.append(Found(Finding.ATTENDANCE, sentences.text(used), {"meetings": said_of, "guessed": guessed},
                           tuple(sorted(set(used)))))
    # coming late, leaving early, missing the drinks: the organiser's arrangements for that meeting change
    coming = Attendance.ACCEPTED in said_of.values()
    arranged = sorted({*partly, *(i for i in used if coming and _partly_there(sentences, i))})
    if arranged:
        found.append(Found(Finding.MESSAGE, sentences.text(tuple(arranged)), {"why": "arranging"}, tuple(arranged)))
    if unclear and not said_of:
        found.append(Found(Finding.UNCLEAR, sentences.text(used) or reading.text[:300],
                           {"about": "meeting_date"}, tuple(sorted(set(used)))))
    return found
