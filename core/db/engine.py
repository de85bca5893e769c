"""Engine and session factory. One engine per process, built by the composition root."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from pgvector import Vector
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from core.config import Settings
from core.db.embedded import start_embedded


def resolve_database_url(settings: Settings) -> str:
    """The SQLAlchemy asyncpg URL: `DATABASE_URL` if set, else the embedded server."""
    url = settings.database_url
    if not url:
        return start_embedded(settings.hibachi_data_dir)
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


# A connection used this recently is taken as alive without a ping (HikariCP's
# "alive bypass window" has the same default).
ALIVE_BYPASS_SECONDS = 0.5


def make_engine(
    url: str, *, pool_size: int = 25, alive_bypass: float = ALIVE_BYPASS_SECONDS
) -> AsyncEngine:
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=10)
    event.listen(engine.sync_engine, "connect", _prepare_connection)
    _ping_stale_on_checkout(engine, alive_bypass)
    return engine


def _ping_stale_on_checkout(engine: AsyncEngine, alive_bypass: float) -> None:
    """Pessimistic disconnect handling, cheaper than ``pool_pre_ping``.

    The built-in pre-ping costs three round trips on asyncpg (BEGIN, the ping, ROLLBACK)
    on every checkout, and a turn checks out once: about a tenth of a turn's round trips
    under load. Here a connection idle for more than ``alive_bypass`` seconds is pinged
    with one trivial query; a failure makes the pool drop it and connect again (the pool
    retries a checkout that raises DisconnectionError)."""

    def checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("checked_in", 0.0) <= alive_bypass:
            return
        try:
            dbapi_connection.run_async(lambda conn: conn.execute("SELECT 1"))
        except Exception as exc:  # any failure means this connection is unusable
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc

    event.listen(engine.sync_engine, "checkin", checkin)
    event.listen(engine.sync_engine, "checkout", checkout)


def _encode_vector(value: Any) -> bytes:
    # SQLAlchemy's pgvector type hands us its text form; raw arrays come from literals.
    if isinstance(value, str):
        value = Vector._from_text(value)
    return (value if isinstance(value, Vector) else Vector(value)).to_binary()


def _prepare_connection(dbapi_connection: Any, _record: Any) -> None:
    """Once per pooled connection: pgvector values in binary on the wire (parsing 384
    floats from text costs ~0.1 ms a vector, and an FAQ search reads dozens), and the HNSW
    search settings, so an FAQ search does not spend a round trip setting them."""

    async def register(conn: Any) -> None:
        # A fresh database before its first migration has no vector type yet.
        with contextlib.suppress(ValueError):
            await conn.set_type_codec(
                "vector", schema="public", encoder=_encode_vector,
                decoder=Vector.from_binary, format="binary",
            )
        # A wider candidate list, and iterative scans so the station filter cannot starve
        # a search on the shared index. Before pgvector is loaded these are placeholders
        # that the extension adopts when it loads.
        await conn.execute("SET hnsw.ef_search = 100; SET hnsw.iterative_scan = relaxed_order")

    dbapi_connection.run_async(register)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
