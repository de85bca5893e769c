"""The bot's view of the FAQ: ``extras["faq_search"](session, text, station_id)``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ports import FaqHit
from knowledge.embedder import Embedder
from knowledge.models import FaqEntry
from knowledge.service import FaqService

FaqSearch = Callable[[AsyncSession, str, "str | None"], Awaitable[FaqHit | None]]


def make_faq_search(embedder: Embedder, default_station: str | None = None) -> FaqSearch:
    """Build the bot's FAQ lookup. Declined questions are recorded for admins.

    A conversation not yet routed to a station searches ``default_station`` (or the
    first station that has an FAQ).
    """

    async def search(session: AsyncSession, text: str, station_id: str | None) -> FaqHit | None:
        station = station_id or default_station
        if station is None:
            station = (
                await session.execute(
                    select(FaqEntry.station_id).order_by(FaqEntry.station_id).limit(1)
                )
            ).scalar_one_or_none()
            if station is None:
                return None
        result = await FaqService(session, embedder).search(text, station, record_unanswered=True)
        if result.answerable and result.matches:
            return FaqHit(True, result.matches[0].answer, result.probability)
        return FaqHit(False, None, result.probability)

    return search
