"""The KPIs of DOMAIN.md over a period, and a daily series for the chart.

Definitions (each over the leads, bookings, conversations or escalations *created* in
the period, station-local days):
- leads_by_source: leads per channel.
- contact_rate: leads whose customer gave a phone or an email / leads.
- quote_to_booking_rate: quoted leads that went on to book / quoted leads.
- deposit_paid_rate: bookings whose deposit was paid / bookings.
- escalation_rate: conversations handed to staff / conversations.
- bot_containment_rate: conversations finished without staff (never escalated, no
  staff message, never claimed) / conversations.
- median_first_response_seconds: per escalation, the wait until the first staff
  message after it; median over answered escalations.
A rate with nothing to divide by is null.

Past days are snapshots (`kpi_snapshots`): computed once, the first time they are
asked for after the day ended, then served as stored. Today is always live.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.repositories.kpis import ALL, KpiCounts, KpiRepository

MAX_DAYS = 366


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def kpis_from(c: KpiCounts) -> dict[str, Any]:
    leads = sum(c.leads_by_source.values())
    return {
        "leads": leads,
        "leads_by_source": dict(sorted(c.leads_by_source.items())),
        "contact_rate": _rate(c.leads_contacted, leads),
        "quote_to_booking_rate": _rate(c.leads_quoted_booked, c.leads_quoted),
        "deposit_paid_rate": _rate(c.bookings_deposit_paid, c.bookings),
        "escalation_rate": _rate(c.conversations_escalated, c.conversations),
        "bot_containment_rate": _rate(c.conversations_contained, c.conversations),
        "median_first_response_seconds": (
            round(c.median_first_response_seconds, 1)
            if c.median_first_response_seconds is not None
            else None
        ),
        "funnel": dict(sorted(c.funnel.items())),
        "counts": {k: v for k, v in asdict(c).items() if isinstance(v, int)},
    }


def _bounds(day: date, tz: ZoneInfo, days: int = 1) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tz)
    end = datetime.combine(day + timedelta(days=days), time(0), tz)
    return start, end


async def day_kpis(
    session: AsyncSession, day: date, tz: ZoneInfo, station_id: str | None
) -> dict[str, Any]:
    start, end = _bounds(day, tz)
    return kpis_from(await KpiRepository(session).counts(start, end, station_id))


async def snapshot_day(
    session: AsyncSession, day: date, tz: ZoneInfo, station_id: str | None
) -> dict[str, Any]:
    """Compute and store one day's snapshot (re-running replaces it)."""
    data = await day_kpis(session, day, tz, station_id)
    await KpiRepository(session).save_snapshot(station_id or ALL, day, data)
    return data


async def report(
    session: AsyncSession,
    now: datetime,
    tz: ZoneInfo,
    *,
    days: int = 30,
    station_id: str | None = None,
) -> dict[str, Any]:
    """KPIs over the last `days` days (today included) plus one entry per day. Stores
    snapshots of past days it had to compute; the caller commits."""
    days = max(1, min(days, MAX_DAYS))
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    repo = KpiRepository(session)
    key = station_id or ALL
    stored = await repo.snapshots(key, first, today - timedelta(days=1))
    daily: list[dict[str, Any]] = []
    for i in range(days):
        day = first + timedelta(days=i)
        if day in stored:
            data = stored[day]
        elif day < today:
            data = await snapshot_day(session, day, tz, station_id)
        else:
            data = await day_kpis(session, day, tz, station_id)
        daily.append({"day": day.isoformat(), **data})
    start, end = _bounds(first, tz, days)
    return {
        "station": key,
        "timezone": str(tz),
        "from": first.isoformat(),
        "to": today.isoformat(),
        "kpis": kpis_from(await repo.counts(start, end, station_id)),
        "daily": daily,
    }
