"""A request to erase one's data (AVG/GDPR art. 17): the sender asks to erase their own data, meant. Never
a question about how long we keep it or whether it can be done later ("kan ik ze laten wissen?"), never
"please do *not* delete my data", never someone else's data."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.reading import Found, Reading, Said, Sentences

name = "deletion"


def _erases(said: Said, sentences: Sentences) -> bool:
    words = said.clause.words
    # their data, or them: "alles wat u van mij heeft verwijderen", "delete everything you have on me"
    about_data = sentences.lex.has("data", words) or sentences.lex.has("first_object", words)
    return said.by_sender and not said.by_other and said.meant and said.affirmed and about_data


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    for said in sentences.acts("erase"):
        if _erases(said, sentences):
            return [Found(Finding.DELETION, sentences.items[said.sentence], {}, (said.sentence,))]
    return []
