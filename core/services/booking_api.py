"""A booking taken outside the chat (staff or API): customer, lead and booking in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Booking
from core.repositories.customers import CustomerRepository
from core.repositories.leads import LeadRepository
from core.services import leads
from core.services.bookings import BookingRequest, create_booking
from core.services.customers import resolve_customer
from core.services.quotes import quote_for


@dataclass(frozen=True, slots=True)
class DirectBooking:
    adults: int
    kids: int
    zip: str
    day: date
    time: str
    address: str
    name: str
    phone: str
    email: str | None
    source: str = "api"


async def book_direct(session: AsyncSession, req: DirectBooking, now: datetime) -> Booking:
    quote, station = await quote_for(session, req.adults, req.kids, req.zip)
    customer = await resolve_customer(
        CustomerRepository(session),
        station_id=station.id,
        phone=req.phone,
        email=req.email,
        name=req.name,
    )
    customer.station_id = station.id
    lead_repo = LeadRepository(session)
    lead = await leads.record(
        lead_repo,
        customer,
        source=req.source,
        event="booking_started",
        now=now,
        details={
            "adults": req.adults,
            "kids": req.kids,
            "zip": quote.zip,
            "event_date": req.day,
            "quote_total_cents": quote.total_cents,
        },
    )
    booking = await create_booking(
        session,
        BookingRequest(
            station, quote, req.day, req.time, req.address, customer, req.source, lead.id
        ),
        now,
    )
    await leads.record(
        lead_repo,
        customer,
        source=req.source,
        event="booking_created",
        now=now,
        data={"booking_id": str(booking.id)},
    )
    return booking
