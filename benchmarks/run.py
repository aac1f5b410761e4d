"""`make bench`: every benchmark in turn (backlog and memory, IDLE latency, digest and export, briefing,
reference trims, reading one mail, the deciding thread in process). Not a test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script, args in (("backlog.py", ["--sizes", "1000", "10000"]), ("idle_latency.py", []),
                         ("digest_render.py", []), ("brief_render.py", []), ("reference_trims.py", []),
                         ("reading.py", []), ("deciding.py", [])):
        print(f"== {script}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / script), *args])
    return failed


if __name__ == "__main__":
    sys.exit(main())
