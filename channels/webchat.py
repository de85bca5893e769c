"""Web chat adapter: live delivery to the page's open WebSocket(s).

The web chat's turn-by-turn replies come back in the HTTP response of ``POST /api/chat``;
this hub only pushes *later* messages (staff replies, payment confirmations). With no
socket open nothing is lost: the message is in the conversation history the page loads.

The registry is per process. With several workers, a message may be sent by a worker
that does not hold the socket; then the page sees it on its next history load (or the
deployment fans out with PostgreSQL LISTEN/NOTIFY to every worker's hub).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable

from channels.base import ChannelName, OutboundMessage

__all__ = ["SendText", "WebchatHub", "webchat_payload"]

logger = logging.getLogger(__name__)

SendText = Callable[[str], Awaitable[None]]  # e.g. a Starlette WebSocket's send_text


def webchat_payload(message: OutboundMessage) -> str:
    """The JSON frame the page receives: ``{"text", "buttons", "kind"}``."""
    reply = message.reply
    return json.dumps(
        {"text": reply.text, "buttons": list(reply.buttons), "kind": reply.kind},
        ensure_ascii=False,
    )


class WebchatHub:
    """Open sockets by web-chat session id; implements :class:`channels.base.Channel`."""

    name = ChannelName.WEBCHAT

    def __init__(self) -> None:
        self._sockets: dict[str, list[SendText]] = {}

    def connect(self, session_id: str, send_text: SendText) -> None:
        """Register an open socket of a session (a customer may have several tabs)."""
        self._sockets.setdefault(session_id, []).append(send_text)

    def disconnect(self, session_id: str, send_text: SendText) -> None:
        """Forget a socket; unknown ones are ignored (a socket may close twice)."""
        sockets = self._sockets.get(session_id)
        if not sockets:
            return
        try:
            sockets.remove(send_text)
        except ValueError:
            return
        if not sockets:
            del self._sockets[session_id]

    def connected(self, session_id: str) -> int:
        """How many sockets the session has open here."""
        return len(self._sockets.get(session_id, ()))

    async def send(self, message: OutboundMessage) -> str:
        """Push the message to the session's open sockets; returns a delivery id."""
        frame = webchat_payload(message)
        delivered = 0
        for send_text in list(self._sockets.get(message.recipient, ())):
            try:
                await send_text(frame)
                delivered += 1
            except Exception as exc:  # a socket closing mid-send is routine, not an error
                logger.info("webchat: dropping a dead socket: %s", type(exc).__name__)
                self.disconnect(message.recipient, send_text)
        logger.debug("webchat: delivered to %d socket(s)", delivered)
        return f"webchat-{uuid.uuid4().hex}"
