"""Leads, funnel events and the lead score of DOMAIN.md."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.models import Customer, Lead
from core.repositories.leads import CLOSED_STATUSES, LeadRepository

# Status only moves forward through the funnel.
STATUS_RANK = {"new": 0, "contacted": 1, "quoted": 2, "booking_started": 3, "booked": 4}
STATUS_POINTS = {"new": 0, "contacted": 10, "quoted": 25, "booking_started": 40, "booked": 60}
ENGAGEMENT_CAP = 30

EVENT_STATUS = {
    "quote_viewed": "quoted",
    "booking_started": "booking_started",
    "booking_created": "booked",
    "deposit_paid": "booked",
}


def lead_score(
    status: str,
    last_activity: datetime,
    now: datetime,
    messages: int,
    calls: int = 0,
    emails: int = 0,
) -> int:
    engagement = min(ENGAGEMENT_CAP, 5 * calls + 3 * messages + 2 * emails)
    idle_days = (now - last_activity).total_seconds() / 86400
    if idle_days < 2:
        urgency = 10
    elif 7 <= idle_days <= 14:
        urgency = -5
    elif idle_days > 14:
        urgency = -15
    else:
        urgency = 0
    return max(0, min(100, engagement + urgency + STATUS_POINTS.get(status, 0)))


def is_open(lead: Lead) -> bool:
    """Not ended in a booking or a loss (the repository's ``open_for_customer``)."""
    return lead.status not in CLOSED_STATUSES


async def record(
    repo: LeadRepository,
    customer: Customer,
    *,
    source: str,
    event: str,
    now: datetime,
    data: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    known: Lead | None = None,
) -> Lead:
    """Append a funnel event to the customer's open lead (creating the lead, with its
    `lead_created` event, on first contact) and advance its status.

    ``known``: the lead an earlier call returned in the same transaction; used when it
    is still this customer's open lead, saving the lookup."""
    if known is not None and known.customer_id == customer.id and is_open(known):
        lead: Lead | None = known
    else:
        lead = await repo.open_for_customer(customer.id)
    if lead is None:
        lead = await repo.add(
            Lead(
                station_id=customer.station_id, customer_id=customer.id, source=source, status="new"
            )
        )
        await repo.add_event(lead.id, "lead_created", {"source": source})
    if event != "lead_created":
        await repo.add_event(lead.id, event, data or {})
    target = EVENT_STATUS.get(event)
    if event == "lead_created" and (customer.phone or customer.email):
        target = "contacted"
    if target and STATUS_RANK[target] > STATUS_RANK.get(lead.status, 0):
        lead.status = target
    for key, value in (details or {}).items():
        if value is not None:
            setattr(lead, key, value)
    lead.station_id = customer.station_id
    lead.last_activity_at = now
    # No flush: the next query (or the commit) writes the row, so a turn that records
    # two events updates the lead once instead of twice. ``repo.add`` flushed a new lead
    # already, which the events' raw INSERTs need.
    return lead


async def record_on_lead(
    repo: LeadRepository, lead: Lead, *, event: str, now: datetime, data: dict[str, Any] | None = None
) -> None:
    """Append an event to a known lead (a booking's own lead, even once it is booked)."""
    await repo.add_event(lead.id, event, data or {})
    target = EVENT_STATUS.get(event)
    if target and STATUS_RANK[target] > STATUS_RANK.get(lead.status, 0):
        lead.status = target
    lead.last_activity_at = now  # written by the next query's autoflush or the commit
