"""The outbox: what must be sent, one row per message part, sent by a worker."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.driver import driver
from core.models import OutboxItem, SmsOptOut

# Asked on every SMS turn: sent straight to asyncpg (core/db/driver.py).
_OPTED_OUT = "SELECT 1 FROM sms_opt_outs WHERE phone = $1"


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(
        self,
        *,
        conversation_id: uuid.UUID | None,
        channel: str,
        recipient: str,
        text: str,
        buttons: list[str],
        kind: str | None,
        idempotency_key: str,
        status: str = "pending",
    ) -> None:
        """Idempotent: a second enqueue with the same key changes nothing."""
        await self.session.execute(
            insert(OutboxItem)
            .values(
                conversation_id=conversation_id,
                channel=channel,
                recipient=recipient,
                text=text,
                buttons=buttons,
                kind=kind,
                idempotency_key=idempotency_key,
                status=status,
                attempts=0,
                sent_at=None,
            )
            .on_conflict_do_nothing(index_elements=[OutboxItem.idempotency_key])
        )

    async def exists(self, idempotency_key: str) -> bool:
        found = await self.session.scalar(
            select(OutboxItem.id).where(OutboxItem.idempotency_key == idempotency_key)
        )
        return found is not None

    async def claim_due(self, now: datetime, limit: int = 20) -> list[OutboxItem]:
        """Lock due rows for this worker; other workers skip them."""
        rows = await self.session.scalars(
            select(OutboxItem)
            .where(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= now)
            .order_by(OutboxItem.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(rows.all())

    async def mark_sent(self, item: OutboxItem, provider_id: str, now: datetime) -> None:
        item.status = "sent"
        item.provider_message_id = provider_id
        item.sent_at = now
        item.attempts += 1
        await self.session.flush()

    async def mark_failed(
        self, item: OutboxItem, error: str, *, retry_at: datetime | None
    ) -> None:
        """Record a failed attempt; ``retry_at`` None gives up on the message."""
        item.attempts += 1
        item.last_error = error[:500]
        if retry_at is not None:
            item.next_attempt_at = retry_at
        else:
            item.status = "failed"
        await self.session.flush()

    async def mark_suppressed(self, item: OutboxItem, reason: str) -> None:
        item.status = "suppressed"
        item.last_error = reason
        await self.session.flush()

    async def for_conversation(self, conversation_id: uuid.UUID) -> list[OutboxItem]:
        rows = await self.session.scalars(
            select(OutboxItem)
            .where(OutboxItem.conversation_id == conversation_id)
            .order_by(OutboxItem.id)
        )
        return list(rows.all())

    async def suppress_pending_for(self, channel: str, recipient: str) -> None:
        await self.session.execute(
            update(OutboxItem)
            .where(
                OutboxItem.channel == channel,
                OutboxItem.recipient == recipient,
                OutboxItem.status == "pending",
            )
            .values(status="suppressed", last_error="opted_out")
        )


class OptOutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def is_opted_out(self, phone: str) -> bool:
        raw = await driver(self.session)
        return await raw.fetchval(_OPTED_OUT, phone) is not None

    async def opt_out(self, phone: str) -> bool:
        """True when this call opted the number out (False: it already was)."""
        inserted = await self.session.scalar(
            insert(SmsOptOut)
            .values(phone=phone)
            .on_conflict_do_nothing()
            .returning(SmsOptOut.phone)
        )
        return inserted is not None

    async def opt_in(self, phone: str) -> bool:
        row = await self.session.get(SmsOptOut, phone)
        if row is None:
            return False
        await self.session.delete(row)
        await self.session.flush()
        return True
