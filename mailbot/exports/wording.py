"""The words of the exports in the organiser's language: column headers, statuses, attendance.

Participants' answers are shown with the questionnaire's own labels (``describe_answer``);
what mailbot itself says in a cell lives here, once per language.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailbot.core.domain import Turnout

EXPORT_LANGUAGES = ("nl", "en")

HEADERS: Mapping[str, Mapping[str, str]] = {
    "nl": {"name": "Naam", "email": "E-mailadres", "organisation": "Organisatie", "status": "Status",
           "registered_at": "Aangemeld op", "language": "Taal", "remarks": "Opmerkingen en vragen",
           "notes": "Notities organisatie", "open_items": "Open punten", "attendance": "Aanwezigheid",
           "question": "Vraag", "option": "Antwoord", "count": "Aantal", "percent": "Percentage (%)",
           "answered": "Beantwoord door"},
    "en": {"name": "Name", "email": "Email address", "organisation": "Organisation", "status": "Status",
           "registered_at": "Registered on", "language": "Language", "remarks": "Remarks and questions",
           "notes": "Organiser's notes", "open_items": "Open items", "attendance": "Attendance",
           "question": "Question", "option": "Answer", "count": "Count", "percent": "Percentage (%)",
           "answered": "Answered by"},
}

STATUS_WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {"questionnaire_sent": "vragenlijst verstuurd", "partially_answered": "deels ingevuld",
           "answered": "ingevuld", "withdrawn": "afgemeld", "bounced": "onbereikbaar"},
    "en": {"questionnaire_sent": "questionnaire sent", "partially_answered": "partly answered",
           "answered": "answered", "withdrawn": "withdrawn", "bounced": "unreachable"},
}

TURNOUT_WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {Turnout.EXPECTED: "verwacht", Turnout.DECLINED: "komt niet", Turnout.UNKNOWN: "onzeker"},
    "en": {Turnout.EXPECTED: "expected", Turnout.DECLINED: "not attending", Turnout.UNKNOWN: "not sure"},
}

LANGUAGE_NAMES: Mapping[str, Mapping[str, str]] = {
    "nl": {"nl": "Nederlands", "en": "Engels"},
    "en": {"nl": "Dutch", "en": "English"},
}

# answers someone else sent for the participant, waiting for their yes (the "Open punten" column)
PROPOSED = {"nl": "Antwoorden van {by} ({at}), nog niet bevestigd door de deelnemer: {answers}",
            "en": "Answers from {by} ({at}), not yet confirmed by the participant: {answers}"}

GUESS_MARK = {"nl": "(vermoedelijk)", "en": "(guessed)"}  # after an organisation read from the mail address

THEMES_SHEET = {"nl": "Thema's", "en": "Themes"}
MATCHES_SHEET = {"nl": "Wie kan wie helpen", "en": "Who can help whom"}

MATCH_HEADERS: Mapping[str, Mapping[str, str]] = {
    "nl": {"asker": "Vraag van", "asker_organisation": "Organisatie", "asker_email": "E-mailadres",
           "helper": "Kan geholpen worden door", "helper_organisation": "Organisatie (helper)",
           "helper_email": "E-mailadres (helper)", "topic": "Onderwerp", "score": "Score", "reasons": "Waarom",
           "introduced": "Voorgesteld", "declined": "Wil niet voorgesteld worden"},
    "en": {"asker": "Question of", "asker_organisation": "Organisation", "asker_email": "Email address",
           "helper": "Can be helped by", "helper_organisation": "Organisation (helper)",
           "helper_email": "Email address (helper)", "topic": "Topic", "score": "Score", "reasons": "Why",
           "introduced": "Introduced", "declined": "Does not want to be introduced"},
}
MATCH_WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {"yes": "ja", "no": "nee", "nobody": "(nog niemand gevonden)"},
    "en": {"yes": "yes", "no": "no", "nobody": "(no one found yet)"},
}
PARTICIPANTS_SHEET = {"nl": "Deelnemers", "en": "Participants"}


def words(lang: str) -> str:
    """The export language for ``lang``: English for anything but Dutch."""
    return "nl" if lang == "nl" else "en"
