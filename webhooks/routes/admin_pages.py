"""Admin pages: `/admin` (KPIs with a daily chart, bookings, leads) and `/admin/faqs`
(the FAQ editor with a "try a question" box), plus the booking actions they use."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession

from bot import templates as t
from channels.base import Reply
from core.errors import NotFound
from core.models import Booking, Station
from core.repositories.bookings import BookingRepository
from core.repositories.customers import CustomerRepository
from core.repositories.leads import LeadRepository
from core.repositories.stations import StationRepository
from core.services.auth import Principal
from core.services.bookings import (
    can_reschedule,
    cancel_booking,
    cancel_policy,
    reschedule_booking,
)
from core.services.leads import lead_score
from core.services.notify import notify_booking_customer
from knowledge.service import FaqService, entry_as_dict
from webhooks.container import Container
from webhooks.deps import PageUser, get_container, page_admin, require_admin
from webhooks.routes.kpi_api import kpi_report
from webhooks.routes.pages import local_time, render, station_tz
from webhooks.schemas import Strict, booking_json

router = APIRouter()

BOOKING_STATUSES = ("pending_deposit", "deposit_paid", "completed", "cancelled")
LEAD_SOURCES = ("sms", "telegram", "webchat", "api")
FUNNEL = (
    "lead_created",
    "quote_viewed",
    "availability_checked",
    "booking_started",
    "booking_created",
    "deposit_paid",
    "escalated",
    "opted_out",
)


class RescheduleIn(Strict):
    date: date
    time: str = Field(pattern=r"^\d{1,2}:\d{2}$")


def _booking_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound(f"No booking {raw!r}.") from exc


def _cursor(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None  # a stale or mangled link shows the first page


# -------------------------------------------------------------------- booking actions


async def _locked_booking(c: Container, session: Any, booking_id: str) -> tuple[Booking, Station]:
    booking = await BookingRepository(session).get_for_update(_booking_id(booking_id))
    if booking is None:
        raise NotFound(f"No booking {booking_id}.")
    station = await StationRepository(session).get(booking.station_id)
    assert station is not None
    return booking, station


@router.post("/api/bookings/{booking_id}/cancel")
async def cancel(
    booking_id: str,
    c: Container = Depends(get_container),
    _: Principal = Depends(require_admin),
) -> dict[str, Any]:
    """Cancel with DOMAIN.md's policy: the deposit is refunded 7+ days ahead."""
    async with c.uow() as uow:
        booking, station = await _locked_booking(c, uow.session, booking_id)
        outcome = await cancel_booking(uow.session, station, booking, c.now(), "staff")
        refund = c.extras.get("refund")
        if outcome.refund_deposit and refund is not None:
            await refund(uow.session, booking)
        out = await _tell_customer(
            uow.session, booking, t.booking_cancelled(outcome.refund_deposit, booking.deposit_cents),
            f"staff_cancel:{booking.id}",
        )
        await uow.commit()
    c.kick_outbox()
    return {**out, "refund_deposit": outcome.refund_deposit}


@router.post("/api/bookings/{booking_id}/reschedule")
async def reschedule(
    booking_id: str,
    body: RescheduleIn,
    c: Container = Depends(get_container),
    _: Principal = Depends(require_admin),
) -> dict[str, Any]:
    """Move a booking (free once, 72+ hours ahead; the new slot must be free)."""
    hh, mm = body.time.split(":")
    async with c.uow() as uow:
        booking, station = await _locked_booking(c, uow.session, booking_id)
        await reschedule_booking(
            uow.session, station, booking, body.date, f"{int(hh):02d}:{mm}", c.now()
        )
        out = await _tell_customer(
            uow.session, booking, t.booking_rescheduled(booking.event_date, booking.slot),
            f"staff_reschedule:{booking.id}:{booking.reschedule_count}",
        )
        await uow.commit()
    c.kick_outbox()
    return out


async def _tell_customer(session: AsyncSession, booking: Booking, reply: Reply, key: str) -> dict[str, Any]:
    """Queue the change's message on the customer's channel; the booking as JSON."""
    customer = await CustomerRepository(session).get(booking.customer_id)
    assert customer is not None
    await notify_booking_customer(session, booking, reply, key)
    return booking_json(booking, customer)


# ------------------------------------------------------------------------------ chart


