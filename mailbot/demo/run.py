"""``mailbot demo``: the whole loop, on built-in servers, with realistic sample mail. No config needed.

It starts an IMAP server (pymap) and an SMTP server (aiosmtpd) in this process on
free loopback ports, drops sample mail into the mailbox, and runs real poll
cycles through the same Runner that ``mailbot run`` uses.
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import datetime, timedelta
from email.utils import format_datetime, make_msgid
from importlib import resources
from pathlib import Path
from typing import Any

from imapclient import IMAPClient

from mailbot.app import open_app
from mailbot.briefs.send import render_briefing
from mailbot.commands import table
from mailbot.config import Config, parse_config
from mailbot.demo.servers import Delivery, PymapServer, SmtpSink
from mailbot.engine.reports import messages, participants
from mailbot.store.db import Database
from mailbot.wording.templates import Templates

ADDRESS = "leerkring@example.org"
PASSWORD = "demo-password"


def _config(imap_port: int, smtp_port: int, database: Path) -> dict[str, Any]:
    start = (datetime.now() + timedelta(days=30)).replace(hour=13, minute=0, second=0, microsecond=0)
    fmt = "%Y-%m-%d %H:%M"
    return {
        "timezone": "Europe/Amsterdam",
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": ADDRESS, "language": "nl"},
        "organisers": [{"name": "Marloes Bakker", "email": "organiser@example.org"}],
        "imap": {"host": "127.0.0.1", "port": imap_port, "security": "none", "username": ADDRESS,
                 "password": PASSWORD, "folder": "INBOX", "processed_folder": "Processed", "poll_interval": 60},
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none", "username": "", "password": ""},
        "database": {"url": f"sqlite:///{database}"},
        "meetings": [{"id": "m1", "title": "Bijeenkomst 1: Cluster governance", "start": start.strftime(fmt),
                      "end": (start + timedelta(hours=4)).strftime(fmt), "location": "Energy Valley",
                      "address": "Stationsplein 1, 9726 AE Groningen",
                      "programme": "13:00 Ontvangst\n13:30 Rondetafel cluster governance\n16:30 Borrel",
                      "themes": {"themes": ["governance", "roles"]},
                      "briefing": {"to": ["m.ebbekink@example.nl"], "days_before": 10}}],
    }


def _samples() -> list[bytes]:
    folder = resources.files("mailbot.demo") / "mails"
    return [f.read_bytes() for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".eml")]


def _answer_inline(questionnaire_mail: Delivery, sender: str, name: str) -> bytes:
    """A participant's reply as Gmail writes it: the questionnaire quoted, marks and answers typed inside."""
    msg = questionnaire_mail.message
    body = msg.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    answers = iter(["High Tech Campus Eindhoven", "Brainport Eindhoven",
                    "How do we keep companies committed once the subsidies stop?", "", "", ""])
    lines, mark_next = [], False
    for line in text.splitlines():
        if re.match(r"^\d+\. ", line):
            mark_next = True
        elif mark_next and line.startswith("[ ]"):
            line, mark_next = line.replace("[ ]", "[x]", 1), False
        elif line.strip() == "Answer:":
            typed = next(answers, "")
            line, mark_next = (f"Answer: {typed}" if typed else line), False
        lines.append("> " + line)
    reply = "\n".join(["Here are my answers.", "", "Kind regards,", name, "",
                       f"On {msg['Date']}, {msg['From']} wrote:", *lines])
    return (f"From: {name} <{sender}>\r\nTo: {ADDRESS}\r\nSubject: {msg['Subject']}\r\n"
            f"Date: {format_datetime(datetime.now().astimezone())}\r\n"
            f"Message-ID: {make_msgid(domain='hightechcampus.example')}\r\n"
            f"In-Reply-To: {msg['Message-ID']}\r\nReferences: {msg['Message-ID']}\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{reply}\r\n").encode()


def _append(port: int, raws: list[bytes]) -> None:
    with IMAPClient("127.0.0.1", port=port, ssl=False, timeout=30) as client:
        client.login(ADDRESS, PASSWORD)
        for raw in raws:
            client.append("INBOX", raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _print_table(rows: list[dict[str, Any]]) -> None:
    print("Incoming mail and what mailbot decided:\n")
    print(table([{**r, "subject": r["subject"][:50]} for r in rows], ["from", "subject", "kind", "state", "reason"],
                {"from": 34, "subject": 40, "reason": 60}))


def _print_briefing(db: Database, config: Config, templates: Templates) -> None:
    """The briefing of the first meeting, as the organisers and its expert would get it (``mailbot brief m1``)."""
    meeting = min(config.meetings, key=lambda m: m.start)
    with db.read_session() as session:
        rendered = render_briefing(session, config, templates, meeting, config.organisers[0].language)
    print(f"\nThe briefing for {meeting.id} (`mailbot brief {meeting.id}`), to the organiser and its expert:\n")
    print(f"Subject: {rendered.subject}\n\n{rendered.text}")


def run_demo(database: str | None = None, outdir: str | None = None) -> int:
    work = Path(tempfile.mkdtemp(prefix="mailbot-demo-"))
    db_path = Path(database) if database else work / "mailbot.db"
    out = Path(outdir) if outdir else work / "sent"
    out.mkdir(parents=True, exist_ok=True)
    with PymapServer(ADDRESS, PASSWORD) as imap, SmtpSink() as smtp:
        config = parse_config(_config(imap.port, smtp.port, db_path), work / "config.yaml")
        app = open_app(config)
        runner = app.runner
        print(f"mailbot demo: IMAP on 127.0.0.1:{imap.port}, SMTP on 127.0.0.1:{smtp.port}, database {db_path}\n")
        samples = _samples()
        first, later = samples[:6], samples[6:]
        _append(imap.port, first)
        print(f"round 1: {len(first)} mails in the mailbox "
              "(interest nl/en, out-of-office, bounce, newsletter, question)")
        runner.poll()
        sarah = "s.miller@hightechcampus.example"
        questionnaire = smtp.to(sarah)
        answers = [_answer_inline(questionnaire[0], sarah, "Sarah Miller")] if questionnaire else []
        _append(imap.port, later + answers)
        print(f"round 2: {len(later) + len(answers)} mails (a withdrawal, a reply with answers)")
        runner.poll()
        with app.db.session() as session:
            rows = messages(session)
            people = participants(session, config.questionnaire)
        print()
        _print_table(rows)
        print("\nParticipants:")
        for p in people:
            print(f"  {p['email']:38} {p['status']:20} {p['language']}  answers: {p['answers']}")
        print(f"\nReplies sent ({smtp.count()}), saved in {out}:")
        for i, delivery in enumerate(smtp.deliveries, start=1):
            msg = delivery.message
            path = out / f"{i:02d}-{delivery.recipients[0].split('@')[0]}.eml"
            path.write_bytes(delivery.raw)
            print(f"  {path.name:34} to {delivery.recipients[0]:38} {msg['Subject']}")
        dutch = smtp.to("j.devries@gelderland.example")
        first_reply = dutch[0].message if dutch else None
        if first_reply is not None:
            body = first_reply.get_body(preferencelist=("plain",))
            text = body.get_content() if body else ""
            print(f"\nThe reply to the first (Dutch) registration, as the participant sees it:\n\n{text}")
        _print_briefing(app.db, config, app.templates)
    sys.stdout.flush()
    return 0
