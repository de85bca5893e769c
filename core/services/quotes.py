"""Quotes for a zip and a party: routing plus the pricing engine."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Station
from core.pricing import Quote, compute_quote, validate_guests
from core.repositories.stations import StationRepository
from core.services.stations import Route, route_zip


async def route(session: AsyncSession, zip_code: str) -> Route:
    return route_zip(await StationRepository(session).list(), zip_code)


async def quote_for(
    session: AsyncSession, adults: int, kids: int, zip_code: str,
    stations: list[Station] | None = None,
) -> tuple[Quote, Station]:
    """``stations``: the caller's already-loaded list (saves a query per turn)."""
    if stations is None:
        stations = await StationRepository(session).list()
    # Guests are checked before the zip so a bad count gets its own clear answer.
    validate_guests(stations[0], adults, kids)
    r = route_zip(stations, zip_code)
    return compute_quote(r.station, r.zip, r.miles, adults, kids), r.station
