"""A reminder with a multi-line programme, as a browser lays it out at phone and desktop width.

Chromium measures where each programme line lands (a small script writes the
positions into the DOM it dumps) and photographs the mail; the screenshots are
test artefacts (``$MAILBOT_ARTEFACTS`` or the test's temporary folder), never committed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mailbot.mail.compose import compact_html
from mailbot.meetings.context import reminder_context
from mailbot.meetings.localtime import local_to_utc
from mailbot.meetings.model import Meeting, MeetingWords
from mailbot.wording.templates import Templates

AMSTERDAM_START = datetime(2027, 2, 11, 13, 0)
PROGRAMME = {"nl": ["13:00 Ontvangst met koffie", "13:30 Rondetafel: wie neemt de regie in het cluster?",
                    "15:00 Pauze", "16:30 Borrel"],
             "en": ["13:00 Welcome with coffee", "13:30 Round table: who leads the cluster?", "15:00 Break",
                    "16:30 Drinks"]}
MEASURE = """<script>
const lines = %s, found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node; (node = walker.nextNode());) {
  for (const line of lines) {
    if (node.textContent.trim().startsWith(line)) {
      const range = document.createRange(); range.selectNodeContents(node);
      found.push({line, top: range.getBoundingClientRect().top});
    }
  }
}
parent.postMessage(JSON.stringify({found, width: document.documentElement.scrollWidth}), "*");
</script>"""
# Headless Chromium will not make a window narrower than 500 px: the mail goes into a frame of the
# width under test, which is then its viewport, as a phone's screen would be.
HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="%s" width="%d" height="1400" style="border:0;display:block"></iframe>
<script>addEventListener("message", e => document.body.setAttribute("data-measured", e.data));</script>
</body></html>"""


def reminder_html(lang: str) -> str:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Amsterdam")
    start = local_to_utc(AMSTERDAM_START, tz)
    meeting = Meeting(id="m1", title="Bijeenkomst 1: Cluster governance", start=start,
                      end=start.replace(hour=start.hour + 4), location="Energy Valley",
                      address="Stationsplein 1, 9726 AE Groningen", programme="\n".join(PROGRAMME["nl"]),
                      translations=(("en", MeetingWords("Meeting 1: Cluster governance", "Energy Valley",
                                                        "\n".join(PROGRAMME["en"]))),))
    context = {**reminder_context(meeting, datetime(2027, 2, 10, 9, 0, tzinfo=UTC), tz, lang),
               "participant_name": "Dr. Thomas Keller", "programme_name": "Leerkring Clusters & clusterbeleid",
               "organiser_name": "Marloes Bakker"}
    html = Templates().render("reminder", lang, context).html
    assert html is not None
    return compact_html(html)  # exactly what goes into the mail


def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MAILBOT_ARTEFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chromium_run(chromium: str, args: list[str], page: Path, width: int) -> str:
    with tempfile.TemporaryDirectory(prefix="mailbot-chromium-") as profile:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--window-size={width},1400", *args, page.as_uri()],
            check=True, capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [375, 1024])
def test_the_programme_keeps_its_lines(chromium: str, tmp_path: Path, lang: str, width: int) -> None:
    html = reminder_html(lang)
    folder = artefacts(tmp_path)
    mail = folder / f"reminder-{lang}-{width}.mail.html"
    mail.write_text(html.replace("</body>", MEASURE % json.dumps(PROGRAMME[lang]) + "</body>"), encoding="utf-8")
    page = folder / f"reminder-{lang}-{width}.html"
    page.write_text(HOST % (mail.name, width), encoding="utf-8")
    dom = chromium_run(chromium, ["--dump-dom", "--virtual-time-budget=3000", "--allow-file-access-from-files"],
                       page, max(width, 500))
    measured = json.loads(re.search(r'data-measured="([^"]*)"', dom).group(1).replace("&quot;", '"'))
    tops = [item["top"] for item in measured["found"]]
    assert [item["line"] for item in measured["found"]] == PROGRAMME[lang]
    assert all(later > earlier for earlier, later in zip(tops, tops[1:], strict=False)), tops  # one line each
    assert measured["width"] <= width  # nothing sticks out sideways on a phone
    png = folder / f"reminder-{lang}-{width}.png"
    chromium_run(chromium, [f"--screenshot={png}", "--allow-file-access-from-files"], page, max(width, 500))
    assert png.stat().st_size > 1000
