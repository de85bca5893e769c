"""Seed the demo FAQ (knowledge/data/demo_faq.yaml) into an empty station."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge import repository as repo
from knowledge.embedder import Embedder
from knowledge.io import load_faq_file
from knowledge.service import FaqService

DEMO_FAQ = Path(__file__).with_name("data") / "demo_faq.yaml"


async def seed_demo_faq(
    session: AsyncSession, station_id: str, embedder: Embedder, path: Path = DEMO_FAQ
) -> int:
    """Import the demo FAQ for ``station_id`` unless it already has entries.

    Returns how many entries were added (0 when the station had some). Flushes only.
    """
    if await repo.count_entries(session, station_id) > 0:
        return 0
    records = load_faq_file(path)
    created = await FaqService(session, embedder).import_records(
        station_id, records, updated_by="seed"
    )
    return len(created)
