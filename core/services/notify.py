"""Messages the business sends on its own initiative (payment confirmations, expired
holds, payment links made late): written to the conversation and queued in the outbox,
in the caller's unit of work, so they leave exactly when the change they announce
commits."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from channels.base import Reply
from core.models import Booking, Customer
from core.repositories.conversations import ConversationRepository
from core.repositories.outbox import OutboxRepository

log = logging.getLogger(__name__)


async def notify_booking_customer(
    session: AsyncSession, booking: Booking, reply: Reply, idempotency_key: str
) -> bool:
    """Queue ``reply`` on the channel the booking was made from; False when there is no
    channel or this message (same key) was already queued.

    A booking taken over the API has no conversation: the customer's phone (SMS) is the
    channel then, if we have one.
    """
    outbox = OutboxRepository(session)
    if await outbox.exists(idempotency_key):
        return False  # already told (a periodic job may ask twice)
    convs = ConversationRepository(session)
    conv = await convs.get(booking.conversation_id) if booking.conversation_id else None
    if conv is not None:
        channel, recipient = conv.channel, conv.external_id
        await convs.add_message(
            conv, direction="out", author="bot", text=reply.text, buttons=list(reply.buttons),
            kind=reply.kind,
        )
    else:
        customer = await session.get(Customer, booking.customer_id)
        if customer is None or not customer.phone:
            log.info("booking %s: no channel to notify the customer on", booking.id)
            return False
        channel, recipient = "sms", customer.phone
    await outbox.enqueue(
        conversation_id=conv.id if conv is not None else None,
        channel=channel,
        recipient=recipient,
        text=reply.text,
        buttons=list(reply.buttons),
        kind=reply.kind,
        idempotency_key=idempotency_key,
    )
    return True
