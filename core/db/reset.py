"""Empty the per-customer tables, keeping configuration and the FAQ (tests, evals)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

KEEP = {"alembic_version", "stations", "station_chefs"}


async def truncate_volatile(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        tables = (
            await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        ).scalars()
        volatile = [t for t in tables if t not in KEEP and not t.startswith("faq_")]
        if volatile:
            await conn.execute(text(f"TRUNCATE {', '.join(volatile)} RESTART IDENTITY CASCADE"))
