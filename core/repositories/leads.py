"""Leads and their funnel events."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.driver import driver, jsonb
from core.models import Conversation, Customer, Lead, LeadEvent, Message

# Appended on most turns: sent straight to asyncpg (core/db/driver.py).
_INSERT_EVENT = "INSERT INTO lead_events (lead_id, kind, data) VALUES ($1, $2, $3)"
# A lead with one of these statuses has ended; any other is the customer's open lead.
CLOSED_STATUSES = ("booked", "lost")
# Asked on most turns: built once, so only the parameter changes.
_OPEN_LEAD = (
    select(Lead)
    .where(Lead.customer_id == bindparam("customer_id"), Lead.status.not_in(CLOSED_STATUSES))
    .order_by(Lead.created_at.desc())
    .limit(1)
)


class LeadRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_for_customer(self, customer_id: uuid.UUID) -> Lead | None:
        """The customer's newest lead that has not ended in a booking or a loss."""
        return await self.session.scalar(_OPEN_LEAD, {"customer_id": customer_id})

    async def get(self, lead_id: uuid.UUID) -> Lead | None:
        return await self.session.get(Lead, lead_id)

    async def add(self, lead: Lead) -> Lead:
        self.session.add(lead)
        await self.session.flush()
        return lead

    async def add_event(self, lead_id: uuid.UUID, kind: str, data: dict[str, object]) -> None:
        """A plain INSERT in the session's transaction (no unit-of-work flush): events
        are appended on most turns and never read back in the same transaction. The lead
        row itself must already be flushed (``add`` does that)."""
        raw = await driver(self.session)
        await raw.execute(_INSERT_EVENT, lead_id, kind, jsonb(data))

    async def event_kinds(self, lead_id: uuid.UUID) -> list[str]:
        rows = await self.session.scalars(
            select(LeadEvent.kind).where(LeadEvent.lead_id == lead_id).order_by(LeadEvent.id)
        )
        return list(rows.all())

    async def events(self, lead_ids: Sequence[uuid.UUID]) -> list[LeadEvent]:
        if not lead_ids:
            return []
        rows = await self.session.scalars(
            select(LeadEvent).where(LeadEvent.lead_id.in_(lead_ids)).order_by(LeadEvent.id)
        )
        return list(rows.all())

    async def search(
        self,
        *,
        phone: str | None,
        email: str | None,
        source: str | None,
        after: str | None,
        limit: int,
    ) -> list[tuple[Lead, Customer]]:
        q = select(Lead, Customer).join(Customer, Customer.id == Lead.customer_id)
        if phone:
            q = q.where(Customer.phone == phone)
        if email:
            q = q.where(Customer.email == email)
        if source:
            q = q.where(Lead.source == source)
        if after:
            q = q.where(Lead.id < uuid.UUID(after))
        q = q.order_by(Lead.id.desc()).limit(limit)
        return [(lead, cust) for lead, cust in (await self.session.execute(q)).all()]

    async def inbound_message_counts(
        self, customer_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, int]:
        """Customer messages per customer, for the engagement part of the score."""
        if not customer_ids:
            return {}
        rows = await self.session.execute(
            select(Conversation.customer_id, func.count(Message.id))
            .join(Message, Message.conversation_id == Conversation.id)
            .where(Conversation.customer_id.in_(customer_ids), Message.direction == "in")
            .group_by(Conversation.customer_id)
        )
        return {cid: n for cid, n in rows.all() if cid is not None}
