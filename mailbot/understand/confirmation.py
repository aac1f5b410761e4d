"""Yes or no to something we asked the sender to confirm (an erasure, an announcement, a command).

Only an unambiguous yes counts: the first thing said is a word of confirming ("ja", "akkoord", "bevestig",
"yes", "confirm": ``confirm`` in the word lists), not negated, not hedged (no "maar", no doubt, no
condition, no question), and nothing after it refuses. "Nee, niet verwijderen" is a no; "ja, maar ..."
is unclear; "klopt" or "ok" only acknowledges our mail. An unclear answer changes nothing: the request
stays open and the sender is asked again.
"""

from __future__ import annotations

from mailbot.core.domain import ActionKind, Finding
from mailbot.language.lexicon import LANGUAGES, lexicon
from mailbot.understand.phrases import is_greeting, is_thanks
from mailbot.understand.reading import Found, Reading, Sentences, without_closing

name = "confirmation"


def intent(text: str) -> str:
    """'yes', 'no' or 'unclear', from the sender's own words (in any language we read)."""
    lex = lexicon(*LANGUAGES)
    sentences = Sentences.of(without_closing(text), lex)
    said = [i for i, s in sentences if not is_greeting(s) and not is_thanks(s)] or [0]
    if not sentences.items:
        return "unclear"
    first = sentences.clauses[said[0]]
    rest = [c for i in said for c in sentences.clauses[i]][1:]
    head = first[0] if first else None
    if head is None:
        return "unclear"
    opening = head.words[:3]
    refuses = lex.spans("refuse", head.words) or any(lex.has("refuse", c.words) for c in rest)
    confirms = bool([s for s, _ in lex.spans("confirm", opening) if s == 0])
    hedged = (head.negations or head.condition or head.doubt or head.question or len(first) > 1 and (
        lex.has("clause_break", first[1].words[:1]) or lex.has("doubt", first[1].words)))
    # "Ja, dat verzoek kwam van mij. Maar ... ik wil toch blijven": a turn or a change of mind after the yes
    # takes it back; a yes to something irreversible is only the yes
    turns = lex.words_of("turn")
    turned = any(c.words[:1] and c.words[0] in turns or c.retraction
                 or lex.has("again", c.words) and not lex.has("erase", c.words) for c in rest)
    if confirms and not refuses and not hedged and not turned \
            and not any(c.negations or c.doubt or c.question for c in rest):
        return "yes"
    if [s for s, _ in lex.spans("refuse", opening) if s == 0] or (head.negations and not confirms):
        return "no"
    return "unclear"


def keeps_data(sentences: Sentences) -> bool:
    """To "are you sure we erase everything?": the sender says, meaning it, that nothing is to be erased ("ik wil
    helemaal niet dat mijn gegevens verwijderd worden", "ich habe nie um Löschung gebeten"), that it stays ("laat
    alles maar staan", "please keep my data"), or that they take part after all ("ik doe gewoon mee"). Keeping is
    never irreversible: they can ask again."""
    for said in sentences.said:
        if not said.by_sender or said.by_other or not said.meant:
            continue
        if said.act == "erase" and not said.affirmed or said.act == "signup" and said.affirmed \
                and not said.clause.no_longer:
            return True
    return any(sentences.lex.has("keep", c.words) and not c.negations and not c.condition and not c.question
               for found in sentences.clauses for c in found)


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    if reading.pending_action is None:
        return []
    said = intent(reading.text)
    explained = said == "unclear" and reading.pending_action == ActionKind.FORGET and keeps_data(sentences)
    if explained:
        # a no in their own words ("dat is een misverstand", "ik heb daar nooit om gevraagd"): kept, and the
        # organiser reads why, for someone else may have asked in their name
        said = "no"
    used = tuple(i for i, _ in sentences)[:2]
    return [Found(Finding.CONFIRMATION, reading.text[:300],
                  {"intent": said, "action": reading.pending_action, "explained": explained}, used)]
