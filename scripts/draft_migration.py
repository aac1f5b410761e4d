"""Draft the next migration from the difference between models.py and the newest revision.

    .venv/bin/python scripts/draft_migration.py "what changed"

Builds a scratch SQLite database at the newest revision, lets Alembic compare it with the models
and writes ``mailbot/store/migrations/versions/NNNN_what_changed.py``. Read and finish it by hand
(see mailbot/store/migrations/README.md): SQLite compares no types, so a type change is not drafted.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.store import schema  # noqa: E402


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    message = sys.argv[1]
    number = f"{int(schema.head()) + 1:04d}"
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40]
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'scratch.db'}")
        with engine.begin() as conn:
            schema.upgrade(conn)
            config = schema.alembic_config(conn)
            config.set_main_option("file_template", f"%%(rev)s_{slug}")
            script = command.revision(config, message=message, autogenerate=True, rev_id=number)
        engine.dispose()
    print(f"written: {getattr(script, 'path', script)}")


if __name__ == "__main__":
    main()
