"""Engine and session factory. One engine per process, built by the composition root."""

from __future__ import annotations

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


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)
