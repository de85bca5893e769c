"""The staff API of CONTRACT.md: conversations across channels, claim, reply, release,
close; the live feed (SSE) for the inbox page; personal API tokens."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import Field

from bot.engine import resume_prompt
from bot.state import DialogueState
from core.errors import InvalidContact, InvalidCursor, NotFound
from core.models import Booking, Conversation, Customer, Lead, Message
from core.repositories.conversations import HELD, ConversationRepository
from core.repositories.users import UserRepository
from core.services import staff
from core.services.auth import Principal, issue_token
from webhooks.container import Container
from webhooks.deps import get_container, require_staff
from webhooks.schemas import Strict, booking_fields, customer_json

router = APIRouter()

Status = Literal["bot", "escalated", "staff", "closed"]
Channel = Literal["sms", "telegram", "webchat"]
POLL_SECONDS = 1.0
STREAM_SECONDS = 30.0  # then the browser reconnects (Last-Event-ID): bounded streams
PING_SECONDS = 15.0


class ReplyIn(Strict):
    text: str = Field(min_length=1, max_length=staff.MAX_REPLY)


class TokenIn(Strict):
    name: str = Field(default="", max_length=100)


# ------------------------------------------------------------------------------ shapes


def conversation_json(
    conv: Conversation,
    cust: Customer | None,
    *,
    preview: str | None = None,
    assigned_to: str | None = None,
) -> dict[str, Any]:
    return {
        "id": str(conv.id),
        "channel": conv.channel,
        "status": conv.status,
        "external_id": conv.external_id,
        "customer": customer_json(cust),
        "last_message_at": conv.last_message_at.isoformat() if conv.last_message_at else None,
        "escalation_reason": conv.escalation_reason,
        "assigned_user_id": str(conv.assigned_user_id) if conv.assigned_user_id else None,
        "assigned_to": assigned_to,
        "preview": preview,
    }


def message_json(m: Message, names: dict[uuid.UUID, str] | None = None) -> dict[str, Any]:
    return {
        "id": m.id,
        "direction": m.direction,
        "author": m.author,
        "author_name": (names or {}).get(m.user_id) if m.user_id else None,
        "text": m.text,
        "created_at": m.created_at.isoformat() if m.created_at else None,
    }


def lead_json(lead: Lead | None) -> dict[str, Any] | None:
    if lead is None:
        return None
    return {
        "id": str(lead.id),
        "source": lead.source,
        "status": lead.status,
        "adults": lead.adults,
        "kids": lead.kids,
        "zip": lead.zip,
        "event_date": lead.event_date.isoformat() if lead.event_date else None,
        "quote_total_cents": lead.quote_total_cents,
    }


BRIEF = ("id", "status", "date", "time", "adults", "kids", "zip", "address", "total_cents", "deposit_cents",
         "notes")


def booking_brief(b: Booking) -> dict[str, Any]:
    """The fields of the public booking shape that the staff thread shows."""
    full = booking_fields(b)
    return {k: full[k] for k in BRIEF}


def _uuid(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound(f"No conversation {raw!r}.") from exc


def _cursor(raw: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not raw:
        return None
    try:
        ts, _, cid = raw.partition("|")
        at = datetime.fromisoformat(ts)
        if at.tzinfo is None:
            raise ValueError("naive")
        return at, uuid.UUID(cid)
    except ValueError as exc:
        raise InvalidCursor("cursor: not a cursor this API gave out.") from exc


# ----------------------------------------------------------------------- read models


async def conversation_page(
    c: Container,
    *,
    statuses: tuple[str, ...] = (),
    channel: str | None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """One page of conversations, newest activity first (also used by /staff)."""
    async with c.uow() as uow:
        repo = ConversationRepository(uow.session)
        rows = await repo.page(
            statuses=statuses, channel=channel, before=_cursor(cursor), limit=limit + 1
        )
        page = rows[:limit]
        previews = await repo.last_texts([conv.id for conv, _ in page])
        names = await repo.user_names(
            [conv.assigned_user_id for conv, _ in page if conv.assigned_user_id]
        )
    items = [
        conversation_json(
            conv,
            cust,
            preview=previews.get(conv.id),
            assigned_to=names.get(conv.assigned_user_id) if conv.assigned_user_id else None,
        )
        for conv, cust in page
    ]
    nxt = None
    if len(rows) > limit and page:
        last = page[-1][0]
        nxt = f"{last.last_message_at.isoformat()}|{last.id}"
    return {"items": items, "next_cursor": nxt}


async def conversation_detail(c: Container, conversation_id: uuid.UUID) -> dict[str, Any]:
    """The conversation, its whole history oldest first, and the customer's quote and
    bookings (shown beside the thread)."""
    async with c.uow() as uow:
        repo = ConversationRepository(uow.session)
        found = await repo.with_customer(conversation_id)
        if found is None:
            raise NotFound(f"No conversation {conversation_id}.")
        conv, cust = found
        messages = await repo.messages(conv.id)
        users = {m.user_id for m in messages if m.user_id}
        if conv.assigned_user_id:
            users.add(conv.assigned_user_id)
        names = await repo.user_names(list(users))
        lead = await repo.customer_lead(cust.id) if cust else None
        bookings = await repo.customer_bookings(cust.id) if cust else []
    out = conversation_json(
        conv,
        cust,
        preview=messages[-1].text if messages else None,
        assigned_to=names.get(conv.assigned_user_id) if conv.assigned_user_id else None,
    )
    out["messages"] = [message_json(m, names) for m in messages]
    out["lead"] = lead_json(lead)
    out["bookings"] = [booking_brief(b) for b in bookings]
    return out


def resume_for(conv: Conversation, now: datetime) -> staff.Resume | None:
    """The bot's question for the first missing detail of an unfinished quote or
    booking form, and the state that expects the answer; None when nothing is open."""
    state = DialogueState.from_json(conv.state)
    ask = resume_prompt(state, conv.channel)
    if ask is None:
        return None
    return staff.Resume(text=ask.text, buttons=list(ask.buttons), state=state.to_json())


async def _act(
    c: Container, conversation_id: str, action: str, who: Principal, **kw: Any
) -> dict[str, Any]:
    """Run one staff action under the conversation's lock, in one unit of work."""
    cid = _uuid(conversation_id)
    now = c.now()
    async with c.uow() as uow:
        s = uow.session
        repo = ConversationRepository(s)
        conv = await repo.get(cid)
        if conv is None:
            raise NotFound(f"No conversation {conversation_id}.")
        await repo.lock(conv)
        extra: dict[str, Any] = {}
        if action == "claim":
            await staff.claim(s, conv, who, now, force=kw.get("force", False))
        elif action == "reply":
            msg = await staff.reply(s, conv, who, kw["text"], now)
            extra["message"] = message_json(msg)
        elif action == "release":
            said = await staff.release(s, conv, who, now, resume_for(conv, now))
            extra["resumed"] = message_json(said) if said is not None else None
        elif action == "close":
            await staff.close(s, conv, who, now)
        await uow.commit()
    if action in ("reply", "release"):
        c.kick_outbox()
    detail = await conversation_detail(c, cid)
    detail.pop("messages")
    return {**detail, **extra}


