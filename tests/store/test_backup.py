"""Backups that are backups: checked before they get their name, never half-written under a good name,
one upgrader at a time, and on PostgreSQL a pg_dump that restores (or a clear word when there is none)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from mailbot.store import schema
from tests.database import database_url, on_sqlite
from tests.fakes import config_dict
from tests.servers.postgres import PgCluster
from tests.store.test_migrations import build_v1

pytestmark = pytest.mark.integration


def configured(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config_dict(tmp_path, database={"url": url})))
    path.chmod(0o600)
    return path


def mailbot(config: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mailbot", "--config", str(config), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=config.parent)


def finished(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


@pytest.mark.skipif(not on_sqlite(), reason="the SQLite file's own backup")
def test_a_sqlite_backup_is_checked_and_a_killed_one_leaves_no_good_looking_file(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    build_v1(url)
    config = configured(tmp_path, url)
    code, _, err = finished(mailbot(config, "backup", "--to", str(tmp_path / "nowhere" / "x.bak")))
    assert code == 1 and err.count("\n") == 1 and "no folder" in err, err
    (tmp_path / "copies").mkdir()
    code, _, _ = finished(mailbot(config, "backup", "--to", str(tmp_path / "copies"),
                                  env={"MAILBOT_CRASH_AT": "backup_before_rename"}))
    assert code == -9
    left = sorted(p.name for p in (tmp_path / "copies").iterdir())
    assert len(left) == 1 and left[0].endswith(".partial"), left  # never named like a good one

    code, out, err = finished(mailbot(config, "backup", "--to", str(tmp_path / "copies")))
    assert code == 0, err
    [good] = [p for p in (tmp_path / "copies").iterdir() if p.name.endswith(".bak")]
    assert f"backup: {good} (" in out and "checked" in out
    with sqlite3.connect(good) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT email FROM participants").fetchall() == [("anna@org.example",)]
    assert good.stat().st_mode & 0o777 == 0o600


def test_two_upgrades_at_once_queue_and_the_second_finds_nothing_to_do(tmp_path: Path) -> None:
    url = database_url(tmp_path)
    build_v1(url)
    config = configured(tmp_path, url)
    backups = tmp_path / "backups"
    backups.mkdir()
    both = [mailbot(config, "upgrade", "--backup-dir", str(backups)) for _ in range(2)]
    results = [finished(proc) for proc in both]
    assert [code for code, _, _ in results] == [0, 0], results
    outs = sorted(out for _, out, _ in results)
    assert sum(f"upgraded from 0001 to {schema.head()}" in out for out in outs) == 1, outs
    assert sum("nothing to do" in out for out in outs) == 1, outs
    made = [p.name for p in backups.iterdir()]
    assert len(made) == 1 and not made[0].endswith(".partial"), made


def test_a_postgresql_upgrade_dumps_the_schema_first_and_the_dump_restores(
        tmp_path: Path, pg_cluster: PgCluster) -> None:
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is not on the PATH: apt-get install postgresql-client (.ci/run installs postgresql)")
    url = pg_cluster.database("circle")
    build_v1(url)
    config = configured(tmp_path, url)
    code, out, err = finished(mailbot(config, "upgrade", "--backup-dir", str(tmp_path)))
    assert code == 0, err
    [dump] = list(tmp_path.glob("circle.before-*.sql"))
    assert f"backup: {dump} (" in out and "checked" in out, out
    assert "COPY public.participants" in dump.read_text()

    restored = pg_cluster.database("restored")
    done = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-f", str(dump),
                           restored.replace("postgresql+psycopg", "postgresql")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    engine = sa.create_engine(restored)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT email FROM participants")).scalars().all() == ["anna@org.example"]
            assert conn.execute(sa.text("SELECT count(*) FROM messages")).scalar() == 1
    finally:
        engine.dispose()

    # mailbot backup on its own, into a folder
    code, out, err = finished(mailbot(config, "backup", "--to", str(tmp_path)))
    assert code == 0 and "circle.backup-" in out, err


def test_without_pg_dump_the_upgrade_says_no_backup_was_made_and_how_to_make_one(
        tmp_path: Path, pg_cluster: PgCluster) -> None:
    url = pg_cluster.database("circle")
    build_v1(url)
    config = configured(tmp_path, url)
    bare = tmp_path / "bin"
    bare.mkdir()
    code, out, err = finished(mailbot(config, "upgrade", "--backup-dir", str(tmp_path), env={"PATH": str(bare)}))
    assert code == 0, err
    assert "no backup made: pg_dump is not installed" in err and "make one with: pg_dump" in err, err
    assert f"upgraded from 0001 to {schema.head()}" in out
    assert list(tmp_path.glob("*.sql")) == []
