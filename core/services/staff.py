"""Staff work on a conversation: claim it, reply on the customer's channel, hand it
back to the bot, close it.

Callers take the conversation's lock first (`ConversationRepository.lock`), so a staff
action and an inbound customer message never interleave. Nothing here commits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from core.errors import Conflict
from core.models import Conversation, Message
from core.redact import mask_phone
from core.repositories.conversations import ConversationRepository
from core.repositories.outbox import OptOutRepository, OutboxRepository
from core.services.auth import Principal

MAX_REPLY = 1600  # ten SMS segments; Telegram takes 4096, so SMS is the bound


class AlreadyClaimed(Conflict):
    code = "already_claimed"

    def __init__(self, conversation_id: object) -> None:
        super().__init__(
            f"Conversation {conversation_id} is held by another staff member; "
            "claim it with force=true to take it over."
        )
        self.conversation_id = conversation_id


class ConversationClosed(Conflict):
    code = "conversation_closed"

    def __init__(self, conversation_id: object) -> None:
        super().__init__(f"Conversation {conversation_id} is closed.")
        self.conversation_id = conversation_id


class RecipientOptedOut(Conflict):
    code = "opted_out"

    def __init__(self) -> None:
        super().__init__("The customer opted out of SMS (STOP); nothing can be sent to them.")


@dataclass(frozen=True, slots=True)
class Resume:
    """What the bot says when it takes a conversation back mid-form, and the dialogue
    state that goes with it (so the customer's answer lands in the right slot)."""

    text: str
    buttons: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)


def _held_by_other(conv: Conversation, who: Principal) -> bool:
    return (
        conv.status == "staff"
        and conv.assigned_user_id is not None
        and conv.assigned_user_id != who.user_id
    )


async def claim(
    session: AsyncSession, conv: Conversation, who: Principal, now: datetime, *, force: bool = False
) -> Conversation:
    """Take the conversation: the bot stays silent until it is released."""
    if _held_by_other(conv, who) and not force:
        raise AlreadyClaimed(conv.id)
    conv.status = "staff"
    conv.assigned_user_id = who.user_id
    conv.staff_touched = True
    await ConversationRepository(session).resolve_escalations(conv.id, who.user_id)
    await session.flush()
    return conv


async def reply(
    session: AsyncSession, conv: Conversation, who: Principal, text: str, now: datetime
) -> Message:
    """A staff message: one `messages` row plus one outbox row, delivered on the
    customer's own channel by the outbox worker. Replying claims an unclaimed
    conversation (a person is talking now, so the bot must not)."""
    if conv.status == "closed":
        raise ConversationClosed(conv.id)
    if _held_by_other(conv, who):
        raise AlreadyClaimed(conv.id)
    if conv.channel == "sms" and await OptOutRepository(session).is_opted_out(conv.external_id):
        raise RecipientOptedOut()
    if conv.status != "staff":
        await claim(session, conv, who, now)
    repo = ConversationRepository(session)
    message = await repo.add_message(
        conv, direction="out", author="staff", text=text, kind="staff", user_id=who.user_id, at=now
    )
    conv.last_message_at = now
    conv.staff_touched = True
    await OutboxRepository(session).enqueue(
        conversation_id=conv.id,
        channel=conv.channel,
        recipient=conv.external_id,
        text=text,
        buttons=[],
        kind="staff",
        idempotency_key=f"staff:{message.id}",
    )
    return message


async def release(
    session: AsyncSession,
    conv: Conversation,
    who: Principal,
    now: datetime,
    resume: Resume | None,
) -> Message | None:
    """Hand the conversation back to the bot; with `resume`, the bot picks up the form
    it was filling (its question goes out like any bot message). Releasing a
    conversation the bot already has changes nothing."""
    if conv.status == "closed":
        raise ConversationClosed(conv.id)
    if conv.status == "bot":
        return None
    if _held_by_other(conv, who) and who.role != "admin":
        raise AlreadyClaimed(conv.id)
    repo = ConversationRepository(session)
    await repo.resolve_escalations(conv.id, who.user_id)
    conv.status = "bot"
    conv.assigned_user_id = None
    conv.escalation_reason = None
    if resume is None:
        await session.flush()
        return None
    conv.state = resume.state
    message = await repo.add_message(
        conv, direction="out", author="bot", text=resume.text, buttons=resume.buttons,
        kind="resume", at=now,
    )
    conv.last_message_at = now
    await OutboxRepository(session).enqueue(
        conversation_id=conv.id,
        channel=conv.channel,
        recipient=conv.external_id,
        text=resume.text,
        buttons=resume.buttons,
        kind="resume",
        idempotency_key=f"resume:{message.id}",
    )
    return message


async def close(
    session: AsyncSession, conv: Conversation, who: Principal, now: datetime
) -> Conversation:
    """Done: the next customer message starts afresh with the bot."""
    if _held_by_other(conv, who) and who.role != "admin":
        raise AlreadyClaimed(conv.id)
    await ConversationRepository(session).resolve_escalations(conv.id, who.user_id)
    conv.status = "closed"
    conv.assigned_user_id = None
    await session.flush()
    return conv


StaffAlert = Callable[[Conversation, str], Awaitable[None]]


def make_staff_alert(
    *, sms_to: str | None, telegram_chat: str | None, base_url: str | None
) -> StaffAlert | None:
    """The `notify_staff` hook (webhooks/turns.py calls it inside the turn's unit of
    work): one alert per escalation to the on-call phone and/or a staff Telegram chat,
    queued in the outbox with the turn, so it leaves only if the escalation commits.
    Customer messages while the escalation is open add nothing. None: not configured."""
    targets = [(ch, to) for ch, to in (("sms", sms_to), ("telegram", telegram_chat)) if to]
    if not targets:
        return None
    link = f"{(base_url or '').rstrip('/')}/staff?c="

    async def alert(conv: Conversation, text: str) -> None:
        session = async_object_session(conv)
        if conv.status != "escalated" or session is None:
            return
        escalation = await ConversationRepository(session).latest_escalation_id(conv.id)
        who = mask_phone(conv.external_id) if conv.channel == "sms" else conv.channel
        body = (
            f"Escalation ({conv.escalation_reason or 'needs a person'}) from {who}: "
            f"\"{text[:140]}\" {link}{conv.id}"
        )
        for channel, recipient in targets:
            await OutboxRepository(session).enqueue(
                conversation_id=None,
                channel=channel,
                recipient=recipient,
                text=body,
                buttons=[],
                kind="staff_alert",
                idempotency_key=f"alert:{channel}:{conv.id}:{escalation}",
            )

    return alert
