"""What mailbot reads in one raw mail, and what it would do about it: nothing is stored or sent.

The same steps as a poll, stopped before the handler: parse, split the body, look up the
facts the rules need (read-only), classify. The report is a plain dict, ready for JSON;
a file that cannot be read or parsed gives ``{"file": ..., "error": ...}``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from mailbot.classify import CHAIN, classify
from mailbot.config import Config
from mailbot.decide import lookup_facts, raw_hash
from mailbot.domain import MACHINE_KINDS
from mailbot.language import detect_language
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.privacy.tokens import find_tokens
from mailbot.rules import Facts
from mailbot.store.models import IncomingMessage, Participant

log = logging.getLogger(__name__)

_RULE_DESCRIPTIONS = {rule.name: rule.description for rule, _ in CHAIN}
# One line per kind for the operator; the handlers in mailbot.handlers do the real work.
_WOULD_DO = {
    "interest": "register the sender as a participant and send the questionnaire",
    "answer": "record the answers and confirm them to the sender",
    "withdrawal": "take the participant off the learning circle and confirm it",
    "decline": "note that the sender cannot attend the meeting and acknowledge it",
    "question": "keep the question for the organiser and acknowledge it (at most once a day)",
    "forget_request": "send a confirmation mail with a token; nothing is deleted yet",
    "confirmation": "erase the sender's data if the token matches their request",
    "calendar_reply": "record the attendance from the calendar reply, without answering",
    "bounce": "mark the participants it names as unreachable ('bounced'); no reply",
    "unknown": "set it aside for a person: there is no sender address to act on",
}


def explain_file(path: Path, config: Config, session: Session) -> dict[str, Any]:
    """The report for one file; never raises for a bad file."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return {"file": str(path), "error": f"cannot read the file: {e.strerror or e}"}
    try:
        return {"file": str(path), **explain_mail(raw, config, session)}
    except MalformedMail as e:
        return {"file": str(path), "error": f"malformed mail: {e.reason}"}
    except Exception as e:  # noqa: BLE001 - one odd file must not stop the report on the others
        log.debug("explain %s failed", path, exc_info=True)
        return {"file": str(path), "error": f"{type(e).__name__}: {e}"[:500]}


def explain_mail(raw: bytes, config: Config, session: Session) -> dict[str, Any]:
    mail = parse_mail(raw)
    facts, participant, notes = _facts(session, mail, raw, config)
    classification = classify(mail, facts)
    language = participant.language if participant is not None else detect_language(
        f"{mail.subject}\n{mail.new_text}", config.programme.language
    )
    return {
        "sender": mail.sender,
        "sender_name": mail.sender_name,
        "subject": mail.subject,
        "message_id": mail.message_id,
        "language": language,
        "new_text": mail.new_text,
        "sign_off": mail.sign_off,
        "signature": mail.signature,
        "disclaimer": mail.disclaimer,
        "quote_header": mail.quote_header,
        "quoted": mail.quoted,
        "participant_status": facts.participant_status,
        "replies_to": facts.replies_to,
        "kind": classification.kind,
        "rule": classification.rule,
        "rule_description": _RULE_DESCRIPTIONS.get(classification.rule, ""),
        "would_do": _would_do(classification.kind, participant),
        "notes": notes,
    }


def _would_do(kind: str, participant: Participant | None) -> str:
    if kind in MACHINE_KINDS and kind != "bounce":
        return "nothing: stored and never answered"
    if kind == "withdrawal" and participant is None:
        return "nothing: the sender is not a participant"
    if kind == "interest" and participant is not None:
        return f"nothing new: the sender is already a participant ({participant.status}), unless they ask for a resend"
    return _WOULD_DO.get(kind, "set it aside for the organiser")


def _facts(session: Session, mail: IncomingMail, raw: bytes, config: Config) -> tuple[Facts, Participant | None,
                                                                                      list[str]]:
    """The facts the runner looks up before classifying (``decide.lookup_facts``), read-only."""
    try:
        seen = IncomingMessage.raw_hash == raw_hash(raw)
        if mail.message_id:
            seen = or_(IncomingMessage.message_id == mail.message_id, seen)
        duplicate = session.scalar(select(IncomingMessage.id).where(seen).limit(1)) is not None
        participant = session.scalar(select(Participant).where(Participant.email == mail.sender)) \
            if mail.sender else None
        return lookup_facts(session, config, mail, duplicate, participant), participant, []
    except SQLAlchemyError as e:
        own = Facts(own_addresses=frozenset({config.programme.address.lower()}), own_domain=config.programme.domain,
                    reply_tokens=find_tokens(mail.subject, mail.text))
        return own, None, [f"database not readable, facts unknown: {type(e).__name__}"]
