"""`brief`: a meeting's briefing, shown (text or an HTML file) or sent to the organisers and its experts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mailbot.app import App
from mailbot.commands import EXIT_FAILURE, EXIT_OK, AddCommand


def cmd_brief(app: App, args: argparse.Namespace) -> int:
    from mailbot.briefs.send import find_meeting, render_briefing, send_briefing

    config = app.config
    if args.send:
        app.require_servers()
        result = send_briefing(app.db, config, app.templates, args.meeting, trigger="command")
        if not result.queued:
            print(f"mailbot: {result.message}", file=sys.stderr)
            return EXIT_FAILURE
        report = app.drain()
        # queued is safe: what the server did not take now, the next poll sends
        print(result.message if not report.error else f"{result.message}; not sent yet ({report.error}), "
                                                      "the next poll retries")
        return EXIT_OK
    meeting = find_meeting(config, args.meeting)
    if meeting is None:
        known = ", ".join(m.id for m in config.meetings) or "none configured"
        print(f"mailbot: no meeting {args.meeting!r} (meetings: {known})", file=sys.stderr)
        return EXIT_FAILURE
    with app.db.read_session() as session:
        rendered = render_briefing(session, config, app.templates, meeting, args.lang or config.digest.language)
    if args.preview:
        Path(args.preview).write_text(rendered.html or "", encoding="utf-8")
        print(f"preview written to {args.preview} (subject: {rendered.subject})")
    else:
        sys.stdout.write(f"Subject: {rendered.subject}\n\n{rendered.text}")
    return EXIT_OK


def register(add: AddCommand) -> None:
    p = add("brief", cmd_brief, "A meeting's briefing: who comes, their questions and offers (shown, or --send).")
    p.add_argument("meeting", help="the meeting: its id, its number in order of date, or words of its title")
    p.add_argument("--preview", metavar="FILE.html", help="write the HTML briefing to this file")
    p.add_argument("--send", action="store_true",
                   help="send it now to the organisers and the meeting's briefing.to (again, if sent before)")
    p.add_argument("--lang", choices=["nl", "en"], help="language of the preview (default: digest.language)")
