"""A private PostgreSQL server for one test, which the test may stop, start, lock and exhaust.

``scripts/pg-cluster`` makes it (initdb as the postgres user, loopback only, thrown away after the
test); it needs Debian's postgresql package and root, as ``.ci/run`` has.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "pg-cluster"


def postgres_installed() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and os.geteuid() == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One server: ``url`` (the postgres database as superuser), ``stop()``, ``start()``, ``connections()``."""

    def __init__(self, *settings: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mailbot-pg-"))
        self.port = free_port()
        self.settings = settings
        self.url = ""

    def start(self) -> PgCluster:
        done = subprocess.run([str(SCRIPT), "start", str(self.folder), str(self.port), *self.settings],
                              capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"pg-cluster start failed: {done.stderr}{self.log()[-2000:]}")
        self.url = done.stdout.strip()
        return self

    def stop(self) -> None:
        subprocess.run([str(SCRIPT), "stop", str(self.folder)], capture_output=True, timeout=120, check=False)

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "server.log").read_text(errors="replace")
        return ""

    def database(self, name: str) -> str:
        """The URL of a new database on this server."""
        engine = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    @contextlib.contextmanager
    def connections(self, url: str = "") -> Iterator[list[sa.Connection]]:
        """Every connection the server still gives: while this lasts, nobody else gets one."""
        engine = sa.create_engine(url or self.url, poolclass=sa.pool.NullPool)
        held: list[sa.Connection] = []
        try:
            while True:
                try:
                    held.append(engine.connect())
                except sa.exc.OperationalError:
                    break
                if len(held) > 1000:
                    raise RuntimeError("the server gives more than 1000 connections: set max_connections")
            yield held
        finally:
            for conn in held:
                with contextlib.suppress(Exception):
                    conn.close()
            engine.dispose()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
