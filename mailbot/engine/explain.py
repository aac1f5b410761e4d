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

from mailbot.config import Config
from mailbot.conversation.actions import answered_action
from mailbot.conversation.threads import thread_of
from mailbot.conversation.tokens import find_tokens
from mailbot.engine.classify import CHAIN, classify
from mailbot.engine.decide import raw_hash, reading_of
from mailbot.mail.authresults import assess_authenticity
from mailbot.mail.parse import MalformedMail, parse_mail
from mailbot.rules import Facts
from mailbot.store.db import utcnow
from mailbot.store.models import IncomingMessage, Participant
from mailbot.understand import understand

log = logging.getLogger(__name__)

_RULE_DESCRIPTIONS = {rule.name: rule.description for rule, _ in CHAIN}
# what each finding leads to, for the operator; the handlers in mailbot.handlers do the real work
_WOULD_DO = {
    "registration": "register the sender and send the questionnaire",
    "comeback": "welcome them back, keep their answers, send what is missing",
    "answers": "record the answers and confirm what was understood, asking only for what is missing",
    "correction": "update the answers (history kept) and confirm the new values",
    "attendance": "record who comes to which meeting (reminders follow) and acknowledge it",
    "withdrawal": "take the sender off the circle and confirm it, saying how to undo it",
    "colleague": "hand it to the organiser: only she changes someone else's record",
    "question": "forward it to the organiser at once and tell the sender so",
    "remark": "keep it on the participant's record",
    "deletion": "ask the address itself to confirm; nothing is erased yet",
    "confirmation": "carry out or cancel what waits for this sender's yes",
    "resend": "send the questionnaire again",
    "attachment": "forward the files to the organiser",
    "language": "forward it to the organiser and answer in English",
    "message": "forward it to the organiser",
    "contradiction": "change nothing, forward it to the organiser, say so",
    "unplaced": "store nothing of it, forward it to the organiser, say so (the questionnaire changed, or unclear)",
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
    notes: list[str] = []
    participant = None
    report: dict[str, Any] = {
        "sender": mail.sender, "sender_name": mail.sender_name, "subject": mail.subject,
        "message_id": mail.message_id, "new_text": mail.new_text, "sign_off": mail.sign_off,
        "signature": mail.signature, "disclaimer": mail.disclaimer, "quote_header": mail.quote_header,
        "quoted": mail.quoted, "attachments": [a.filename for a in mail.attachments],
    }
    authentication = config.authentication
    assessment = assess_authenticity(mail.authentication_results, authentication.trusted_servers, mail.sender,
                                     server_strips_forged=authentication.server_strips_forged)
    report["authenticity"] = {"level": str(assessment.level), "reason": assessment.reason}
    try:
        seen = IncomingMessage.raw_hash == raw_hash(raw)
        if mail.message_id:
            seen = or_(IncomingMessage.message_id == mail.message_id, seen)
        duplicate = session.scalar(select(IncomingMessage.id).where(seen).limit(1)) is not None
        if mail.sender:
            participant = session.scalar(select(Participant).where(Participant.email == mail.sender))
    except SQLAlchemyError as e:
        duplicate = False
        notes.append(f"database not readable, facts unknown: {type(e).__name__}")
    facts = Facts(own_addresses=frozenset({config.programme.address.lower()}), own_domain=config.programme.domain,
                  duplicate=duplicate)
    machine = classify(mail, facts)
    report["participant_status"] = participant.status if participant is not None else None
    if machine is not None:
        return {**report, "language": "", "kind": machine.kind, "rule": machine.rule,
                "rule_description": _RULE_DESCRIPTIONS.get(machine.rule, ""), "findings": [],
                "would_do": "nothing: made by a machine, stored and never answered" if machine.kind != "bounce"
                else "mark the participant it proves unreachable as bounced; no reply", "notes": notes}
    if mail.sender in config.organiser_addresses:
        return {**report, "language": "", "kind": "organiser", "rule": "organiser", "findings": [],
                "would_do": "read it as the organiser's: an answer, a command, an announcement or a note",
                "notes": notes}
    thread = thread_of(session, mail)
    action = answered_action(session, mail.sender, [thread.action_id] if thread and thread.action_id else [],
                             find_tokens(mail.subject, mail.text), utcnow())
    reading = reading_of(session, config, mail, participant, thread, action.kind if action else None, utcnow())
    findings = understand(reading)
    would = [_WOULD_DO.get(str(f.kind), str(f.kind)) for f in findings] or ["nothing: no reply needed"]
    if assessment.level == "forged":
        would = ["nothing: the sender is forged; the organiser is told"]
    return {**report, "new_text": reading.text, "language": reading.language,
            "kind": str(findings[0].kind) if findings else "message", "rule": "understand",
            "replies_to": reading.replies_to, "findings": [f.as_dict() for f in findings],
            "would_do": "; ".join(would), "notes": notes}
