"""Which slots can be booked: lead time, horizon, chefs per slot, expired holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.errors import DatePast, DateTooFar, DateTooSoon, InvalidSlot
from core.models import Station
from core.repositories.bookings import BookingRepository
from core.services.stations import station_tz


@dataclass(frozen=True, slots=True)
class SlotStatus:
    time: str
    available: bool
    reason: str | None = None  # too_soon | full


def slot_start(station: Station, day: date, slot: str) -> datetime:
    hh, mm = (int(p) for p in slot.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=station_tz(station))


def check_date(station: Station, day: date, now: datetime) -> None:
    """Raise when no slot of `day` can ever be booked from `now`."""
    today = now.astimezone(station_tz(station)).date()
    if day < today:
        raise DatePast(f"{day:%B} {day.day} has already passed.")
    if day > today + timedelta(days=station.horizon_days):
        raise DateTooFar(
            f"We take bookings up to {station.horizon_days} days ahead "
            f"(until {(today + timedelta(days=station.horizon_days)).isoformat()})."
        )
    last = slot_start(station, day, max(station.slots))
    if last < now + timedelta(hours=station.lead_hours):
        raise DateTooSoon(f"We need at least {station.lead_hours} hours' notice to book a chef.")


def check_slot(station: Station, day: date, slot: str, now: datetime) -> None:
    if slot not in station.slots:
        raise InvalidSlot(f"{slot} is not a start time; we start at {', '.join(station.slots)}.")
    check_date(station, day, now)
    if slot_start(station, day, slot) < now + timedelta(hours=station.lead_hours):
        raise DateTooSoon(f"We need at least {station.lead_hours} hours' notice to book a chef.")


async def slots_for(
    repo: BookingRepository, station: Station, day: date, now: datetime
) -> list[SlotStatus]:
    """Every slot of `day` with whether it can be booked now. Raises for a day that is
    wholly past, too soon or beyond the horizon."""
    check_date(station, day, now)
    held = await repo.held_per_slot(station.id, day, now)
    earliest = now + timedelta(hours=station.lead_hours)
    out = []
    for slot in sorted(station.slots):
        if slot_start(station, day, slot) < earliest:
            out.append(SlotStatus(slot, False, "too_soon"))
        elif held.get(slot, 0) >= station.chefs:
            out.append(SlotStatus(slot, False, "full"))
        else:
            out.append(SlotStatus(slot, True))
    return out
