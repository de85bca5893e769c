"""Payments and processed provider events."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Payment, ProviderEvent


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_event(self, provider: str, event_id: str) -> bool:
        """True the first time an event id is seen; a replay gets False."""
        inserted = await self.session.scalar(
            insert(ProviderEvent)
            .values(provider=provider, event_id=event_id)
            .on_conflict_do_nothing()
            .returning(ProviderEvent.event_id)
        )
        return inserted is not None

    async def has_ref(self, provider_ref: str) -> bool:
        found = await self.session.scalar(
            select(Payment.id).where(Payment.provider_ref == provider_ref)
        )
        return found is not None

    async def add(self, payment: Payment) -> None:
        self.session.add(payment)
        await self.session.flush()

    async def for_booking(self, booking_id: uuid.UUID) -> list[Payment]:
        rows = await self.session.scalars(
            select(Payment).where(Payment.booking_id == booking_id).order_by(Payment.created_at)
        )
        return list(rows.all())
