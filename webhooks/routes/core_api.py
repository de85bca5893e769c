"""Booking-core endpoints: health, quote, availability, bookings, leads."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from sqlalchemy import text

from core.errors import InvalidContact, InvalidCursor, NotFound
from core.repositories.bookings import BookingRepository
from core.repositories.customers import CustomerRepository
from core.repositories.leads import LeadRepository
from core.services.auth import Principal
from core.services.availability import slots_for
from core.services.booking_api import DirectBooking, book_direct
from core.services.customers import normalize_phone
from core.services.leads import lead_score
from core.services.quotes import quote_for, route
from webhooks.container import Container
from webhooks.deps import get_container, require_staff
from webhooks.schemas import BookingIn, QuoteIn, booking_json, customer_json

router = APIRouter()


def _uuid(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound(f"No such id {raw!r}.") from exc


def _cursor(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        uuid.UUID(raw)
    except ValueError as exc:
        raise InvalidCursor("cursor: not a cursor this API gave out.") from exc
    return raw


@router.get("/healthz")
async def healthz(c: Container = Depends(get_container)) -> JSONResponse:
    try:
        async with c.uow() as uow:
            await uow.session.execute(text("SELECT 1"))
    except Exception:  # the answer *is* the failure: report it, don't crash
        return JSONResponse({"status": "degraded", "db": "error"}, status_code=503)
    return JSONResponse({"status": "ok", "db": "ok"})


@router.post("/api/quote")
async def quote(body: QuoteIn, c: Container = Depends(get_container)) -> dict[str, Any]:
    async with c.uow() as uow:
        q, _ = await quote_for(uow.session, body.adults, body.kids, body.zip)
    return {
        "station": q.station,
        "miles": q.miles,
        "food_cents": q.food_cents,
        "food_billed_cents": q.food_billed_cents,
        "gratuity_cents": q.gratuity_cents,
        "travel_cents": q.travel_cents,
        "total_cents": q.total_cents,
        "deposit_cents": q.deposit_cents,
    }


@router.get("/api/availability")
async def availability(
    zip: str = Query(max_length=20),
    date: date = Query(),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    async with c.uow() as uow:
        r = await route(uow.session, zip)
        slots = await slots_for(BookingRepository(uow.session), r.station, date, c.now())
    return {
        "station": r.station.id,
        "date": date.isoformat(),
        "slots": [{"time": s.time, "available": s.available, "reason": s.reason} for s in slots],
    }


@router.post("/api/bookings", status_code=201)
async def create_booking(
    body: BookingIn,
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    hh, mm = body.time.split(":")
    req = DirectBooking(
        adults=body.adults,
        kids=body.kids,
        zip=body.zip,
        day=body.date,
        time=f"{int(hh):02d}:{mm}",
        address=body.address,
        name=body.customer.name,
        phone=body.customer.phone,
        email=body.customer.email,
    )
    async with c.uow() as uow:
        booking = await book_direct(uow.session, req, c.now())
        customer = await CustomerRepository(uow.session).get(booking.customer_id)
        assert customer is not None
        out = booking_json(booking, customer)
        await uow.commit()
    return out


@router.get("/api/bookings")
async def list_bookings(
    phone: str | None = Query(None, max_length=40),
    status: str | None = Query(None, max_length=40),
    date: date | None = Query(None),
    cursor: str | None = Query(None, max_length=40),
    limit: int = Query(50, ge=1, le=200),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    phone = normalize_phone(phone) if phone else None
    async with c.uow() as uow:
        rows = await BookingRepository(uow.session).search(
            phone=phone, status=status, day=date, after=_cursor(cursor), limit=limit + 1
        )
        items = [booking_json(b, cust) for b, cust in rows[:limit]]
    return {"items": items, "next_cursor": items[-1]["id"] if len(rows) > limit else None}


@router.get("/api/bookings/{booking_id}")
async def get_booking(
    booking_id: str, c: Container = Depends(get_container), _: Principal = Depends(require_staff)
) -> dict[str, Any]:
    async with c.uow() as uow:
        booking = await BookingRepository(uow.session).get(_uuid(booking_id))
        if booking is None:
            raise NotFound(f"No booking {booking_id}.")
        customer = await CustomerRepository(uow.session).get(booking.customer_id)
        assert customer is not None
        return booking_json(booking, customer)


@router.get("/api/leads")
async def list_leads(
    phone: str | None = Query(None, max_length=40),
    email: str | None = Query(None, max_length=320),
    source: str | None = Query(None, max_length=40),
    cursor: str | None = Query(None, max_length=40),
    limit: int = Query(50, ge=1, le=200),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    try:
        phone = normalize_phone(phone) if phone else None
    except InvalidContact:
        phone = "invalid"  # matches nobody: a filter, not an error
    now = c.now()
    async with c.uow() as uow:
        repo = LeadRepository(uow.session)
        rows = await repo.search(
            phone=phone,
            email=email.lower() if email else None,
            source=source,
            after=_cursor(cursor),
            limit=limit + 1,
        )
        page = rows[:limit]
        events = await repo.events([lead.id for lead, _ in page])
        counts = await repo.inbound_message_counts([cust.id for _, cust in page])
        by_lead: dict[uuid.UUID, list[dict[str, Any]]] = {}
        for ev in events:
            by_lead.setdefault(ev.lead_id, []).append(
                {"kind": ev.kind, "at": ev.created_at.isoformat(), "data": ev.data}
            )
        items = [
            {
                "id": str(lead.id),
                "station": lead.station_id,
                "source": lead.source,
                "status": lead.status,
                "score": lead_score(
                    lead.status, lead.last_activity_at, now, counts.get(cust.id, 0)
                ),
                "adults": lead.adults,
                "kids": lead.kids,
                "zip": lead.zip,
                "event_date": lead.event_date.isoformat() if lead.event_date else None,
                "quote_total_cents": lead.quote_total_cents,
                "customer": customer_json(cust),
                "events": by_lead.get(lead.id, []),
                "created_at": lead.created_at.isoformat(),
            }
            for lead, cust in page
        ]
    return {"items": items, "next_cursor": items[-1]["id"] if len(rows) > limit else None}
