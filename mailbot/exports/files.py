"""The organiser's files, from participant records to bytes: CSV, XLSX and the JSON other tools read.

The CSV and XLSX speak the organiser's language (``lang``: ``digest.language`` or her own);
the JSON keeps its shape for tools: option *ids*, the stored statuses, UTC times.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailbot.config import Config
from mailbot.exports.csv_file import DEFAULT_DIALECT, csv_bytes
from mailbot.exports.matches import matches_table
from mailbot.exports.table import participant_table
from mailbot.matching.model import Matches
from mailbot.people.attendance import presence
from mailbot.people.records import ParticipantRecord
from mailbot.people.roles import roles_of


def participants_csv(records: Sequence[ParticipantRecord], config: Config, lang: str, *,
                     dialect: str = DEFAULT_DIALECT, ids: bool = False) -> bytes:
    table = participant_table(records, config.questionnaire, config.meetings, config.timezone, lang, ids=ids)
    return csv_bytes(table, dialect)


def participants_xlsx(records: Sequence[ParticipantRecord], config: Config, lang: str, *, ids: bool = False,
                      matches: Matches | None = None) -> bytes:
    """The participants and the counts per option; with ``matches``, who can help whom on a third sheet."""
    from mailbot.exports.workbook import themes_table, workbook_bytes  # openpyxl: a twentieth of a poll's start

    table = participant_table(records, config.questionnaire, config.meetings, config.timezone, lang, ids=ids)
    found = matches_table(matches, config.questionnaire, lang) if matches is not None else None
    return workbook_bytes(table, themes_table(records, config.questionnaire, lang), lang, found)


def matches_csv(matches: Matches, config: Config, lang: str, *, dialect: str = DEFAULT_DIALECT) -> bytes:
    return csv_bytes(matches_table(matches, config.questionnaire, lang), dialect)


def participant_json(record: ParticipantRecord, config: Config | None = None) -> dict[str, Any]:
    """One participant as ``export --format json`` has always given it, plus the meetings they answered about
    (``attendance``: what was said), with ``config`` whom to count on (``turnout``: ``people.attendance``) and,
    while there are any, the answers someone else proposed for them (not theirs until they confirm)."""
    data: dict[str, Any] = {
        "email": record.email, "name": record.name, "organisation": record.guessed_organisation,
        "language": record.language, "status": record.status,
        "registered_at": record.registered_at.isoformat(timespec="seconds") + "Z",
        "answers": dict(record.answers), "attendance": dict(record.attendance)}
    if config is not None:
        all_meetings = roles_of(config.questionnaire).all_meetings
        data["turnout"] = {m.id: str(t) for m in config.meetings
                           if (t := presence(record.status, record.attendance, record.answers, m.id, all_meetings))}
    if record.proposed:  # only then: the shape tools know stays as it was
        data["proposed"] = [{"by": p.by, "at": p.at.isoformat(timespec="seconds") + "Z",
                             "expires_at": p.expires_at.isoformat(timespec="seconds") + "Z",
                             "answers": dict(p.answers)} for p in record.proposed]
    return data
