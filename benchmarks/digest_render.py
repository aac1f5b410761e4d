"""How long the organiser's digest takes to make, for a circle of 60 and of 5,000 participants.

    .venv/bin/python benchmarks/digest_render.py [--sizes 60 5000] [--repeat 3]

Each size gets a made-up circle (``mailbot.digest.sample``) in a fresh SQLite file.
Prints the best of ``--repeat`` runs per step: collect (database -> DigestData),
render (context + Jinja text/HTML), csv and xlsx (the attachments). No pass/fail.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.app import App, open_app  # noqa: E402
from mailbot.config import parse_config  # noqa: E402
from mailbot.digest.sample import seed_circle  # noqa: E402
from mailbot.digest.send import collect_since_last, render_digest  # noqa: E402
from mailbot.exports.files import participants_csv, participants_xlsx  # noqa: E402
from mailbot.people.records import participant_records  # noqa: E402
from mailbot.store.db import utcnow  # noqa: E402


def circle(folder: Path, size: int) -> App:
    raw = {"programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
           "organisers": [{"name": "Organisatie", "email": "organisatie@example.org"}],
           "imap": {"host": "127.0.0.1", "security": "none"}, "smtp": {"host": "127.0.0.1", "security": "none"},
           "database": {"url": f"sqlite:///{folder / f'digest{size}.db'}"}}
    app = open_app(parse_config(raw, folder / "config.yaml"))
    with app.db.session() as session:
        seed_circle(session, app.config.questionnaire, size, utcnow())
    return app


def best(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(app: App, repeat: int) -> dict[str, float]:
    now = utcnow()
    questionnaire = app.config.questionnaire

    def collect() -> object:
        with app.db.read_session() as session:
            return collect_since_last(session, app.config, now, now)

    def records() -> object:
        with app.db.read_session() as session:
            return participant_records(session, questionnaire)

    t_collect, data = best(repeat, collect)
    t_render, rendered = best(repeat, lambda: render_digest(app.templates, app.config, data, "nl", now))  # type: ignore[arg-type]
    t_records, rows = best(repeat, records)
    t_csv, _ = best(repeat, lambda: participants_csv(rows, app.config, "nl"))  # type: ignore[arg-type]
    t_xlsx, _ = best(repeat, lambda: participants_xlsx(rows, app.config, "nl"))  # type: ignore[arg-type]
    html_kb = len((rendered.html or "").encode()) / 1024  # type: ignore[attr-defined]
    return {"collect": t_collect, "render": t_render, "digest": t_collect + t_render,
            "csv": t_records + t_csv, "xlsx": t_records + t_xlsx, "html_kb": html_kb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'participants':>12}  {'collect':>8}  {'render':>8}  {'digest':>8}  {'csv':>8}  {'xlsx':>8}  {'html':>8}")
    with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as folder:
        for size in args.sizes:
            m = measure(circle(Path(folder), size), args.repeat)
            print(f"{size:>12}  {m['collect']:>7.3f}s  {m['render']:>7.3f}s  {m['digest']:>7.3f}s  "
                  f"{m['csv']:>7.3f}s  {m['xlsx']:>7.3f}s  {m['html_kb']:>6.0f}kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
