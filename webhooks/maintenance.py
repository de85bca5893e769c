"""Periodic housekeeping, safe to run in every process at once:

- answer inbound messages a crash left unanswered (their replies go by the outbox);
- expire unpaid holds after 24 hours, freeing the slot, and tell the customer;
- send the deposit link of bookings made while Stripe was unreachable;
- remind paid customers before their event, nudge unpaid holds before they expire.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot import templates as t
from channels.base import ChannelName, InboundMessage
from core.models import Station
from core.repositories.bookings import BookingRepository
from core.repositories.conversations import InboxRepository
from core.services.notify import notify_booking_customer
from core.services.payments import payment_link
from core.stripe_gateway import PaymentGatewayError
from webhooks.container import Container
from webhooks.providers import base_url
from webhooks.tasks import BackgroundLoop
from webhooks.turns import process_message

log = logging.getLogger(__name__)

# A message younger than this may still be in its request; older ones are orphans.
IN_FLIGHT_GRACE = timedelta(seconds=15)


async def recover_inbox(c: Container, received_before: datetime) -> int:
    """Process messages recorded before ``received_before`` but never answered."""
    async with c.uow() as uow:
        orphans = await InboxRepository(uow.session).unprocessed(received_before)
        rows = [(o.channel, o.provider_message_id, dict(o.payload or {}), o.received_at) for o in orphans]
    n = 0
    for channel, provider_id, payload, received_at in rows:
        sender = str(payload.get("sender") or "")
        if not sender:
            continue
        msg = InboundMessage(
            channel=ChannelName(channel),
            sender=sender,
            text=str(payload.get("text") or ""),
            provider_message_id=provider_id,
            received_at=received_at,
            media_count=int(payload.get("media") or 0),
            display_name=payload.get("name"),
        )
        outcome = await process_message(c, msg, recovered=True)
        if not outcome.duplicate:
            n += 1
            log.info("recovered an unanswered %s message", channel)
    return n


async def expire_holds(c: Container) -> int:
    """Cancel unpaid bookings whose hold ran out and tell their customers."""
    async with c.uow() as uow:
        repo = BookingRepository(uow.session)
        ids = await repo.expire_holds(c.now())
        for booking in await repo.get_many(ids):
            await notify_booking_customer(
                uow.session, booking, t.hold_expired(booking.event_date, booking.slot),
                f"hold_expired:{booking.id}",
            )
        await uow.commit()
    return len(ids)


async def send_late_payment_links(c: Container) -> int:
    if c.stripe is None:
        return 0
    n = 0
    async with c.uow() as uow:
        s = uow.session
        for booking in await BookingRepository(s).awaiting_payment_link(c.now()):
            station = await s.get(Station, booking.station_id)
            try:
                url = await payment_link(c.stripe, booking, base_url(c), station.business_name if station else "Hibachi")
            except PaymentGatewayError as exc:
                log.warning("stripe still failing for booking %s: %s", booking.id, exc)
                break
            await notify_booking_customer(
                s, booking, t.payment_link_later(booking.event_date, booking.slot, booking.deposit_cents, url),
                f"paylink:{booking.id}",
            )
            n += 1
        await uow.commit()
    return n


# When the business reaches out on its own: a day-before reminder for paid bookings,
# and a nudge while an unpaid hold still has a few hours left.
REMIND_WITHIN = timedelta(hours=48)
REMIND_NOT_LATER_THAN = timedelta(hours=2)
NUDGE_WITHIN = timedelta(hours=4)


async def send_reminders(c: Container) -> int:
    """Remind paid customers of their event (once) and nudge expiring holds (once)."""
    now = c.now()
    n = 0
    async with c.uow() as uow:
        s = uow.session
        repo = BookingRepository(s)
        for b in await repo.starting_between(now + REMIND_NOT_LATER_THAN, now + REMIND_WITHIN, "deposit_paid"):
            if await notify_booking_customer(
                s, b, t.event_reminder(b.event_date, b.slot, b.address), f"reminder:{b.id}:{b.event_date}:{b.slot}"
            ):
                n += 1
        for b in await repo.holds_expiring_between(now, now + NUDGE_WITHIN):
            if b.checkout_url and await notify_booking_customer(
                s, b, t.hold_expiring(b.event_date, b.slot, b.deposit_cents, b.checkout_url), f"hold_nudge:{b.id}"
            ):
                n += 1
        await uow.commit()
    return n


async def run_once(c: Container, *, received_before: datetime | None = None) -> None:
    cutoff = received_before or datetime.now().astimezone() - IN_FLIGHT_GRACE
    await recover_inbox(c, cutoff)
    await expire_holds(c)
    await send_late_payment_links(c)
    await send_reminders(c)
    c.kick_outbox()


class Maintenance(BackgroundLoop):
    """Runs :func:`run_once` at start-up (every unanswered message) and then periodically."""

    name = "maintenance"

    def __init__(self, c: Container, *, every_seconds: float = 30.0) -> None:
        super().__init__()
        self.c = c
        self.every_seconds = every_seconds

    async def _run(self) -> None:
        first = True
        while True:
            try:
                # At start-up nothing received earlier can still be in a request of ours.
                await run_once(self.c, received_before=datetime.now().astimezone() if first else None)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("maintenance pass failed")
            first = False
            await asyncio.sleep(self.every_seconds)
