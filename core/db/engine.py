"""Engine and session factory. One engine per process, built by the composition root."""

from __future__ import annotations

import contextlib
from typing import Any

from pgvector import Vector
from sqlalchemy import event
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


def make_engine(url: str, *, pool_size: int = 25) -> AsyncEngine:
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True)
    event.listen(engine.sync_engine, "connect", _prepare_connection)
    return engine


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
