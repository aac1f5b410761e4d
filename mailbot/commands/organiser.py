"""The organiser's commands: digest, participants, resend-questionnaire, withdraw, note.

Each prints one line saying what it did; an address that is not a participant is
exit code 1 with a message that says so. What the organiser asks for explicitly is
not rate limited: the limit protects against loops with machines, not against her.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand
from mailbot.conversation.questionnaire_mail import queue_questionnaire
from mailbot.core.domain import GONE, Status
from mailbot.engine.reports import STATUSES
from mailbot.outbox.queue import Outbox, new_outbox
from mailbot.outbox.sender import DrainReport
from mailbot.store.db import utcnow
from mailbot.store.models import Note, Participant

# ---------------------------------------------------------------- organiser actions (no incoming mail)


def find_participant(session: Session, email: str) -> Participant | None:
    return session.scalar(select(Participant).where(func.lower(Participant.email) == email.strip().lower()))


def queue_questionnaire_again(outbox: Outbox, participant: Participant) -> bool:
    """The questionnaire once more, as a new mail (nothing to reply to); False for a forgotten address."""
    if outbox.suppressed(participant.email):
        return False
    queue_questionnaire(outbox, participant, counts_for_limit=False)
    return True


def _unknown(email: str) -> int:
    print(f"mailbot: no participant with the address {email}", file=sys.stderr)
    return EXIT_FAILURE


def _sent_line(done: str, report: DrainReport) -> str:
    return done if not report.error else f"{done}; not sent yet ({report.error}), the next poll retries"


# ---------------------------------------------------------------- commands


def cmd_digest(app: App, args: argparse.Namespace) -> int:
    from mailbot.digest.send import preview_digest, queue_digest

    if args.send:
        app.require_servers()
        result = queue_digest(app.db, app.config, app.templates, trigger="command", force=args.force)
        if not result.queued:
            print(result.message)
            return EXIT_OK
        report = app.drain()
        print(_sent_line(f"digest sent to {', '.join(result.recipients)}", report))
        return EXIT_OK
    rendered = preview_digest(app.db, app.config, app.templates, lang=args.lang)
    if args.output:
        Path(args.output).write_text(rendered.html or "", encoding="utf-8")
        print(f"preview written to {args.output} (subject: {rendered.subject})")
    else:
        sys.stdout.write(f"Subject: {rendered.subject}\n\n{rendered.text}")
    return EXIT_OK


def cmd_participants(app: App, args: argparse.Namespace) -> int:
    from mailbot.exports.terminal import as_columns, as_tsv, participant_rows
    from mailbot.people.records import participant_records

    with app.db.read_session() as session:
        records = participant_records(session, app.config.questionnaire, args.status)
    rows = participant_rows(records, app.config.questionnaire, app.config.timezone)
    if not sys.stdout.isatty():
        sys.stdout.write(as_tsv(rows))
        return EXIT_OK
    print(f"{len(rows)} participant(s)" + (f" with status {args.status}" if args.status else ""))
    sys.stdout.write(as_columns(rows, shutil.get_terminal_size().columns))
    return EXIT_OK


def cmd_resend_questionnaire(app: App, args: argparse.Namespace) -> int:
    app.require_servers()
    with app.db.session() as session:
        participant = find_participant(session, args.email)
        if participant is None:
            return _unknown(args.email)
        outbox = new_outbox(session, app.config, app.templates)
        if not queue_questionnaire_again(outbox, participant):
            print(f"mailbot: {participant.email} asked to be forgotten; nothing sent", file=sys.stderr)
            return EXIT_FAILURE
        address, status = participant.email, participant.status
    report = app.drain()
    note = f" (status: {status})" if status in GONE else ""
    print(_sent_line(f"questionnaire sent again to {address}{note}", report))
    return EXIT_OK


def cmd_withdraw(app: App, args: argparse.Namespace) -> int:
    with app.db.session() as session:
        participant = find_participant(session, args.email)
        if participant is None:
            return _unknown(args.email)
        address, already = participant.email, participant.status == Status.WITHDRAWN
        if not already:
            participant.status = Status.WITHDRAWN
            participant.updated_at = utcnow()
    print(f"{address} had withdrawn already" if already else f"{address} is withdrawn (no mail sent)")
    return EXIT_OK


def cmd_note(app: App, args: argparse.Namespace) -> int:
    text = args.text.strip()
    if not text:
        print("mailbot: the note is empty", file=sys.stderr)
        return EXIT_FAILURE
    with app.db.session() as session:
        participant = find_participant(session, args.email)
        if participant is None:
            return _unknown(args.email)
        session.add(Note(participant=participant, source="organiser", text=text[:4000], flagged=args.flag,
                         created_at=utcnow()))
        address = participant.email
    print(f"note added to {address}" + (" (flagged for the digest)" if args.flag else ""))
    return EXIT_OK


def register(add: AddCommand) -> None:
    p = add("digest", cmd_digest, "Send the organiser's digest now (--send) or show it without sending.")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--send", action="store_true",
                      help="record and send the digest for the period since the last one; a quiet period "
                           "sends nothing unless digest.send_empty is true or --force is given")
    mode.add_argument("--preview", action="store_true", help="render the digest without sending or recording it")
    p.add_argument("--force", action="store_true", help="with --send: send even when nothing happened")
    p.add_argument("--output", "-o", help="with --preview: write the HTML part to this file (default: print the text)")
    p.add_argument("--lang", choices=["nl", "en"], help="with --preview: language (default: digest.language)")
    p = add("participants", cmd_participants, "Show the participants as a table.")
    p.add_argument("--status", choices=STATUSES, help="only participants with this status")
    p = add("resend-questionnaire", cmd_resend_questionnaire, "Send the questionnaire to a participant again.")
    p.add_argument("email")
    p = add("withdraw", cmd_withdraw, "Mark a participant as withdrawn (no mail is sent).")
    p.add_argument("email")
    p = add("note", cmd_note, "Add the organiser's note to a participant.")
    p.add_argument("email")
    p.add_argument("text")
    p.add_argument("--flag", action="store_true", help="show the note in the next digest")
