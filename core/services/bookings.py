"""Bookings: create (one chef seat, enforced by the database), pay, cancel, reschedule,
change the guest count."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, SlotTaken
from core.models import Booking, Customer, Station
from core.pricing import Quote
from core.repositories.bookings import BookingRepository
from core.services.availability import check_slot, slot_start


@dataclass(frozen=True, slots=True)
class BookingRequest:
    station: Station
    quote: Quote
    day: date
    slot: str
    address: str
    customer: Customer
    channel: str
    lead_id: uuid.UUID | None = None
    conversation_id: uuid.UUID | None = None
    notes: str | None = None


# A booking's notes are for the chef, not an essay: longer text is cut.
NOTES_MAX = 2000


async def _free_seats(repo: BookingRepository, station: Station, day: date, slot: str) -> list[int]:
    taken = await repo.taken_seats(station.id, day, slot)
    return [n for n in range(1, station.chefs + 1) if n not in taken]


async def _insert_on_any_seat(repo: BookingRepository, station: Station, booking: Booking) -> None:
    # Try the free seats we can see; a concurrent writer may take one first, in which
    # case the unique index turns us away and we look again. Bounded by the seat count.
    for _ in range(station.chefs + 1):
        free = await _free_seats(repo, station, booking.event_date, booking.slot)
        if not free:
            break
        if await repo.try_insert(booking, free[0]):
            return
    raise SlotTaken(booking.event_date, booking.slot)


async def _move_to_any_seat(
    repo: BookingRepository,
    station: Station,
    booking: Booking,
    day: date,
    slot: str,
    **values: object,
) -> None:
    for _ in range(station.chefs + 1):
        free = await _free_seats(repo, station, day, slot)
        if not free:
            break
        moved = await repo.try_move(
            booking.id, free[0], {"event_date": day, "slot": slot, **values}
        )
        if moved:
            await repo.session.refresh(booking)
            return
    raise SlotTaken(day, slot)


async def create_booking(session: AsyncSession, req: BookingRequest, now: datetime) -> Booking:
    st = req.station
    check_slot(st, req.day, req.slot, now)
    repo = BookingRepository(session)
    await repo.expire_holds(now, station_id=st.id, day=req.day)
    q = req.quote
    booking = Booking(
        id=uuid.uuid4(),
        station_id=st.id,
        customer_id=req.customer.id,
        lead_id=req.lead_id,
        conversation_id=req.conversation_id,
        channel=req.channel,
        status="pending_deposit",
        event_date=req.day,
        slot=req.slot,
        starts_at=slot_start(st, req.day, req.slot),
        adults=q.adults,
        kids=q.kids,
        zip=q.zip,
        address=req.address,
        miles=q.miles,
        food_cents=q.food_cents,
        food_billed_cents=q.food_billed_cents,
        gratuity_cents=q.gratuity_cents,
        travel_cents=q.travel_cents,
        total_cents=q.total_cents,
        deposit_cents=q.deposit_cents,
        hold_expires_at=now + timedelta(hours=st.hold_hours),
        reschedule_count=0,
        notes=req.notes[:NOTES_MAX] if req.notes else None,
    )
    await _insert_on_any_seat(repo, st, booking)
    return booking


async def add_note(session: AsyncSession, booking: Booking, note: str, now: datetime) -> Booking:
    """Add a line to a booking's notes (kept to ``NOTES_MAX`` characters; a line already
    there is not added twice)."""
    line = " ".join(note.split())
    lines = (booking.notes or "").splitlines()
    if line and line not in lines:
        booking.notes = "\n".join([*lines, line])[:NOTES_MAX]
        booking.updated_at = now
        await session.flush()
    return booking


async def mark_deposit_paid(session: AsyncSession, booking_id: uuid.UUID, now: datetime) -> Booking:
    repo = BookingRepository(session)
    booking = await repo.get_for_update(booking_id)
    if booking is None:
        raise NotFound(f"No booking {booking_id}.")
    if booking.status == "pending_deposit":
        booking.status = "deposit_paid"
        booking.hold_expires_at = None
        booking.updated_at = now
    elif booking.status == "cancelled" and booking.cancel_reason == "deposit_timeout":
        # Paid after the hold ran out: take a seat back if one is still free.
        station = await session.get(Station, booking.station_id)
        assert station is not None
        await _move_to_any_seat(
            repo,
            station,
            booking,
            booking.event_date,
            booking.slot,
            status="deposit_paid",
            cancel_reason=None,
            hold_expires_at=None,
            updated_at=now,
        )
    await session.flush()
    return booking


@dataclass(frozen=True, slots=True)
class CancelOutcome:
    booking: Booking
    refund_deposit: bool


def cancel_policy(station: Station, booking: Booking, now: datetime) -> bool:
    """True when cancelling now is free (deposit refunded)."""
    return booking.starts_at - now >= timedelta(days=station.free_cancel_days)


async def cancel_booking(
    session: AsyncSession, station: Station, booking: Booking, now: datetime, reason: str
) -> CancelOutcome:
    if booking.status not in ("pending_deposit", "deposit_paid"):
        raise Conflict(
            f"This booking is {booking.status.replace('_', ' ')}; it can't be cancelled."
        )
    refund = booking.status == "deposit_paid" and cancel_policy(station, booking, now)
    booking.status = "cancelled"
    booking.cancel_reason = reason
    booking.updated_at = now
    await session.flush()
    return CancelOutcome(booking, refund)


def can_reschedule(station: Station, booking: Booking, now: datetime) -> str | None:
    """None when a free reschedule is allowed, else why not."""
    if booking.status not in ("pending_deposit", "deposit_paid"):
        return "not_active"
    if booking.reschedule_count >= 1:
        return "already_rescheduled"
    if booking.starts_at - now < timedelta(hours=station.reschedule_hours):
        return "too_late"
    return None


async def reschedule_booking(
    session: AsyncSession, station: Station, booking: Booking, day: date, slot: str, now: datetime
) -> Booking:
    why = can_reschedule(station, booking, now)
    if why is not None:
        raise Conflict(f"This booking can't be rescheduled ({why.replace('_', ' ')}).")
    check_slot(station, day, slot, now)
    repo = BookingRepository(session)
    await repo.expire_holds(now, station_id=station.id, day=day)
    await _move_to_any_seat(
        repo,
        station,
        booking,
        day,
        slot,
        starts_at=slot_start(station, day, slot),
        reschedule_count=booking.reschedule_count + 1,
        updated_at=now,
    )
    return booking


def can_change_party(station: Station, booking: Booking, now: datetime) -> str | None:
    """None when the guest count may still change, else why not. The final count is
    due when booking closes for that slot (the station's lead time): the chef shops
    for it."""
    if booking.status not in ("pending_deposit", "deposit_paid"):
        return "not_active"
    if booking.starts_at - now < timedelta(hours=station.lead_hours):
        return "too_late"
    return None


async def change_party(
    session: AsyncSession, station: Station, booking: Booking, quote: Quote, now: datetime
) -> Booking:
    """Set a booking's guests and money to a new quote for its zip. The deposit stays
    what it was (paid or owed); the total, and so the balance, follow the new count."""
    why = can_change_party(station, booking, now)
    if why is not None:
        raise Conflict(f"This booking's guest count can't be changed ({why.replace('_', ' ')}).")
    if quote.zip != booking.zip or quote.station != booking.station_id:
        raise Conflict("The new quote is not for this booking's address.")
    booking.adults, booking.kids = quote.adults, quote.kids
    booking.food_cents, booking.food_billed_cents = quote.food_cents, quote.food_billed_cents
    booking.gratuity_cents, booking.travel_cents = quote.gratuity_cents, quote.travel_cents
    booking.total_cents = quote.total_cents
    booking.updated_at = now
    await session.flush()
    return booking
