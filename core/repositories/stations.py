"""Stations and their chef seats."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Station, StationChef

_ALL = select(Station).order_by(Station.id)  # read on every turn: built once


class StationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self) -> list[Station]:
        return list((await self.session.scalars(_ALL)).all())

    async def get(self, station_id: str) -> Station | None:
        return await self.session.get(Station, station_id)

    async def add(self, station: Station) -> None:
        self.session.add(station)
        await self.session.flush()
        for n in range(1, station.chefs + 1):
            self.session.add(StationChef(station_id=station.id, chef_no=n))
        await self.session.flush()
