"""Open days of a range (core/services/availability.open_days), against the database: the
same rules as one day's slots (lead time, horizon, chefs per slot, expired holds)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.repositories.bookings import BookingRepository
from core.repositories.customers import CustomerRepository
from core.repositories.stations import StationRepository
from core.services.availability import open_days, slots_for
from core.services.bookings import BookingRequest, create_booking
from core.services.customers import resolve_customer
from core.services.quotes import quote_for
from webhooks.container import Container

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


async def _fill(db: Container, day: date, slots: list[str], *, paid: bool = True) -> None:
    """Every chef of San Jose booked at ``slots`` of ``day`` (unpaid holds when not ``paid``)."""
    async with db.uow() as uow:
        s = uow.session
        sj = next(x for x in await StationRepository(s).list() if x.id == "sj")
        for i, slot in enumerate(slots):
            for n in range(sj.chefs):
                cust = await resolve_customer(CustomerRepository(s), station_id="sj",
                                              phone=f"+1415555{i * 10 + n:04d}")
                q, _ = await quote_for(s, 10, 0, sj.base_zip)
                b = await create_booking(s, BookingRequest(sj, q, day, slot, "1 Other St", cust, "api"), NOW)
                if paid:
                    b.status, b.hold_expires_at = "deposit_paid", None
        await uow.commit()


async def test_a_range_lists_open_and_full_days_by_the_one_day_rules(db: Container) -> None:
    await _fill(db, date(2026, 12, 12), ["12:00", "15:00", "18:00", "21:00"])
    await _fill(db, date(2026, 12, 13), ["18:00"])
    async with db.uow() as uow:
        repo = BookingRepository(uow.session)
        sj = next(x for x in await StationRepository(uow.session).list() if x.id == "sj")
        res = await open_days(repo, sj, date(2026, 11, 20), date(2026, 12, 20), NOW)
        # Past days and the 48 hours' notice cut the range to Dec 3 (noon is 50 h away).
        assert res.first == date(2026, 12, 3) and res.last == date(2026, 12, 20)
        assert res.full == [date(2026, 12, 12)]
        open_ = dict(res.open)
        assert date(2026, 12, 12) not in open_ and len(open_) == 17
        assert open_[date(2026, 12, 13)] == ["12:00", "15:00", "21:00"]
        for day, free in res.open:  # each day agrees with the one-day reading
            assert free == [x.time for x in await slots_for(repo, sj, day, NOW) if x.available]


async def test_the_range_stops_at_the_horizon_and_expired_holds_hold_nothing(db: Container) -> None:
    await _fill(db, date(2026, 12, 19), ["12:00", "15:00", "18:00", "21:00"], paid=False)
    later = NOW + timedelta(days=2)  # the 24-hour deposit holds have run out
    async with db.uow() as uow:
        repo = BookingRepository(uow.session)
        sj = next(x for x in await StationRepository(uow.session).list() if x.id == "sj")
        held = await open_days(repo, sj, date(2026, 12, 19), date(2026, 12, 19), NOW)
        assert held.full == [date(2026, 12, 19)] and held.open == []
        freed = await open_days(repo, sj, date(2026, 12, 19), date(2026, 12, 19), later)
        assert freed.full == [] and [d for d, _ in freed.open] == [date(2026, 12, 19)]
        far = await open_days(repo, sj, date(2027, 5, 1), date(2027, 8, 31), NOW)
        assert far.last == NOW.date() + timedelta(days=sj.horizon_days) and far.open[-1][0] == far.last
        beyond = await open_days(repo, sj, date(2027, 8, 1), date(2027, 8, 31), NOW)
        assert beyond.last < beyond.first and beyond.open == [] and beyond.full == []