def chart(daily: list[dict[str, Any]], width: int = 720, height: int = 200) -> dict[str, Any]:
    """Geometry of the daily chart (bars: leads; lines: containment and escalation
    rates, 0-100%), drawn as inline SVG by the template: no script, no library."""
    left, right, top, bottom = 30, 10, 10, 20
    w, h = width - left - right, height - top - bottom
    n = max(1, len(daily))
    step = w / n
    peak = max([d.get("leads", 0) for d in daily] + [1])
    bars: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    contained: list[str] = []
    escalated: list[str] = []
    dots: list[dict[str, Any]] = []
    for i, d in enumerate(daily):
        x = left + i * step
        bh = h * d.get("leads", 0) / peak
        bars.append(
            {"x": round(x + step * 0.15, 1), "y": round(top + h - bh, 1),
             "w": round(step * 0.7, 1), "h": round(bh, 1), "title": f"{d['day']}: {d.get('leads', 0)} leads"}
        )
        cx = round(x + step / 2, 1)
        for series, key, cls in (
            (contained, "bot_containment_rate", "dot1"),
            (escalated, "escalation_rate", "dot2"),
        ):
            if d.get(key) is not None:
                y = round(top + h - h * d[key], 1)
                series.append(f"{cx},{y}")
                dots.append({"x": cx, "y": y, "cls": cls, "title": f"{d['day']}: {key.replace('_', ' ')} {d[key]:.0%}"})
        if n <= 14 or i % max(1, n // 7) == 0:
            labels.append({"x": cx, "text": d["day"][5:]})
    return {
        "width": width, "height": height, "left": left, "top": top, "bottom": top + h,
        "right": left + w, "peak": peak, "bars": bars, "labels": labels, "dots": dots,
        "contained": " ".join(contained), "escalated": " ".join(escalated),
    }


# ------------------------------------------------------------------------------ pages


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
async def admin_page(
    days: int = Query(30, ge=1, le=366),
    b_date: str | None = Query(None, max_length=10),
    b_status: str | None = Query(None, max_length=20),
    b_cursor: str | None = Query(None, max_length=40),
    l_source: str | None = Query(None, max_length=20),
    l_cursor: str | None = Query(None, max_length=40),
    c: Container = Depends(get_container),
    who: PageUser = Depends(page_admin),
) -> Response:
    if not isinstance(who, Principal):
        return who
    try:
        day = date.fromisoformat(b_date) if b_date else None
    except ValueError:
        day = None
    status = b_status if b_status in BOOKING_STATUSES else None
    source = l_source if l_source in LEAD_SOURCES else None
    tz = await station_tz(c)
    now = c.now()
    report = await kpi_report(c, days, None)
    async with c.uow() as uow:
        s = uow.session
        stations = {st.id: st for st in await StationRepository(s).list()}
        rows = await BookingRepository(s).search(
            status=status, day=day, after=_cursor(b_cursor), limit=51
        )
        bookings = []
        for b, cust in rows[:50]:
            st = stations[b.station_id]
            bookings.append(
                {
                    **booking_json(b, cust),
                    "free_cancel": cancel_policy(st, b, now),
                    "reschedule_blocked": can_reschedule(st, b, now),
                    "slots": list(st.slots),
                }
            )
        b_next = str(rows[49][0].id) if len(rows) > 50 else None
        lrepo = LeadRepository(s)
        lrows = await lrepo.search(
            phone=None, email=None, source=source, after=_cursor(l_cursor), limit=51
        )
        page = lrows[:50]
        events = await lrepo.events([lead.id for lead, _ in page])
        counts = await lrepo.inbound_message_counts([cust.id for _, cust in page])
    kinds: dict[uuid.UUID, list[str]] = {}
    for ev in events:
        kinds.setdefault(ev.lead_id, []).append(ev.kind)
    leads = [
        {
            "lead": lead,
            "customer": cust,
            "score": lead_score(lead.status, lead.last_activity_at, now, counts.get(cust.id, 0)),
            "events": list(dict.fromkeys(kinds.get(lead.id, []))),
        }
        for lead, cust in page
    ]
    return render(
        "admin.html",
        user=who,
        active="admin",
        days=days,
        report=report,
        k=report["kpis"],
        chart=chart(report["daily"]),
        funnel=FUNNEL,
        bookings=bookings,
        b_next=b_next,
        b_date=day.isoformat() if day else "",
        b_status=status or "",
        statuses=BOOKING_STATUSES,
        leads=leads,
        l_next=str(page[-1][0].id) if len(lrows) > 50 else None,
        l_source=source or "",
        sources=LEAD_SOURCES,
        when=lambda v: local_time(v, tz),
        tz=tz,
        today=now.astimezone(tz).date().isoformat(),
    )


@router.get("/admin/faqs", response_class=HTMLResponse, include_in_schema=False)
async def faqs_page(
    c: Container = Depends(get_container),
    who: PageUser = Depends(page_admin),
) -> Response:
    if not isinstance(who, Principal):
        return who
    async with c.uow() as uow:
        station = (await StationRepository(uow.session).list())[0]
        entries, _ = await FaqService(uow.session, c.embedder).list_entries(station.id, limit=500)
        items = [entry_as_dict(e) for e in entries]
    return render("faqs.html", user=who, active="faqs", entries=items, station=station.id)