# ---------------------------------------------------------------------------- routes


@router.get("/api/conversations")
async def list_conversations(
    status: Status | None = Query(None),
    channel: Channel | None = Query(None),
    cursor: str | None = Query(None, max_length=120),
    limit: int = Query(50, ge=1, le=200),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await conversation_page(
        c, statuses=(status,) if status else (), channel=channel, cursor=cursor, limit=limit
    )


@router.get("/api/conversations/{conversation_id}")
async def get_conversation(
    conversation_id: str,
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await conversation_detail(c, _uuid(conversation_id))


@router.post("/api/conversations/{conversation_id}/claim")
async def claim_conversation(
    conversation_id: str,
    force: bool = Query(False),
    c: Container = Depends(get_container),
    who: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await _act(c, conversation_id, "claim", who, force=force)


@router.post("/api/conversations/{conversation_id}/messages", status_code=201)
async def reply_to_conversation(
    conversation_id: str,
    body: ReplyIn,
    c: Container = Depends(get_container),
    who: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await _act(c, conversation_id, "reply", who, text=body.text)


@router.post("/api/conversations/{conversation_id}/release")
async def release_conversation(
    conversation_id: str,
    c: Container = Depends(get_container),
    who: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await _act(c, conversation_id, "release", who)


@router.post("/api/conversations/{conversation_id}/close")
async def close_conversation(
    conversation_id: str,
    c: Container = Depends(get_container),
    who: Principal = Depends(require_staff),
) -> dict[str, Any]:
    return await _act(c, conversation_id, "close", who)


# ------------------------------------------------------------------------- live feed


class LiveFeed:
    """Changes since a cursor, read from the database (so it sees every process):
    new messages by id, and status changes of conversations people hold."""

    def __init__(self, c: Container, after: int) -> None:
        self.c = c
        self.after = after
        self.held: dict[uuid.UUID, tuple[str, uuid.UUID | None, str | None]] | None = None

    async def poll(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        async with self.c.uow() as uow:
            repo = ConversationRepository(uow.session)
            if self.after < 0:
                self.after = await repo.last_message_id()
            for m, conv, cust in await repo.messages_after(self.after):
                events.append(
                    {
                        "type": "message",
                        "conversation": conversation_json(conv, cust, preview=m.text),
                        "message": message_json(m),
                    }
                )
                self.after = m.id
            rows = await repo.held_or(list(self.held or {}))
            names = await repo.user_names(
                [conv.assigned_user_id for conv, _ in rows if conv.assigned_user_id]
            )
        seen: dict[uuid.UUID, tuple[str, uuid.UUID | None, str | None]] = {}
        for conv, cust in rows:
            key = (conv.status, conv.assigned_user_id, conv.escalation_reason)
            if self.held is not None and self.held.get(conv.id) != key:
                assigned = names.get(conv.assigned_user_id) if conv.assigned_user_id else None
                events.append(
                    {
                        "type": "conversation",
                        "conversation": conversation_json(conv, cust, assigned_to=assigned),
                    }
                )
            if conv.status in HELD:
                seen[conv.id] = key
        self.held = seen
        return events


def _sse(event: dict[str, Any], last_id: int) -> str:
    return f"id: {last_id}\nevent: {event['type']}\ndata: {json.dumps(event)}\n\n"


MAX_ID = 2**62


@router.get("/api/staff/changes")
async def staff_changes(
    after: int = Query(-1, ge=-1, le=MAX_ID),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> dict[str, Any]:
    """One poll of the live feed (the SSE stream below, for clients without it)."""
    feed = LiveFeed(c, after)
    feed.held = {}
    events = await feed.poll()
    return {"events": events, "cursor": feed.after}


@router.get("/api/staff/events", include_in_schema=False)  # a stream, not a JSON API
async def staff_events(
    request: Request,
    after: int = Query(-1, ge=-1, le=MAX_ID),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_staff),
) -> Response:
    """Server-sent events for the inbox: `message` (any new message, with its
    conversation) and `conversation` (a status or owner change)."""
    last = request.headers.get("last-event-id", "")
    feed = LiveFeed(c, int(last) if last.isdigit() and len(last) < 19 else after)
    await feed.poll()  # the starting picture; the page already shows it

    async def stream() -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        started = quiet = loop.time()
        yield f"retry: 1000\nid: {feed.after}\nevent: ready\ndata: {{}}\n\n"
        while loop.time() - started < STREAM_SECONDS:
            await asyncio.sleep(POLL_SECONDS)
            if await request.is_disconnected():
                return
            for event in await feed.poll():
                quiet = loop.time()
                yield _sse(event, feed.after)
            if loop.time() - quiet > PING_SECONDS:
                quiet = loop.time()
                yield ": ping\n\n"

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


# ------------------------------------------------------------------- personal tokens


@router.post("/api/tokens", status_code=201)
async def create_token(
    body: TokenIn,
    c: Container = Depends(get_container),
    who: Principal = Depends(require_staff),
) -> dict[str, Any]:
    """A personal API token for scripts; shown once, stored only as a hash."""
    if who.user_id is None:
        raise InvalidContact("The bootstrap admin token cannot mint personal tokens.")
    async with c.uow() as uow:
        repo = UserRepository(uow.session)
        user = await repo.get(who.user_id)
        assert user is not None
        token = await issue_token(repo, user, "api", body.name)
        await uow.commit()
    return {"token": token, "name": body.name}


@router.get("/api/tokens")
async def list_tokens(
    c: Container = Depends(get_container), who: Principal = Depends(require_staff)
) -> dict[str, Any]:
    if who.user_id is None:
        return {"items": [], "next_cursor": None}
    async with c.uow() as uow:
        tokens = await UserRepository(uow.session).api_tokens(who.user_id)
    return {
        "items": [
            {"id": tk.id, "name": tk.name, "created_at": tk.created_at.isoformat()}
            for tk in tokens
        ],
        "next_cursor": None,
    }


@router.delete("/api/tokens/{token_id}", status_code=204)
async def delete_token(
    token_id: str, c: Container = Depends(get_container), who: Principal = Depends(require_staff)
) -> Response:
    async with c.uow() as uow:
        gone = (
            who.user_id is not None
            and token_id.isdigit()
            and len(token_id) < 19
            and await UserRepository(uow.session).delete_token_of(who.user_id, int(token_id))
        )
        await uow.commit()
    if not gone:
        raise NotFound(f"No token {token_id}.")
    return Response(status_code=204)
