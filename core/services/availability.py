"""Which slots can be booked: lead time, horizon, chefs per slot, expired holds."""

from __future__ import annotations

from collections.abc import Mapping
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
        until = today + timedelta(days=station.horizon_days)
        raise DateTooFar(  # (said to customers: "May 30, 2027", not ISO)
            f"We take bookings up to {station.horizon_days} days ahead (until {until:%B} {until.day}, {until.year})."
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


def _statuses(station: Station, day: date, held: Mapping[str, int], now: datetime) -> list[SlotStatus]:
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


async def slots_for(
    repo: BookingRepository, station: Station, day: date, now: datetime
) -> list[SlotStatus]:
    """Every slot of `day` with whether it can be booked now. Raises for a day that is
    wholly past, too soon or beyond the horizon."""
    check_date(station, day, now)
    return _statuses(station, day, await repo.held_per_slot(station.id, day, now), now)


@dataclass(frozen=True, slots=True)
class OpenDays:
    """The bookable days of a range: ``first``..``last`` is the range cut to what can be
    booked from now (lead time, horizon); ``last < first`` when none of it can."""

    first: date
    last: date
    open: list[tuple[date, list[str]]]  # each day with a chef free, and its free slots
    full: list[date]  # days in the window with no slot free

    def only(self, weekdays: frozenset[int]) -> OpenDays:
        """The same window, only those weekdays ("any saturdays in march?"); all if none."""
        if not weekdays:
            return self
        return OpenDays(self.first, self.last, [(d, f) for d, f in self.open if d.weekday() in weekdays],
                        [d for d in self.full if d.weekday() in weekdays])


async def open_days(
    repo: BookingRepository, station: Station, first: date, last: date, now: datetime
) -> OpenDays:
    """Which days from ``first`` to ``last`` have a chef free ("anything in March?",
    "what's your soonest date?"), by the same rules as ``slots_for``, in one query."""
    today = now.astimezone(station_tz(station)).date()
    first = max(first, today)
    last = min(last, today + timedelta(days=station.horizon_days))
    while first <= last:  # the lead time rules out at most the first few days
        try:
            check_date(station, first, now)
            break
        except DateTooSoon:
            first += timedelta(days=1)
    if first > last:
        return OpenDays(first, last, [], [])
    held: dict[date, dict[str, int]] = {}
    for (d, slot), n in (await repo.held_per_day(station.id, first, last, now)).items():
        held.setdefault(d, {})[slot] = n
    open_: list[tuple[date, list[str]]] = []
    full: list[date] = []
    day = first
    while day <= last:
        free = [x.time for x in _statuses(station, day, held.get(day, {}), now) if x.available]
        if free:
            open_.append((day, free))
        else:
            full.append(day)
        day += timedelta(days=1)
    return OpenDays(first, last, open_, full)
