"""Conversations, their messages, the inbox and escalations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, or_, select, text, tuple_, update
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

# Hot-path statements, built once (the per-turn path skips the ORM's unit of work).
_MESSAGES = cast(Table, Message.__table__)
_INBOX = cast(Table, InboxItem.__table__)
_INSERT_MESSAGE = _MESSAGES.insert()
_CLAIM_INBOX = (
    insert(_INBOX)
    .values(
        channel=bindparam("channel"),
        provider_message_id=bindparam("provider_message_id"),
        payload=bindparam("payload", type_=_INBOX.c.payload.type),
    )
    .on_conflict_do_nothing(constraint="uq_inbox_channel_provider_id")
    .returning(_INBOX.c.id)
)
_INBOX_STATUS = select(
    _INBOX.c.id, _INBOX.c.processed_at, _INBOX.c.conversation_id, _INBOX.c.response
).where(_INBOX.c.channel == bindparam("channel"), _INBOX.c.provider_message_id == bindparam("pmid"))
_MARK_PROCESSED = (
    _INBOX.update()
    .where(_INBOX.c.id == bindparam("inbox_id"))
    .values(
        conversation_id=bindparam("conversation_id"),
        response=bindparam("response", type_=_INBOX.c.response.type),
        processed_at=bindparam("processed_at"),
    )
)

# Looked up on every turn: built once, so only the parameters change.
_BY_EXTERNAL = select(Conversation).where(
    Conversation.channel == bindparam("channel"), Conversation.external_id == bindparam("ext")
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
        return await self.session.scalar(_BY_EXTERNAL, {"channel": channel, "ext": external_id})

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

    async def append_message(
        self,
        conversation_id: uuid.UUID,
        *,
        direction: str,
        author: str,
        text: str,
        buttons: list[str] | None = None,
        kind: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Insert a message row without an ORM object: a plain INSERT on the session's
        connection (no unit-of-work flush), for the per-turn hot path."""
        values: dict[str, Any] = {
            "conversation_id": conversation_id, "direction": direction, "author": author,
            "text": text, "buttons": buttons or [], "kind": kind,
        }
        if at is not None:
            values["created_at"] = at
        conn = await self.session.connection()
        await conn.execute(_INSERT_MESSAGE, values)

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


@dataclass(frozen=True)
class InboxStatus:
    """What a turn needs of its inbox row."""

    id: int
    processed: bool
    conversation_id: uuid.UUID | None
    response: dict[str, Any] | None


class InboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self, channel: str, provider_message_id: str, payload: dict[str, Any]
    ) -> bool:
        """Record an inbound message; False when it was already recorded (a duplicate)."""
        conn = await self.session.connection()
        new_id = (
            await conn.execute(
                _CLAIM_INBOX,
                {"channel": channel, "provider_message_id": provider_message_id, "payload": payload},
            )
        ).scalar()
        return new_id is not None

    async def status(self, channel: str, provider_message_id: str) -> InboxStatus | None:
        """The row's id and whether it was answered (a plain SELECT, no ORM object)."""
        conn = await self.session.connection()
        row = (
            await conn.execute(_INBOX_STATUS, {"channel": channel, "pmid": provider_message_id})
        ).first()
        if row is None:
            return None
        return InboxStatus(row.id, row.processed_at is not None, row.conversation_id, row.response)

    async def mark_processed(
        self, inbox_id: int, conversation_id: uuid.UUID, response: dict[str, Any], at: datetime
    ) -> None:
        conn = await self.session.connection()
        await conn.execute(
            _MARK_PROCESSED,
            {"inbox_id": inbox_id, "conversation_id": conversation_id, "response": response,
             "processed_at": at},
        )

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
