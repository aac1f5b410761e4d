"""Who can help whom as a table, the same for the XLSX's sheet and the CSV. Pure.

One row per match, askers in order of registration and their helpers best first; an asker whom
no one's experience fits has one row with the helper's cells empty, so that she sees them too.
"""

from __future__ import annotations

from mailbot.answers.questionnaire import Questionnaire
from mailbot.exports.table import Cell, Table
from mailbot.exports.wording import MATCH_HEADERS, MATCH_WORDS, words
from mailbot.matching.model import Matches, Profile
from mailbot.matching.words import reasons, topic, weight


def matches_table(matches: Matches, questionnaire: Questionnaire, lang: str) -> Table:
    lang = words(lang)
    h, w = MATCH_HEADERS[lang], MATCH_WORDS[lang]

    def declined(*people: Profile) -> str:
        return ", ".join(p.display_name for p in people if not p.introductions)

    rows: list[tuple[Cell, ...]] = []
    unmatched = {p.id for p in matches.unmatched}
    for asker in matches.askers:
        for m in matches.helpers_of(asker.id):
            rows.append((asker.display_name, asker.organisation, asker.email, m.helper.display_name,
                         m.helper.organisation, m.helper.email, topic(m, questionnaire, lang),
                         weight(m.score, lang), "\n".join(reasons(m, questionnaire, lang)),
                         w["yes"] if matches.was_introduced(m) else w["no"], declined(asker, m.helper)))
        if asker.id in unmatched:
            rows.append((asker.display_name, asker.organisation, asker.email, "", "", "", w["nobody"], "", "", "",
                         declined(asker)))
    return Table(header=(h["asker"], h["asker_organisation"], h["asker_email"], h["helper"],
                         h["helper_organisation"], h["helper_email"], h["topic"], h["score"], h["reasons"],
                         h["introduced"], h["declined"]), rows=tuple(rows))
