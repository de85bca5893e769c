"""Conversations, their messages, the inbox and escalations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.driver import driver, jsonb
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

# Hot-path statements, sent straight to asyncpg (core/db/driver.py): an inbound
# message runs each of them once, and the ORM's (or even Core's) per-statement Python
# cost was the larger part of a turn's CPU.

# One statement, run outside any transaction block, is its own transaction: one round
# trip instead of four (BEGIN, SET LOCAL, INSERT, COMMIT). set_config(..., true) lasts
# until that transaction ends, which is after its commit record is written, so this
# commit does not wait for the WAL flush.
_RECORD_INBOX = (
    "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))"
    " INSERT INTO inbox (channel, provider_message_id, payload) SELECT $1, $2, $3 FROM relaxed"
    " ON CONFLICT ON CONSTRAINT uq_inbox_channel_provider_id DO NOTHING RETURNING id"
)
_INBOX_STATUS = (
    "SELECT id, processed_at, conversation_id, response FROM inbox"
    " WHERE channel = $1 AND provider_message_id = $2"
)
# The turn's messages and its inbox row in one round trip; ORDER BY keeps the messages'
# ids (the transcript's order) in the order given.
_MARK_PROCESSED = (
    "WITH written AS ("
    " INSERT INTO messages (conversation_id, direction, author, text, buttons, kind, created_at)"
    " SELECT $2, m.direction, m.author, m.text, m.buttons::jsonb, m.kind, coalesce(m.at, now())"
    " FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])"
    " WITH ORDINALITY AS m(direction, author, text, buttons, kind, at, n) ORDER BY m.n)"
    " UPDATE inbox SET conversation_id = $2, response = $3, processed_at = $4 WHERE id = $1"
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
        # RETURNING gives the new row as an ORM object; only a lost race reads it again.
        conv = await self.session.scalar(
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
            .returning(Conversation)
        )
        if conv is None:
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


@dataclass(frozen=True)
class NewMessage:
    """A transcript message a turn writes with its inbox row (``mark_processed``)."""

    direction: str
    author: str
    text: str
    buttons: tuple[str, ...] = ()
    kind: str | None = None
    at: datetime | None = None  # None: the database's clock


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

    async def record(
        self, channel: str, provider_message_id: str, payload: dict[str, Any]
    ) -> bool:
        """Record an inbound message and commit it at once, on its own (the session must
        not have begun a transaction). False when it was already recorded (a duplicate).

        The commit does not wait for the disk (``synchronous_commit = off``): the row is
        visible at once, on disk within ~200 ms and survives any crash of *our* process.
        A database crash could lose it, but would also fail the turn's own commit, which
        flushes it, so the provider retries."""
        raw = await driver(self.session, begin=False)
        if raw.is_in_transaction():
            raise RuntimeError("record() commits on its own: run it before anything else")
        return await raw.fetchval(_RECORD_INBOX, channel, provider_message_id, jsonb(payload)) is not None

    async def status(self, channel: str, provider_message_id: str) -> InboxStatus | None:
        """The row's id and whether it was answered (a plain SELECT, no ORM object)."""
        raw = await driver(self.session)
        row = await raw.fetchrow(_INBOX_STATUS, channel, provider_message_id)
        if row is None:
            return None
        return InboxStatus(
            row["id"], row["processed_at"] is not None, row["conversation_id"], row["response"]
        )

    async def mark_processed(
        self, inbox_id: int, conversation_id: uuid.UUID, response: dict[str, Any], at: datetime,
        messages: Sequence[NewMessage] = (),
    ) -> None:
        """Mark the row answered and append the turn's ``messages`` to the transcript, in
        one statement (the hot path's last before COMMIT)."""
        raw = await driver(self.session)
        await raw.execute(
            _MARK_PROCESSED, inbox_id, conversation_id, jsonb(response), at,
            [m.direction for m in messages], [m.author for m in messages],
            [m.text for m in messages], [jsonb(list(m.buttons)) for m in messages],
            [m.kind for m in messages], [m.at for m in messages],
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
