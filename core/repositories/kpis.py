"""The counts behind the KPIs of DOMAIN.md, and their daily snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from core.models import (
    Booking,
    Conversation,
    Customer,
    Escalation,
    KpiSnapshot,
    Lead,
    LeadEvent,
    Message,
    Payment,
)

ALL = "*"  # the station id of snapshots over every station


@dataclass
class KpiCounts:
    """Raw counts for one period (leads, bookings, conversations, escalations created
    in it). Rates are derived from these by the service."""

    leads_by_source: dict[str, int] = field(default_factory=dict)
    leads_contacted: int = 0
    funnel: dict[str, int] = field(default_factory=dict)  # leads that reached each event
    leads_quoted: int = 0
    leads_quoted_booked: int = 0
    bookings: int = 0
    bookings_deposit_paid: int = 0
    conversations: int = 0
    conversations_escalated: int = 0
    conversations_contained: int = 0
    escalations: int = 0
    escalations_answered: int = 0
    median_first_response_seconds: float | None = None


def _in(col: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(col >= start, col < end)


class KpiRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def counts(self, start: datetime, end: datetime, station_id: str | None) -> KpiCounts:
        out = KpiCounts()
        await self._leads(out, start, end, station_id)
        await self._bookings(out, start, end, station_id)
        await self._conversations(out, start, end, station_id)
        await self._first_response(out, start, end, station_id)
        return out

    async def _leads(
        self, out: KpiCounts, start: datetime, end: datetime, station_id: str | None
    ) -> None:
        cohort = _in(Lead.created_at, start, end)
        if station_id:
            cohort = and_(cohort, Lead.station_id == station_id)
        rows = await self.s.execute(
            select(Lead.source, func.count()).where(cohort).group_by(Lead.source)
        )
        out.leads_by_source = {src: n for src, n in rows.all()}
        out.leads_contacted = int(
            await self.s.scalar(
                select(func.count())
                .select_from(Lead)
                .join(Customer, Customer.id == Lead.customer_id)
                .where(cohort, or_(Customer.phone.is_not(None), Customer.email.is_not(None)))
            )
            or 0
        )
        rows = await self.s.execute(
            select(LeadEvent.kind, func.count(func.distinct(LeadEvent.lead_id)))
            .join(Lead, Lead.id == LeadEvent.lead_id)
            .where(cohort)
            .group_by(LeadEvent.kind)
        )
        out.funnel = {kind: n for kind, n in rows.all()}

        def has(kind: str) -> ColumnElement[bool]:
            return exists().where(LeadEvent.lead_id == Lead.id, LeadEvent.kind == kind)

        quoted, booked = (
            await self.s.execute(
                select(
                    func.count().filter(has("quote_viewed")),
                    func.count().filter(and_(has("quote_viewed"), has("booking_created"))),
                ).where(cohort)
            )
        ).one()
        out.leads_quoted, out.leads_quoted_booked = int(quoted), int(booked)

    async def _bookings(
        self, out: KpiCounts, start: datetime, end: datetime, station_id: str | None
    ) -> None:
        cohort = _in(Booking.created_at, start, end)
        if station_id:
            cohort = and_(cohort, Booking.station_id == station_id)
        paid = or_(
            Booking.status.in_(("deposit_paid", "completed")),
            exists().where(
                Payment.booking_id == Booking.id,
                Payment.kind == "deposit",
                Payment.status == "succeeded",
            ),
        )
        total, n_paid = (
            await self.s.execute(select(func.count(), func.count().filter(paid)).where(cohort))
        ).one()
        out.bookings, out.bookings_deposit_paid = int(total), int(n_paid)

    async def _conversations(
        self, out: KpiCounts, start: datetime, end: datetime, station_id: str | None
    ) -> None:
        cohort = _in(Conversation.created_at, start, end)
        if station_id:
            cohort = and_(cohort, Conversation.station_id == station_id)
        escalated = exists().where(Escalation.conversation_id == Conversation.id)
        staff_spoke = exists().where(
            Message.conversation_id == Conversation.id, Message.author == "staff"
        )
        contained = and_(~escalated, ~staff_spoke, Conversation.staff_touched.is_(False))
        total, n_esc, n_cont = (
            await self.s.execute(
                select(
                    func.count(), func.count().filter(escalated), func.count().filter(contained)
                ).where(cohort)
            )
        ).one()
        out.conversations = int(total)
        out.conversations_escalated = int(n_esc)
        out.conversations_contained = int(n_cont)

    async def _first_response(
        self, out: KpiCounts, start: datetime, end: datetime, station_id: str | None
    ) -> None:
        """Per escalation raised in the period: time until the first staff message
        after it. The median is over escalations that got an answer."""
        first = (
            select(func.min(Message.created_at))
            .where(
                Message.conversation_id == Escalation.conversation_id,
                Message.author == "staff",
                Message.created_at >= Escalation.created_at,
            )
            .scalar_subquery()
        )
        waits = select(
            func.extract("epoch", first - Escalation.created_at).label("wait")
        ).where(_in(Escalation.created_at, start, end))
        if station_id:
            waits = waits.join(Conversation, Conversation.id == Escalation.conversation_id).where(
                Conversation.station_id == station_id
            )
        sub = waits.subquery()
        total, answered, median = (
            await self.s.execute(
                select(
                    func.count(),
                    func.count(sub.c.wait),
                    func.percentile_cont(0.5).within_group(sub.c.wait),
                )
            )
        ).one()
        out.escalations, out.escalations_answered = int(total), int(answered)
        out.median_first_response_seconds = float(median) if median is not None else None

    # -- snapshots ---------------------------------------------------------------------

    async def snapshots(self, station_key: str, first: date, last: date) -> dict[date, dict[str, Any]]:
        rows = await self.s.scalars(
            select(KpiSnapshot).where(
                KpiSnapshot.station_id == station_key,
                KpiSnapshot.day >= first,
                KpiSnapshot.day <= last,
            )
        )
        return {r.day: r.data for r in rows.all()}

    async def save_snapshot(self, station_key: str, day: date, data: dict[str, Any]) -> None:
        await self.s.execute(
            insert(KpiSnapshot)
            .values(day=day, station_id=station_key, data=data)
            .on_conflict_do_update(
                index_elements=[KpiSnapshot.day, KpiSnapshot.station_id], set_={"data": data}
            )
        )
