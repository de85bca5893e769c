"""Conversations, their messages, the inbox and escalations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import (
    Booking,
    Conversation,
    Customer,
    Escalation,
    InboxItem,
    Lead,
    Message,
    User,
)

# Statuses in which a person, not the bot, owns the conversation.
HELD = ("escalated", "staff")
ConvRows = list[tuple[Conversation, Customer | None]]
FeedRows = list[tuple[Message, Conversation, Customer | None]]
Bookings = list[Booking]


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, conversation_id: uuid.UUID) -> Conversation | None:
        return await self.session.get(Conversation, conversation_id)

    async def by_external(self, channel: str, external_id: str) -> Conversation | None:
        return await self.session.scalar(
            select(Conversation).where(
                Conversation.channel == channel, Conversation.external_id == external_id
            )
        )

    async def get_or_create(self, channel: str, external_id: str, station_id: str) -> Conversation:
        """Race-safe: two first messages at once create one conversation."""
        found = await self.by_external(channel, external_id)  # the usual case: one query
        if found is not None:
            return found
        await self.session.execute(
            insert(Conversation)
            .values(
                id=uuid.uuid4(),
                channel=channel,
                external_id=external_id,
                station_id=station_id,
                status="bot",
                state={},
                staff_touched=False,
            )
            .on_conflict_do_nothing(constraint="uq_conversations_channel_external")
        )
        conv = await self.by_external(channel, external_id)
        assert conv is not None
        return conv

    async def reload(self, conv: Conversation) -> None:
        await self.session.refresh(conv)

    async def add_message(
        self,
        conv: Conversation,
        *,
        direction: str,
        author: str,
        text: str,
        buttons: list[str] | None = None,
        kind: str | None = None,
        user_id: uuid.UUID | None = None,
        at: datetime | None = None,
    ) -> Message:
        msg = Message(
            conversation_id=conv.id,
            direction=direction,
            author=author,
            text=text,
            buttons=buttons or [],
            kind=kind,
            user_id=user_id,
        )
        if at is not None:
            msg.created_at = at
        self.session.add(msg)
        await self.session.flush()
        return msg

    async def messages(self, conversation_id: uuid.UUID) -> list[Message]:
        rows = await self.session.scalars(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
        return list(rows.all())

    async def list(
        self,
        *,
        status: str | None,
        channel: str | None,
        after: datetime | None,
        limit: int,
    ) -> list[tuple[Conversation, Customer | None]]:
        q = select(Conversation, Customer).outerjoin(
            Customer, Customer.id == Conversation.customer_id
        )
        if status:
            q = q.where(Conversation.status == status)
        if channel:
            q = q.where(Conversation.channel == channel)
        if after is not None:
            q = q.where(Conversation.last_message_at < after)
        q = q.order_by(Conversation.last_message_at.desc()).limit(limit)
        return [(c, cust) for c, cust in (await self.session.execute(q)).all()]

    async def add_escalation(self, conversation_id: uuid.UUID, reason: str) -> None:
        self.session.add(Escalation(conversation_id=conversation_id, reason=reason))
        await self.session.flush()

    async def latest_escalation_id(self, conversation_id: uuid.UUID) -> int | None:
        return await self.session.scalar(
            select(func.max(Escalation.id)).where(Escalation.conversation_id == conversation_id)
        )

    async def resolve_escalations(
        self, conversation_id: uuid.UUID, user_id: uuid.UUID | None
    ) -> None:
        await self.session.execute(
            update(Escalation)
            .where(Escalation.conversation_id == conversation_id, Escalation.resolved_at.is_(None))
            .values(resolved_at=datetime.now().astimezone(), resolved_by=user_id)
        )


    # -- staff inbox ------------------------------------------------------------------------

    async def lock(self, conv: Conversation) -> None:
        """The per-conversation advisory lock every writer takes (same key as inbound
        turns), then a fresh read of the row."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
            {"k": f"conv:{conv.channel}:{conv.external_id}"},
        )
        await self.session.refresh(conv)

    async def page(
        self,
        *,
        statuses: Sequence[str] = (),
        channel: str | None,
        before: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> ConvRows:
        """Newest activity first; keyset on (last_message_at, id), so equal timestamps
        never hide a conversation between pages."""
        q = select(Conversation, Customer).outerjoin(
            Customer, Customer.id == Conversation.customer_id
        )
        if statuses:
            q = q.where(Conversation.status.in_(list(statuses)))
        if channel:
            q = q.where(Conversation.channel == channel)
        if before is not None:
            q = q.where(tuple_(Conversation.last_message_at, Conversation.id) < before)
        q = q.order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(limit)
        return [(c, cust) for c, cust in (await self.session.execute(q)).all()]

    async def customer_lead(self, customer_id: uuid.UUID) -> Lead | None:
        """The customer's newest lead (its quote is shown beside the conversation)."""
        return await self.session.scalar(
            select(Lead)
            .where(Lead.customer_id == customer_id)
            .order_by(Lead.created_at.desc(), Lead.id)
            .limit(1)
        )

    async def customer_bookings(self, customer_id: uuid.UUID, limit: int = 10) -> Bookings:
        rows = await self.session.scalars(
            select(Booking)
            .where(Booking.customer_id == customer_id)
            .order_by(Booking.event_date.desc(), Booking.slot.desc())
            .limit(limit)
        )
        return [*rows.all()]

    async def with_customer(
        self, conversation_id: uuid.UUID
    ) -> tuple[Conversation, Customer | None] | None:
        row = (
            await self.session.execute(
                select(Conversation, Customer)
                .outerjoin(Customer, Customer.id == Conversation.customer_id)
                .where(Conversation.id == conversation_id)
            )
        ).first()
        return (row[0], row[1]) if row is not None else None

    async def messages_after(
        self, after_id: int, limit: int = 200
    ) -> FeedRows:
        """Messages newer than `after_id` (any conversation), oldest first: the live feed."""
        rows = await self.session.execute(
            select(Message, Conversation, Customer)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .outerjoin(Customer, Customer.id == Conversation.customer_id)
            .where(Message.id > after_id)
            .order_by(Message.id)
            .limit(limit)
        )
        return [(m, c, cust) for m, c, cust in rows.all()]

    async def last_message_id(self) -> int:
        return int(await self.session.scalar(select(func.max(Message.id))) or 0)

    async def held_or(self, ids: Sequence[uuid.UUID]) -> ConvRows:
        """Conversations people hold now, plus `ids` whatever their status (to notice
        a release or close made by someone else)."""
        cond = (
            or_(Conversation.status.in_(HELD), Conversation.id.in_(list(ids)))
            if ids
            else Conversation.status.in_(HELD)
        )
        rows = await self.session.execute(
            select(Conversation, Customer)
            .outerjoin(Customer, Customer.id == Conversation.customer_id)
            .where(cond)
        )
        return [(c, cust) for c, cust in rows.all()]

    async def last_texts(self, conversation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The newest message text of each conversation (list previews)."""
        if not conversation_ids:
            return {}
        rows = await self.session.execute(
            select(Message.conversation_id, Message.text)
            .ext(distinct_on(Message.conversation_id))
            .where(Message.conversation_id.in_(list(conversation_ids)))
            .order_by(Message.conversation_id, Message.id.desc())
        )
        return {cid: t for cid, t in rows.all()}

    async def user_names(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not user_ids:
            return {}
        rows = await self.session.execute(
            select(User.id, User.name, User.email).where(User.id.in_(list(user_ids)))
        )
        return {uid: name or email for uid, name, email in rows.all()}


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self, channel: str, provider_message_id: str, payload: dict[str, Any]
    ) -> bool:
        """Record an inbound message; False when it was already recorded (a duplicate)."""
        new_id = await self.session.scalar(
            insert(InboxItem)
            .values(channel=channel, provider_message_id=provider_message_id, payload=payload)
            .on_conflict_do_nothing(constraint="uq_inbox_channel_provider_id")
            .returning(InboxItem.id)
        )
        return new_id is not None

    async def get(self, channel: str, provider_message_id: str) -> InboxItem | None:
        return await self.session.scalar(
            select(InboxItem).where(
                InboxItem.channel == channel, InboxItem.provider_message_id == provider_message_id
            )
        )

    async def unprocessed(self, received_before: datetime, limit: int = 100) -> list[InboxItem]:
        """Messages recorded but never answered (the process died mid-turn)."""
        rows = await self.session.scalars(
            select(InboxItem)
            .where(InboxItem.processed_at.is_(None), InboxItem.received_at < received_before)
            .order_by(InboxItem.id)
            .limit(limit)
        )
        return list(rows.all())
