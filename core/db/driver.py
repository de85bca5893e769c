"""The asyncpg connection under a session's transaction, for the per-turn hot path.

A statement through SQLAlchemy Core costs about 0.33 ms of Python here; the same
statement sent straight to asyncpg costs about 0.1 ms, and an inbound message runs a
dozen of them (docs/benchmarks.md). Repositories use this for their few fixed hot-path
statements; everything else stays in SQLAlchemy. The statement runs on the same
connection, inside the same transaction, so the unit of work is unchanged.
"""

from __future__ import annotations

import json
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_BEGIN = text("SELECT 1")


async def driver(session: AsyncSession, *, begin: bool = True) -> asyncpg.Connection:
    """The session's asyncpg connection, with the session's transaction begun.

    SQLAlchemy's asyncpg adapter sends BEGIN lazily, with the first statement it runs;
    a raw statement before that would run outside the transaction (autocommit). So when
    none has run yet, one trivial statement through SQLAlchemy begins it. ``begin=False``
    leaves that to the caller, for a statement meant to be its own transaction."""
    conn = await session.connection()
    raw = (await conn.get_raw_connection()).driver_connection
    assert isinstance(raw, asyncpg.Connection)
    if begin and not raw.is_in_transaction():
        await conn.execute(_BEGIN)
    return raw


def jsonb(value: Any) -> str:
    """A JSONB parameter: the engine's codec takes the JSON text, not the object."""
    return json.dumps(value)
