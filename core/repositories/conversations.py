"""Conversations, their messages, the inbox and escalations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import Conversation, Customer, Escalation, InboxItem, Message


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

    async def resolve_escalations(
        self, conversation_id: uuid.UUID, user_id: uuid.UUID | None
    ) -> None:
        await self.session.execute(
            update(Escalation)
            .where(Escalation.conversation_id == conversation_id, Escalation.resolved_at.is_(None))
            .values(resolved_at=datetime.now().astimezone(), resolved_by=user_id)
        )


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self, channel: str, provider_message_id: str, payload: dict[str, Any]
    ) -> InboxItem | None:
        """Record an inbound message; None when it was already recorded (a duplicate)."""
        new_id = await self.session.scalar(
            insert(InboxItem)
            .values(channel=channel, provider_message_id=provider_message_id, payload=payload)
            .on_conflict_do_nothing(constraint="uq_inbox_channel_provider_id")
            .returning(InboxItem.id)
        )
        if new_id is None:
            return None
        return await self.session.get(InboxItem, new_id)

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
