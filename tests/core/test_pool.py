"""Pooled connections the server dropped are replaced before use."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from core.db.engine import make_engine


async def test_a_connection_the_server_dropped_is_replaced_at_checkout(database_url: str) -> None:
    engine = make_engine(database_url, pool_size=1, alive_bypass=0.05)
    other = make_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            old_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        # As after a database restart or an idle timeout: the pooled connection is gone.
        async with other.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": old_pid})
        await asyncio.sleep(0.2)  # longer than the alive-bypass window
        async with engine.connect() as conn:
            new_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert new_pid != old_pid
    finally:
        await engine.dispose()
        await other.dispose()
