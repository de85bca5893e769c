"""The demo configuration of DOMAIN.md, seeded on an empty database."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Station
from core.repositories.stations import StationRepository

BUSINESS_NAME = "Hibachi at Home"

DEMO_STATIONS = [
    {"id": "sj", "name": "San Jose", "base_zip": "95112", "chefs": 3},
    {"id": "sac", "name": "Sacramento", "base_zip": "95814", "chefs": 2},
]

DEFAULTS = {
    "business_name": BUSINESS_NAME,
    "timezone": "America/Los_Angeles",
    "service_radius_mi": 120,
    "free_travel_mi": 30,
    "per_mile_cents": 200,
    "adult_cents": 5500,
    "kid_cents": 3000,
    "kid_max_age": 12,
    "minimum_cents": 55000,
    "gratuity_pct": 20,
    "deposit_cents": 10000,
    "max_guests": 60,
    "slots": ["12:00", "15:00", "18:00", "21:00"],
    "lead_hours": 48,
    "horizon_days": 180,
    "hold_hours": 24,
    "free_cancel_days": 7,
    "reschedule_hours": 72,
}


async def seed_demo(session: AsyncSession) -> bool:
    """Insert the demo stations if there are none. True when it seeded."""
    repo = StationRepository(session)
    if await repo.list():
        return False
    for spec in DEMO_STATIONS:
        await repo.add(Station(**{**DEFAULTS, **spec}))
    return True
