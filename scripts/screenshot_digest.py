"""Render the digest for a made-up circle and photograph it in headless Chromium, at a phone's width.

    .venv/bin/python scripts/screenshot_digest.py [--participants 60] [--lang nl] [--out DIR]

Writes digest.html, digest.txt and digest.png to DIR (default: a temporary folder) and
prints their paths. Look at the PNG before changing the templates; never commit it
(*.png is in .gitignore). Needs /usr/bin/chromium (``apt-get install -y chromium``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from mailbot.app import open_app
from mailbot.config import parse_config
from mailbot.digest.sample import seed_circle
from mailbot.digest.send import preview_digest
from mailbot.store.db import utcnow


def sample_config(folder: Path) -> dict[str, object]:
    start = (utcnow() + timedelta(days=9)).strftime("%Y-%m-%d")
    return {
        "programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
        "organisers": [{"name": "Ingrid Smit", "email": "organisatie@example.org"}],
        "imap": {"host": "127.0.0.1", "security": "none"},
        "smtp": {"host": "127.0.0.1", "security": "none"},
        "database": {"url": f"sqlite:///{folder / 'digest.db'}"},
        "meetings": [{"id": "m2", "title": "Bijeenkomst 2: Financieren en investeren", "start": f"{start} 13:00",
                      "end": f"{start} 17:00", "location": "Energy Valley",
                      "address": "Stationsplein 1, 9726 AE Groningen"}],
    }


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        sys.exit("no Chromium found: apt-get install -y chromium")
    return found


def screenshot(html: Path, png: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="mailbot-chromium-") as profile:
        subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png}",
             f"--window-size={width},{height}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--lang", choices=["nl", "en"], default="nl")
    parser.add_argument("--out", type=Path, help="folder for the files (default: a new temporary folder)")
    parser.add_argument("--width", type=int, default=420)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="mailbot-digest-"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "digest.db").unlink(missing_ok=True)
    app = open_app(parse_config(sample_config(out), out / "config.yaml"))
    now = utcnow()
    with app.db.session() as session:
        seed_circle(session, app.config.questionnaire, args.participants, now, meeting_id="m2")
    rendered = preview_digest(app, lang=args.lang, now=now)
    html, text, png = out / "digest.html", out / "digest.txt", out / "digest.png"
    html.write_text(rendered.html or "", encoding="utf-8")
    text.write_text(f"Subject: {rendered.subject}\n\n{rendered.text}", encoding="utf-8")
    screenshot(html, png, args.width, args.height)
    print(f"{html}\n{text}\n{png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
