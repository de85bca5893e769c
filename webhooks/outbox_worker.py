"""The outbox worker: sends queued messages through the customer's channel.

Why our own table rather than procrastinate: an outbox row must commit in the *same*
transaction as the change it announces (a booking paid, a staff reply), and that
transaction is SQLAlchemy/asyncpg's; procrastinate enqueues over its own psycopg
connection. The table is still a PostgreSQL job queue: rows are claimed one at a time
with ``FOR UPDATE SKIP LOCKED``, so any number of workers (processes) can run.

Exactly once: a row is locked while it is sent and marked ``sent`` in the same
transaction, so no two workers send it. A crash between the provider's "accepted" and
our commit can resend that one message (providers have no idempotency key for SMS);
that window is one network round trip.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from channels.base import (
    Channel,
    ChannelName,
    DeliveryFailed,
    OutboundMessage,
    RecipientOptedOut,
    Reply,
)
from core.models import OutboxItem
from core.redact import mask_phone
from core.repositories.outbox import OptOutRepository, OutboxRepository
from webhooks import metrics
from webhooks.container import Container
from webhooks.tasks import BackgroundLoop

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 300
MAX_ATTEMPTS = 8


def _sender(c: Container, channel: str) -> Channel | None:
    return {"sms": c.sms, "telegram": c.telegram, "webchat": c.webchat}.get(channel)


def _who(item: OutboxItem) -> str:
    return mask_phone(item.recipient) if item.channel == "sms" else item.channel


async def deliver_one(c: Container) -> bool:
    """Send the oldest due message, if any; False when nothing was due."""
    async with c.uow() as uow:
        repo = OutboxRepository(uow.session)
        now = _wall_now()
        items = await repo.claim_due(now, limit=1)
        if not items:
            return False
        item = items[0]
        outcome = await _send(c, uow.session, repo, item, now)
        await uow.commit()
    metrics.DELIVERIES.labels(item.channel, outcome).inc()
    return True


async def deliver_due(c: Container, limit: int = 500) -> int:
    """Send every due message (up to ``limit``); returns how many were handled."""
    n = 0
    while n < limit and await deliver_one(c):
        n += 1
    return n


async def _send(
    c: Container, session: AsyncSession, repo: OutboxRepository, item: OutboxItem, now: datetime
) -> str:
    optouts = OptOutRepository(session)
    # The STOP confirmation itself is the one message an opted-out number still gets.
    if item.channel == "sms" and item.kind != "opted_out" and await optouts.is_opted_out(item.recipient):
        await repo.mark_suppressed(item, "opted_out")
        return "suppressed"
    sender = _sender(c, item.channel)
    if sender is None:
        # Not configured here: keep it for a worker that has the channel, but do not spin.
        await repo.mark_failed(item, f"{item.channel} is not configured", retry_at=_retry_at(item, now, 60.0))
        log.warning("outbox: %s is not configured; message %s waits", item.channel, item.id)
        return "retry"
    message = OutboundMessage(
        channel=ChannelName(item.channel),
        recipient=item.recipient,
        reply=Reply(item.text, tuple(item.buttons or ()), item.kind or "text"),
        idempotency_key=item.idempotency_key,
    )
    try:
        provider_id = await sender.send(message)
    except RecipientOptedOut as exc:
        await repo.mark_suppressed(item, str(exc))
        if item.channel == "sms":
            await optouts.opt_out(item.recipient)  # Twilio 21610: they texted STOP elsewhere
            await repo.suppress_pending_for("sms", item.recipient)
        log.info("outbox: %s refuses messages; suppressed", _who(item))
        return "suppressed"
    except DeliveryFailed as exc:
        retry_at = _retry_at(item, now, exc.retry_after) if exc.retryable else None
        await repo.mark_failed(item, str(exc), retry_at=retry_at)
        log.warning("outbox: send to %s failed (%s), retryable=%s", _who(item), exc, exc.retryable)
        return "retry" if exc.retryable and item.status == "pending" else "failed"
    except Exception as exc:  # a bug in a sender must not wedge the queue
        await repo.mark_failed(item, f"{type(exc).__name__}: {exc}", retry_at=_retry_at(item, now, None))
        log.exception("outbox: unexpected error sending message %s", item.id)
        return "retry"
    await repo.mark_sent(item, provider_id, now)
    return "sent"


def _wall_now() -> datetime:
    # Delivery timing is real time, not the business clock tests may freeze.
    return datetime.now().astimezone()


class OutboxWorker(BackgroundLoop):
    """A background loop: deliver what is due, then sleep until kicked or a tick passes."""

    name = "outbox-worker"

    def __init__(self, c: Container, *, idle_seconds: float = 0.5) -> None:
        super().__init__()
        self.c = c
        self.idle_seconds = idle_seconds
        self._wake = asyncio.Event()

    def kick(self) -> None:
        """Something was just queued in this process: look now."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                await deliver_due(self.c)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database restarting, say: try again shortly
                log.exception("outbox worker: delivery pass failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.idle_seconds)


def _retry_at(item: OutboxItem, now: datetime, retry_after: float | None) -> datetime | None:
    """Exponential backoff (2, 4, 8 ... s, capped) or what the provider asked for;
    None once the attempts are used up (the message is marked failed for staff)."""
    if item.attempts + 1 >= MAX_ATTEMPTS:
        return None
    delay = retry_after if retry_after else 2 ** (item.attempts + 1)
    return now + timedelta(seconds=min(delay, MAX_BACKOFF_S))
