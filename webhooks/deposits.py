"""Stripe said a deposit is paid: update the booking, thank the customer on their channel."""

from __future__ import annotations

import logging
import uuid

from bot import templates as t
from core.errors import NotFound
from core.repositories.conversations import ConversationRepository
from core.services.notify import notify_booking_customer
from core.services.payments import record_deposit
from webhooks import metrics
from webhooks.container import Container

log = logging.getLogger(__name__)


async def apply_deposit(
    c: Container, *, event_id: str, booking_id: uuid.UUID, payment_ref: str, amount_cents: int
) -> bool:
    """One unit of work; False for a replayed event or an unknown booking (both no-ops)."""
    async with c.uow() as uow:
        s = uow.session
        try:
            outcome = await record_deposit(
                s, event_id=event_id, booking_id=booking_id, payment_ref=payment_ref,
                amount_cents=amount_cents, now=c.now(),
            )
        except NotFound:
            log.warning("stripe: paid checkout names unknown booking %s", booking_id)
            return False  # rolled back: a later event for a restored booking still applies
        if outcome is None:
            return False
        b = outcome.booking
        if outcome.confirmed:
            reply = t.payment_confirmed(b.event_date, b.slot)
        else:
            reply = t.paid_without_seat(b.event_date, b.slot)
            if b.conversation_id is not None:
                convs = ConversationRepository(s)
                conv = await convs.get(b.conversation_id)
                if conv is not None:
                    conv.status, conv.escalation_reason = "escalated", "paid_without_seat"
                    await convs.add_escalation(conv.id, "paid_without_seat")
                    metrics.ESCALATIONS.labels("paid_without_seat").inc()
        await notify_booking_customer(s, b, reply, f"deposit:{b.id}")
        await uow.commit()
    c.kick_outbox()
    return True
