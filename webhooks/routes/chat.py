"""The public web chat: JSON turns, the page, and a WebSocket for later messages."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse
from pydantic import Field, field_validator

from channels.base import ChannelName, InboundMessage
from core.repositories.conversations import ConversationRepository
from webhooks.container import Container
from webhooks.deps import get_container
from webhooks.schemas import Strict
from webhooks.turns import process_message

router = APIRouter()
HISTORY_LIMIT = 100
PAGE = Path(__file__).resolve().parent.parent / "static" / "chat.html"


class ChatIn(Strict):
    session_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(max_length=4000)
    message_id: str | None = Field(default=None, max_length=64)  # client retry key

    @field_validator("session_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """``""`` means no session yet (a page with nothing stored): start a new one."""
        return None if value == "" else value


@router.post("/api/chat")
async def chat(body: ChatIn, c: Container = Depends(get_container)) -> dict[str, Any]:
    session_id = body.session_id or uuid.uuid4().hex
    msg = InboundMessage(
        channel=ChannelName.WEBCHAT,
        sender=session_id,
        text=body.text,
        provider_message_id=f"{session_id}:{body.message_id or uuid.uuid4().hex}",
        received_at=c.now(),
    )
    outcome = await process_message(c, msg)
    return {
        "session_id": session_id,
        "replies": [{"text": r.text, "buttons": list(r.buttons), "kind": r.kind} for r in outcome.replies],
    }


@router.get("/api/chat/history")
async def chat_history(
    session_id: str = Query(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    """The last messages of a web-chat session (the id is a 128-bit secret of its page)."""
    async with c.uow() as uow:
        repo = ConversationRepository(uow.session)
        conv = await repo.by_external("webchat", session_id)
        messages = await repo.messages(conv.id) if conv is not None else []
    return {
        "items": [
            {"direction": m.direction, "author": m.author, "text": m.text,
             "buttons": list(m.buttons or []), "created_at": m.created_at.isoformat()}
            for m in messages[-HISTORY_LIMIT:]
        ],
        "next_cursor": None,
    }


@router.get("/chat", response_class=HTMLResponse)
async def chat_page() -> HTMLResponse:
    return HTMLResponse(PAGE.read_text(encoding="utf-8"))


@router.websocket("/api/chat/ws")
async def chat_ws(ws: WebSocket, session_id: str) -> None:
    c: Container = ws.app.state.container
    await ws.accept()
    hub = c.webchat
    if hub is None or not session_id or len(session_id) > 64:
        await ws.close()
        return
    hub.connect(session_id, ws.send_text)
    try:
        while True:
            await ws.receive_text()  # keep-alive pings from the page; nothing to do
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect(session_id, ws.send_text)
