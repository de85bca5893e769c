"""Deposits: the Checkout link of a booking, Stripe's "paid" event, refunds.

The gateway is passed in (``core.stripe_gateway.StripeGateway`` in production), so the
rules here do not depend on how Stripe is reached.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Booking, Customer, Payment
from core.repositories.leads import LeadRepository
from core.repositories.payments import PaymentRepository
from core.services import leads
from core.services.bookings import mark_deposit_paid

log = logging.getLogger(__name__)


class DepositGateway(Protocol):
    async def create_deposit_checkout(
        self,
        booking_id: str,
        amount_cents: int,
        description: str,
        success_url: str,
        cancel_url: str,
        idempotency_key: str,
    ) -> tuple[str, str]: ...

    async def refund(self, payment_intent_id: str, idempotency_key: str) -> str: ...


async def payment_link(
    gateway: DepositGateway, booking: Booking, base_url: str, business_name: str
) -> str:
    """The booking's Checkout URL, created once (the idempotency key makes a retry safe)."""
    if booking.checkout_url:
        return booking.checkout_url
    base = base_url.rstrip("/")
    session_id, url = await gateway.create_deposit_checkout(
        booking_id=str(booking.id),
        amount_cents=booking.deposit_cents,
        description=f"{business_name} deposit — {booking.event_date.isoformat()} {booking.slot}",
        success_url=f"{base}/chat?paid=1",
        cancel_url=f"{base}/chat",
        idempotency_key=f"checkout:{booking.id}",
    )
    booking.checkout_session_id = session_id
    booking.checkout_url = url
    return url


@dataclass(frozen=True, slots=True)
class DepositOutcome:
    booking: Booking
    confirmed: bool  # False: paid after the hold ran out and the slot was gone


async def record_deposit(
    session: AsyncSession,
    *,
    event_id: str,
    booking_id: uuid.UUID,
    payment_ref: str,
    amount_cents: int,
    now: datetime,
) -> DepositOutcome | None:
    """Apply Stripe's ``checkout.session.completed``; None for a replayed event."""
    payments = PaymentRepository(session)
    if not await payments.claim_event("stripe", event_id):
        return None
    booking = await mark_deposit_paid(session, booking_id, now)
    if not await payments.has_ref(payment_ref):
        await payments.add(
            Payment(
                booking_id=booking.id,
                provider="stripe",
                provider_ref=payment_ref,
                kind="deposit",
                amount_cents=amount_cents,
                status="succeeded",
            )
        )
    confirmed = booking.status == "deposit_paid"
    repo = LeadRepository(session)
    lead = await repo.get(booking.lead_id) if booking.lead_id else None
    customer = await session.get(Customer, booking.customer_id)
    data = {"booking_id": str(booking.id)}
    if confirmed and lead is not None:
        await leads.record_on_lead(repo, lead, event="deposit_paid", now=now, data=data)
    elif confirmed and customer is not None:
        await leads.record(repo, customer, source=booking.channel, event="deposit_paid", now=now, data=data)
    return DepositOutcome(booking, confirmed)


async def refund_deposit(session: AsyncSession, gateway: DepositGateway, booking: Booking) -> bool:
    """Refund a cancelled booking's deposit through Stripe; True when a refund was made.

    Idempotent: the key is the booking, and a refund row already present stops here.
    """
    payments = PaymentRepository(session)
    rows = await payments.for_booking(booking.id)
    if any(p.kind == "refund" for p in rows):
        return False
    deposit = next((p for p in rows if p.kind == "deposit" and p.status == "succeeded"), None)
    if deposit is None:
        log.info("booking %s: no deposit payment to refund", booking.id)
        return False
    refund_id = await gateway.refund(deposit.provider_ref, idempotency_key=f"refund:{booking.id}")
    await payments.add(
        Payment(
            booking_id=booking.id,
            provider="stripe",
            provider_ref=refund_id,
            kind="refund",
            amount_cents=-deposit.amount_cents,
            status="succeeded",
        )
    )
    return True
