"""How long a meeting's briefing takes to make, for a circle of 60 and of 5,000 participants, against the digest.

    .venv/bin/python benchmarks/brief_render.py [--sizes 60 5000] [--repeat 3]

Each size gets a made-up circle (``mailbot.digest.sample``) in a fresh SQLite file, with a
meeting that names two themes. Prints the best of ``--repeat`` runs per step: collect
(database -> Brief), render (context + Jinja text/HTML) and the XLSX attachment; and, on the
same circle in the same run, the digest (collect + render) as the baseline, with the ratio
briefing/digest. Writes JSON to ``benchmarks/results/``. No pass/fail.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.app import App, open_app  # noqa: E402
from mailbot.briefs.collect import brief_of  # noqa: E402
from mailbot.briefs.context import brief_context  # noqa: E402
from mailbot.config import parse_config  # noqa: E402
from mailbot.digest.sample import seed_circle  # noqa: E402
from mailbot.digest.send import collect_since_last, render_digest  # noqa: E402
from mailbot.exports.files import participants_xlsx  # noqa: E402
from mailbot.store.db import utcnow  # noqa: E402
from mailbot.wording.templates import base_context  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def circle(folder: Path, size: int) -> App:
    start = utcnow() + timedelta(days=10)
    raw = {"programme": {"name": "Leerkring Clusters & clusterbeleid", "address": "leerkring@example.org"},
           "organisers": [{"name": "Organisatie", "email": "organisatie@example.org"}],
           "imap": {"host": "127.0.0.1", "security": "none"}, "smtp": {"host": "127.0.0.1", "security": "none"},
           "database": {"url": f"sqlite:///{folder / f'brief{size}.db'}"},
           "meetings": [{"id": "m1", "title": "Bijeenkomst 1: Cluster governance", "location": "Energy Valley",
                         "start": f"{start:%Y-%m-%d} 13:00", "end": f"{start:%Y-%m-%d} 17:00",
                         "themes": {"themes": ["governance", "roles"]}}]}
    app = open_app(parse_config(raw, folder / "config.yaml"))
    with app.db.session() as session:
        seed_circle(session, app.config.questionnaire, size, utcnow())
    return app


def best(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(app: App, repeat: int) -> dict[str, float]:
    config, now = app.config, utcnow()
    meeting = config.meetings[0]

    def collect() -> Any:
        with app.db.read_session() as session:
            return brief_of(session, config, meeting)

    def render(brief: Any) -> Any:
        context = brief_context(brief, config.questionnaire, config.timezone, "nl")
        return app.templates.render("briefing", "nl", base_context(config, "Organisatie") | context)

    def digest() -> Any:
        with app.db.read_session() as session:
            data = collect_since_last(session, config, now, now)
        return render_digest(app.templates, config, data, "nl", now)

    t_collect, (brief, records) = best(repeat, collect)
    t_render, rendered = best(repeat, lambda: render(brief))
    t_xlsx, _ = best(repeat, lambda: participants_xlsx(records, config, "nl"))
    t_digest, _ = best(repeat, digest)
    return {"participants": len(records), "collect_s": t_collect, "render_s": t_render,
            "briefing_s": t_collect + t_render, "xlsx_s": t_xlsx, "digest_s": t_digest,
            "ratio": (t_collect + t_render) / t_digest, "html_kb": len((rendered.html or "").encode()) / 1024,
            "questions": len(brief.questions)}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'size':>6}  {'collect':>8}  {'render':>8}  {'briefing':>9}  {'xlsx':>8}  {'digest':>8}  "
          f"{'ratio':>6}  {'html':>7}")
    results = []
    with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as folder:
        for size in args.sizes:
            m = {"size": size, **measure(circle(Path(folder), size), args.repeat)}
            results.append(m)
            print(f"{size:>6}  {m['collect_s']:>7.3f}s  {m['render_s']:>7.3f}s  {m['briefing_s']:>8.3f}s  "
                  f"{m['xlsx_s']:>7.3f}s  {m['digest_s']:>7.3f}s  {m['ratio']:>6.2f}  {m['html_kb']:>5.0f}kB")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "brief_render.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
