"""Bookings, chef seats and deposit holds."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Booking, Customer

LIVE = ("pending_deposit", "deposit_paid", "completed")


def _holding(now: datetime):
    """Bookings that hold their seat at `now` (an expired deposit hold holds nothing,
    even before the sweeper has marked it cancelled)."""
    return and_(
        Booking.status.in_(LIVE),
        or_(Booking.status != "pending_deposit", Booking.hold_expires_at > now),
    )


class BookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, booking_id: uuid.UUID) -> Booking | None:
        return await self.session.get(Booking, booking_id)

    async def get_for_update(self, booking_id: uuid.UUID) -> Booking | None:
        return await self.session.scalar(
            select(Booking).where(Booking.id == booking_id).with_for_update()
        )

    async def held_per_slot(self, station_id: str, day: date, now: datetime) -> dict[str, int]:
        rows = await self.session.execute(
            select(Booking.slot, func.count())
            .where(Booking.station_id == station_id, Booking.event_date == day, _holding(now))
            .group_by(Booking.slot)
        )
        return {slot: n for slot, n in rows.all()}

    async def held_per_day(
        self, station_id: str, first: date, last: date, now: datetime
    ) -> dict[tuple[date, str], int]:
        """Seats held per (day, slot) from ``first`` to ``last``: one query for a range."""
        rows = await self.session.execute(
            select(Booking.event_date, Booking.slot, func.count())
            .where(Booking.station_id == station_id, Booking.event_date.between(first, last), _holding(now))
            .group_by(Booking.event_date, Booking.slot)
        )
        return {(day, slot): n for day, slot, n in rows.all()}

    async def expire_holds(
        self, now: datetime, *, station_id: str | None = None, day: date | None = None
    ) -> list[uuid.UUID]:
        """Cancel unpaid bookings whose 24-hour hold ran out; frees their seats."""
        q = (
            update(Booking)
            .where(Booking.status == "pending_deposit", Booking.hold_expires_at <= now)
            .values(status="cancelled", cancel_reason="deposit_timeout", updated_at=now)
            .returning(Booking.id)
        )
        if station_id is not None:
            q = q.where(Booking.station_id == station_id)
        if day is not None:
            q = q.where(Booking.event_date == day)
        return list((await self.session.scalars(q)).all())

    async def taken_seats(self, station_id: str, day: date, slot: str) -> set[int]:
        rows = await self.session.scalars(
            select(Booking.chef_no).where(
                Booking.station_id == station_id,
                Booking.event_date == day,
                Booking.slot == slot,
                Booking.status.in_(LIVE),
            )
        )
        return set(rows.all())

    async def try_insert(self, booking: Booking, chef_no: int) -> bool:
        """Insert `booking` on seat `chef_no`. The unique index on live seats decides
        races: a loser gets False, its savepoint rolled back."""
        booking.chef_no = chef_no
        try:
            async with self.session.begin_nested():
                self.session.add(booking)
                await self.session.flush()
        except IntegrityError as exc:
            if "uq_bookings_live_seat" not in str(exc.orig):
                raise
            return False
        return True

    async def try_move(
        self, booking_id: uuid.UUID, chef_no: int, values: dict[str, object]
    ) -> bool:
        """Move a booking to another date/slot/seat (or revive it) as one UPDATE; False
        when that seat is taken. The caller refreshes its ORM object on success."""
        try:
            async with self.session.begin_nested():
                await self.session.execute(
                    update(Booking)
                    .where(Booking.id == booking_id)
                    .values(chef_no=chef_no, **values)
                    .execution_options(synchronize_session=False)
                )
        except IntegrityError as exc:
            if "uq_bookings_live_seat" not in str(exc.orig):
                raise
            return False
        return True

    async def search(
        self,
        *,
        phone: str | None = None,
        status: str | None = None,
        day: date | None = None,
        customer_id: uuid.UUID | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[tuple[Booking, Customer]]:
        q = select(Booking, Customer).join(Customer, Customer.id == Booking.customer_id)
        if phone:
            q = q.where(Customer.phone == phone)
        if status:
            q = q.where(Booking.status == status)
        if day:
            q = q.where(Booking.event_date == day)
        if customer_id:
            q = q.where(Booking.customer_id == customer_id)
        if after:
            q = q.where(Booking.id < uuid.UUID(after))
        q = q.order_by(Booking.id.desc()).limit(limit)
        return [(b, c) for b, c in (await self.session.execute(q)).all()]

    async def upcoming_for_customer(self, customer_id: uuid.UUID, today: date) -> list[Booking]:
        rows = await self.session.scalars(
            select(Booking)
            .where(
                Booking.customer_id == customer_id,
                Booking.status.in_(("pending_deposit", "deposit_paid")),
                Booking.event_date >= today,
            )
            .order_by(Booking.event_date, Booking.slot)
        )
        return list(rows.all())

    async def cancelled_upcoming_for_customer(self, customer_id: uuid.UUID, today: date) -> list[Booking]:
        """The customer's cancelled bookings whose day has not passed (what "i cancelled by
        accident" may be about)."""
        rows = await self.session.scalars(
            select(Booking)
            .where(
                Booking.customer_id == customer_id,
                Booking.status == "cancelled",
                Booking.event_date >= today,
            )
            .order_by(Booking.event_date, Booking.slot)
        )
        return list(rows.all())

    async def awaiting_payment_link(self, now: datetime, limit: int = 20) -> list[Booking]:
        """Live unpaid holds that never got a Checkout link (Stripe was unreachable)."""
        rows = await self.session.scalars(
            select(Booking)
            .where(
                Booking.status == "pending_deposit",
                Booking.checkout_url.is_(None),
                Booking.hold_expires_at > now,
            )
            .order_by(Booking.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(rows.all())

    async def get_many(self, ids: list[uuid.UUID]) -> list[Booking]:
        if not ids:
            return []
        return list((await self.session.scalars(select(Booking).where(Booking.id.in_(ids)))).all())

    async def starting_between(self, start: datetime, end: datetime, status: str) -> list[Booking]:
        """Bookings in ``status`` whose event starts in [start, end) (reminders)."""
        rows = await self.session.scalars(
            select(Booking)
            .where(Booking.status == status, Booking.starts_at >= start, Booking.starts_at < end)
            .order_by(Booking.starts_at)
        )
        return list(rows.all())

    async def holds_expiring_between(self, start: datetime, end: datetime) -> list[Booking]:
        """Unpaid holds with a payment link whose hold runs out in [start, end)."""
        rows = await self.session.scalars(
            select(Booking)
            .where(
                Booking.status == "pending_deposit",
                Booking.checkout_url.is_not(None),
                Booking.hold_expires_at >= start,
                Booking.hold_expires_at < end,
            )
            .order_by(Booking.hold_expires_at)
        )
        return list(rows.all())
