"""`GET /api/kpis`: the KPIs of DOMAIN.md with a daily series (snapshots)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query

from core.errors import NotFound
from core.repositories.stations import StationRepository
from core.services import kpis
from core.services.auth import Principal
from webhooks.container import Container
from webhooks.deps import get_container, require_staff

router = APIRouter()


async def kpi_report(c: Container, days: int, station: str | None) -> dict[str, Any]:
    """The report, in the station's time zone (the first station's for all of them)."""
    async with c.uow() as uow:
        stations = await StationRepository(uow.session).list()
        chosen = next((s for s in stations if s.id == station), None) if station else stations[0]
        if chosen is None:
            raise NotFound(f"No station {station!r}.")
        out = await kpis.report(
            uow.session, c.now(), ZoneInfo(chosen.timezone), days=days, station_id=station
        )
        await uow.commit()  # snapshots of past days computed just now
    return out


@router.get("/api/kpis")
async def get_kpis(
    days: int = Query(30, ge=1, le=kpis.MAX_DAYS),
    station: str | None = Query(None, max_length=32),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await kpi_report(c, days, station)
